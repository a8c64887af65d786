import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, ConfigError } from './app-config';
import { ENV_SCHEMA } from './config.schema';

const dataDir = () => mkdtempSync(join(tmpdir(), 'atrium-config-'));

describe('AppConfig', () => {
  it('applies documented defaults', () => {
    const c = AppConfig.load({ ATRIUM_DATA_DIR: dataDir() });
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.publicBaseUrl).toBe('http://localhost:3000');
    expect(c.jwtTtlSeconds).toBe(3600);
    expect(c.historyItems).toBe(20);
    expect(c.widgetMaxBytes).toBe(50 * 1024);
    expect(c.adminEmail).toBe('admin@atrium.local');
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      AppConfig.load({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', ATRIUM_JWT_SECRET: 'short', ATRIUM_SEED_DEMO: 'maybe', ATRIUM_DATA_DIR: dataDir() });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const vars = (error as ConfigError).problems.map((p) => p.variable).sort();
    expect(vars).toEqual(['ATRIUM_JWT_SECRET', 'ATRIUM_SEED_DEMO', 'DATABASE_URL', 'LOG_LEVEL', 'PORT']);
    expect((error as ConfigError).message).toContain('PORT: must be an integer between 0 and 65535');
  });

  it('keeps a generated JWT secret in the data folder across restarts', () => {
    const dir = dataDir();
    const a = AppConfig.load({ ATRIUM_DATA_DIR: dir });
    const b = AppConfig.load({ ATRIUM_DATA_DIR: dir });
    expect(a.jwtSecret).toHaveLength(64);
    expect(b.jwtSecret).toBe(a.jwtSecret);
  });

  it('reads the OIDC provider, chat rate limits and Redis settings', () => {
    const c = AppConfig.load({
      ATRIUM_DATA_DIR: dataDir(),
      OIDC_ISSUER: 'https://login.example.com/realms/staff',
      OIDC_CLIENT_ID: 'atrium',
      OIDC_CLIENT_SECRET: 'shh',
      REDIS_URL: 'redis://127.0.0.1:6379/2',
      ATRIUM_RATE_LIMIT_WORKFLOW: '30',
    });
    expect(c.oidc).toEqual({ issuer: 'https://login.example.com/realms/staff', clientId: 'atrium', clientSecret: 'shh', scopes: 'openid email profile', sessionTtlSeconds: 28800 });
    expect(c.chatRateLimits).toEqual({ ip: 120, identity: 120, workflow: 30 });
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379/2');
    expect(c.redisKeyPrefix).toBe('atrium:');
    expect(AppConfig.load({ ATRIUM_DATA_DIR: dataDir() }).oidc).toBeUndefined();
  });

  it('refuses an incomplete or insecure OIDC configuration', () => {
    const problems = (env: Record<string, string>) => {
      try {
        AppConfig.load({ ATRIUM_DATA_DIR: dataDir(), ...env });
        return [];
      } catch (e) {
        return (e as ConfigError).problems.map((p) => p.variable).sort();
      }
    };
    expect(problems({ OIDC_ISSUER: 'https://idp.example.com' })).toEqual(['OIDC_CLIENT_ID']);
    expect(problems({ OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y' })).toEqual(['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET']);
    expect(problems({ OIDC_ISSUER: 'http://idp.example.com', OIDC_CLIENT_ID: 'x' })).toEqual(['OIDC_ISSUER']);
    expect(problems({ OIDC_ISSUER: 'http://127.0.0.1:9000', OIDC_CLIENT_ID: 'x' })).toEqual([]);
    expect(problems({ OIDC_ISSUER: 'https://idp.example.com', OIDC_CLIENT_ID: 'x', OIDC_SCOPES: 'email profile' })).toEqual(['OIDC_SCOPES']);
    expect(problems({ REDIS_URL: 'http://cache:6379', ATRIUM_RATE_LIMIT_IP: '0' })).toEqual(['ATRIUM_RATE_LIMIT_IP', 'REDIS_URL']);
  });

  it('README documents every variable the schema reads', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    const missing = Object.keys(ENV_SCHEMA.shape).filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
