import { AppConfig } from '../config/app-config';
import { allowedOriginsOf, chatPageContentSecurityPolicy, frameAncestorsDirective, isOriginAllowed, normalizeOrigin } from './embed-origins';

const config = AppConfig.load({ ATRIUM_DATA_DIR: '/tmp/atrium-embed-origins-spec', ATRIUM_JWT_SECRET: 'x'.repeat(40), PUBLIC_BASE_URL: 'https://atrium.example.com/' });

describe('embed origins', () => {
  it('normalizes origins and rejects anything else', () => {
    expect(normalizeOrigin('https://Intranet.Example.com:443')).toBe('https://intranet.example.com');
    expect(normalizeOrigin('http://localhost:4200')).toBe('http://localhost:4200');
    for (const bad of [undefined, '', 'null', 'ftp://x.example', 'https://x.example/path', 'https://u:p@x.example', 'https://x.example?q', 'intranet.example.com']) {
      expect(normalizeOrigin(bad)).toBeUndefined();
    }
  });

  it("allows Atrium's own origin by default and the workflow's allowed origins", () => {
    expect(allowedOriginsOf({ allowedOrigins: [] }, config)).toEqual(['https://atrium.example.com']);
    const wf = { allowedOrigins: ['https://intranet.example.com', 'https://INTRANET.example.com', 'not an origin'] };
    expect(allowedOriginsOf(wf, config)).toEqual(['https://atrium.example.com', 'https://intranet.example.com']);
    expect(isOriginAllowed('https://intranet.example.com', wf, config)).toBe(true);
    expect(isOriginAllowed('https://atrium.example.com', wf, config)).toBe(true);
    expect(isOriginAllowed('http://intranet.example.com', wf, config)).toBe(false);
    expect(isOriginAllowed('https://intranet.example.com.evil.test', wf, config)).toBe(false);
    expect(isOriginAllowed('null', wf, config)).toBe(false);
  });

  it('builds frame-ancestors for the public chat page from the same list', () => {
    expect(frameAncestorsDirective({ allowedOrigins: [] }, config)).toBe("frame-ancestors 'self'");
    expect(frameAncestorsDirective({ allowedOrigins: ['https://intranet.example.com', 'http://localhost:4200'] }, config)).toBe(
      "frame-ancestors 'self' https://intranet.example.com http://localhost:4200",
    );
    const csp = chatPageContentSecurityPolicy({ allowedOrigins: ['https://intranet.example.com'] }, config);
    expect(csp).toContain("default-src 'self'");
    expect(csp.endsWith("frame-ancestors 'self' https://intranet.example.com")).toBe(true);
  });
});
