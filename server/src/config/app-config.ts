import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ENV_SCHEMA, type ParsedEnv } from './config.schema';

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      'Invalid configuration:\n' + problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n'),
    );
  }
}

/**
 * Typed, read-only settings, parsed once at boot. Inject `AppConfig` anywhere;
 * never read `process.env` outside this folder.
 */
export class AppConfig {
  readonly env: ParsedEnv['NODE_ENV'];
  readonly port: number;
  readonly host: string;
  readonly publicBaseUrl: string;
  readonly trustProxy: boolean;
  /** Undefined until the embedded database is started (see `withDatabaseUrl`). */
  readonly databaseUrl: string | undefined;
  readonly databasePoolSize: number;
  readonly dataDir: string;
  readonly adminEmail: string;
  readonly adminPassword: string | undefined;
  readonly seedDemo: boolean;
  readonly jwtSecret: string;
  readonly jwtTtlSeconds: number;
  readonly loginRateLimit: number;
  readonly logLevel: ParsedEnv['LOG_LEVEL'];
  readonly openaiApiKey: string | undefined;
  readonly openaiBaseUrl: string | undefined;
  readonly modelTimeoutMs: number;
  readonly historyItems: number;
  readonly maxToolRounds: number;
  readonly widgetMaxBytes: number;
  readonly attachmentMaxBytes: number;
  readonly attachmentTypes: readonly string[];

  constructor(env: ParsedEnv, jwtSecret: string) {
    this.env = env.NODE_ENV;
    this.port = env.PORT;
    this.host = env.HOST;
    this.publicBaseUrl = (env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
    this.trustProxy = env.TRUST_PROXY;
    this.databaseUrl = env.DATABASE_URL;
    this.databasePoolSize = env.DATABASE_POOL_SIZE;
    this.dataDir = resolve(env.ATRIUM_DATA_DIR);
    this.adminEmail = env.ATRIUM_ADMIN_EMAIL.toLowerCase();
    this.adminPassword = env.ATRIUM_ADMIN_PASSWORD;
    this.seedDemo = env.ATRIUM_SEED_DEMO;
    this.jwtSecret = jwtSecret;
    this.jwtTtlSeconds = env.ATRIUM_JWT_TTL_SECONDS;
    this.loginRateLimit = env.ATRIUM_LOGIN_RATE_LIMIT;
    this.logLevel = env.LOG_LEVEL;
    this.openaiApiKey = env.OPENAI_API_KEY;
    this.openaiBaseUrl = env.OPENAI_BASE_URL;
    this.modelTimeoutMs = env.ATRIUM_MODEL_TIMEOUT_MS;
    this.historyItems = env.ATRIUM_HISTORY_ITEMS;
    this.maxToolRounds = env.ATRIUM_MAX_TOOL_ROUNDS;
    this.widgetMaxBytes = env.ATRIUM_WIDGET_MAX_BYTES;
    this.attachmentMaxBytes = env.ATRIUM_ATTACHMENT_MAX_BYTES;
    this.attachmentTypes = env.ATRIUM_ATTACHMENT_TYPES.split(',').map((s) => s.trim()).filter(Boolean);
    Object.freeze(this);
  }

  /** A copy pointing at another database (used once the embedded server is up). */
  withDatabaseUrl(url: string): AppConfig {
    const copy = Object.create(AppConfig.prototype) as AppConfig;
    Object.assign(copy, this, { databaseUrl: url });
    return Object.freeze(copy);
  }

  /** Parse and validate `env`; throws ConfigError naming every bad variable. */
  static load(env: Record<string, string | undefined> = process.env): AppConfig {
    const result = ENV_SCHEMA.safeParse(env);
    if (!result.success) {
      const problems = result.error.issues.map((i) => ({
        variable: String(i.path[0] ?? '(env)'),
        message: i.message,
      }));
      throw new ConfigError(problems);
    }
    const parsed = result.data;
    return new AppConfig(parsed, parsed.ATRIUM_JWT_SECRET ?? loadOrCreateJwtSecret(resolve(parsed.ATRIUM_DATA_DIR)));
  }
}

/**
 * Without ATRIUM_JWT_SECRET a random secret is kept in the data folder so that
 * sign-ins survive restarts. Several instances must share an explicit secret.
 */
function loadOrCreateJwtSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/**
 * Loads the configuration for a command-line entry point. On a bad value it
 * prints every problem and exits with status 2 (no stack trace).
 */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): AppConfig {
  try {
    return AppConfig.load(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`atrium: ${e.message}\nSee README.md, section Configuration.\n`);
      process.exit(2);
    }
    throw e;
  }
}
