import { normalizeOrigin, normalizeOrigins } from './origins';

describe('normalizeOrigin', () => {
  it.each([
    ['https://intranet.example.com', 'https://intranet.example.com'],
    ['HTTPS://Intranet.Example.COM', 'https://intranet.example.com'],
    ['  https://a.example.com  ', 'https://a.example.com'],
    ['https://a.example.com:443', 'https://a.example.com'],
    ['http://a.example.com:80', 'http://a.example.com'],
    ['http://localhost:4200', 'http://localhost:4200'],
    ['https://[::1]:8443', 'https://[::1]:8443'],
    ['https://bücher.example', 'https://xn--bcher-kva.example'],
  ])('accepts %s as %s', (input, expected) => {
    expect(normalizeOrigin(input)).toEqual({ ok: true, origin: expected });
  });

  it.each([
    '*',
    'https://*.example.com',
    '',
    'intranet.example.com',
    'https://a.example.com/',
    'https://a.example.com/path',
    'https://a.example.com?x=1',
    'https://a.example.com#top',
    'https://user:pw@a.example.com',
    'ftp://a.example.com',
    'javascript://a.example.com',
    'https://a.example.com:99999',
    'https://',
    'https://exa mple.com',
  ])('rejects %j', (input) => {
    const check = normalizeOrigin(input);
    expect(check.ok).toBe(false);
  });

  it('names each bad entry and drops duplicates after normalisation', () => {
    expect(normalizeOrigins(['https://A.example.com', 'https://a.example.com:443', 'http://b.example.com'])).toEqual({
      origins: ['https://a.example.com', 'http://b.example.com'],
      errors: [],
    });
    const bad = normalizeOrigins(['https://ok.example.com', '*', 'https://x.example.com/app']);
    expect(bad.errors.map((e) => e.field)).toEqual(['allowed_origins[1]', 'allowed_origins[2]']);
    expect(bad.errors[0].message).toContain('wildcard');
  });

  it('refuses more than 50 origins', () => {
    const many = Array.from({ length: 51 }, (_, i) => `https://h${i}.example.com`);
    expect(normalizeOrigins(many).errors).toEqual([{ field: 'allowed_origins', message: 'must list at most 50 origins' }]);
  });
});
