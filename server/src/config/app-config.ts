import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ENV_SCHEMA, type ParsedEnv } from './config.schema';

/** The OpenID Connect provider employees sign in with (for workflows that require login). */
export interface OidcSettings {
  /** Issuer identifier (discovery at `<issuer>/.well-known/openid-configuration`). */
  readonly issuer: string;
  readonly clientId: string;
  /** Absent: a public client (PKCE only, no client authentication). */
  readonly clientSecret: string | undefined;
  readonly scopes: string;
  /** Lifetime of the login session cookie Atrium sets after a successful sign-in. */
  readonly sessionTtlSeconds: number;
}

/** Requests per minute on the chat routes (see access/chat-rate-limiter.ts). */
export interface ChatRateLimits {
  readonly ip: number;
  readonly identity: number;
  readonly workflow: number;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

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
  /** Publishing workflows as public chats (publish routes, public workflow page). */
  readonly chatkitPublishEnabled: boolean;
  /** Chat session tokens for the admin's Canvas chat bubble. */
  readonly chatkitCanvasEnabled: boolean;
  /** Lifetime of a chat session token (60–300 s). */
  readonly chatSessionTtlSeconds: number;
  /** Undefined when OIDC_ISSUER is not set (workflows that require login cannot be used then). */
  readonly oidc: OidcSettings | undefined;
  readonly chatRateLimits: ChatRateLimits;
  /** Undefined: rate-limit counters live in memory (one instance). */
  readonly redisUrl: string | undefined;
  readonly redisKeyPrefix: string;
  /** Telemetry events per minute per client IP (`POST /api/telemetry`). */
  readonly telemetryRateLimit: number;
  /**
   * Who visitors of the public chat page and bubble should contact when a chat is not
   * available (an email address, a URL or a short text); undefined: no contact line.
   */
  readonly supportContact: string | undefined;

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
    this.chatkitPublishEnabled = env.ATRIUM_CHATKIT_PUBLISH_ENABLED;
    this.chatkitCanvasEnabled = env.ATRIUM_CHATKIT_CANVAS_ENABLED;
    this.chatSessionTtlSeconds = env.ATRIUM_CHAT_SESSION_TTL_SECONDS;
    this.oidc =
      env.OIDC_ISSUER && env.OIDC_CLIENT_ID
        ? Object.freeze({
            issuer: env.OIDC_ISSUER,
            clientId: env.OIDC_CLIENT_ID,
            clientSecret: env.OIDC_CLIENT_SECRET,
            scopes: env.OIDC_SCOPES.split(/\s+/).filter(Boolean).join(' '),
            sessionTtlSeconds: env.OIDC_SESSION_TTL_SECONDS,
          })
        : undefined;
    this.chatRateLimits = Object.freeze({ ip: env.ATRIUM_RATE_LIMIT_IP, identity: env.ATRIUM_RATE_LIMIT_IDENTITY, workflow: env.ATRIUM_RATE_LIMIT_WORKFLOW });
    this.redisUrl = env.REDIS_URL;
    this.redisKeyPrefix = env.REDIS_KEY_PREFIX;
    this.telemetryRateLimit = env.ATRIUM_TELEMETRY_RATE_LIMIT;
    this.supportContact = env.ATRIUM_SUPPORT_CONTACT;
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
    const problems = crossFieldProblems(parsed);
    if (problems.length) throw new ConfigError(problems);
    return new AppConfig(parsed, parsed.ATRIUM_JWT_SECRET ?? loadOrCreateJwtSecret(resolve(parsed.ATRIUM_DATA_DIR)));
  }
}

/** Rules that involve several variables (each variable alone already parsed). */
function crossFieldProblems(env: ParsedEnv): { variable: string; message: string }[] {
  const problems: { variable: string; message: string }[] = [];
  if (env.OIDC_ISSUER) {
    const issuer = new URL(env.OIDC_ISSUER);
    if (issuer.protocol === 'http:' && !LOOPBACK_HOSTS.has(issuer.hostname)) {
      problems.push({ variable: 'OIDC_ISSUER', message: 'must be an https URL (http only for localhost)' });
    }
    if (!env.OIDC_CLIENT_ID) problems.push({ variable: 'OIDC_CLIENT_ID', message: 'is required when OIDC_ISSUER is set' });
  } else {
    for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const) {
      if (env[name]) problems.push({ variable: name, message: 'is set but OIDC_ISSUER is not' });
    }
  }
  return problems;
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
