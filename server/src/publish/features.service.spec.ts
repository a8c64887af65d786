import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, ConfigError } from '../config/app-config';
import { FeaturesService } from './features.service';

const load = (env: Record<string, string> = {}) => AppConfig.load({ ATRIUM_DATA_DIR: mkdtempSync(join(tmpdir(), 'atrium-features-')), ...env });

describe('FeaturesService', () => {
  it('defaults: publishing and Canvas on, OIDC and hosted off', () => {
    expect(new FeaturesService(load()).features()).toEqual({ chatkit_publish_enabled: true, chatkit_canvas_enabled: true, oidc_enabled: false, hosted_enabled: false });
  });

  it('oidc_enabled follows OIDC_ISSUER, hosted_enabled follows OPENAI_API_KEY, flags follow their variables', () => {
    const config = load({
      OIDC_ISSUER: 'https://login.example.com',
      OIDC_CLIENT_ID: 'atrium',
      OPENAI_API_KEY: 'sk-x',
      ATRIUM_CHATKIT_PUBLISH_ENABLED: 'false',
      ATRIUM_CHATKIT_CANVAS_ENABLED: '0',
    });
    const features = new FeaturesService(config);
    expect(features.features()).toEqual({ chatkit_publish_enabled: false, chatkit_canvas_enabled: false, oidc_enabled: true, hosted_enabled: true });
    expect(() => features.assertPublishEnabled()).toThrow(expect.objectContaining({ code: 'feature.disabled' }));
    expect(() => features.assertCanvasEnabled()).toThrow(expect.objectContaining({ code: 'feature.disabled' }));
  });

  it('chat session TTL: default 300 s, accepted between 60 and 300', () => {
    expect(load().chatSessionTtlSeconds).toBe(300);
    expect(load({ ATRIUM_CHAT_SESSION_TTL_SECONDS: '60' }).chatSessionTtlSeconds).toBe(60);
    for (const bad of ['59', '301', '3600', 'soon']) {
      expect(() => load({ ATRIUM_CHAT_SESSION_TTL_SECONDS: bad })).toThrow(ConfigError);
    }
    expect(() => load({ ATRIUM_CHATKIT_PUBLISH_ENABLED: 'maybe' })).toThrow(ConfigError);
  });
});
