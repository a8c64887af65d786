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

  it('README documents every variable the schema reads', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    const missing = Object.keys(ENV_SCHEMA.shape).filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
