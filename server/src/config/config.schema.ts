import { z } from 'zod';

const bool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? def : ['true', '1', 'yes'].includes(v)));

const int = (def: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return def;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be an integer between ${min} and ${max}` });
        return z.NEVER;
      }
      return n;
    });

const url = (protocols: string[]) =>
  z
    .string()
    .optional()
    .refine(
      (v) => {
        if (v === undefined || v === '') return true;
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      { message: `must be a URL (${protocols.join(' or ')})` },
    )
    .transform((v) => (v === '' ? undefined : v));

/**
 * Every environment variable Atrium reads, with its default. README.md documents
 * the same list; `config.spec.ts` fails if the two drift apart.
 */
export const ENV_SCHEMA = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).optional().default('production'),
  PORT: int(3000, 0, 65535),
  HOST: z.string().optional().default('0.0.0.0'),
  PUBLIC_BASE_URL: url(['http:', 'https:']),
  TRUST_PROXY: bool(false),
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  DATABASE_POOL_SIZE: int(10, 1, 200),
  ATRIUM_DATA_DIR: z.string().optional().default('./.atrium'),
  ATRIUM_ADMIN_EMAIL: z.email({ message: 'must be an email address' }).optional().default('admin@atrium.local'),
  ATRIUM_ADMIN_PASSWORD: z.string().min(8, { message: 'must be at least 8 characters' }).optional(),
  ATRIUM_SEED_DEMO: bool(true),
  ATRIUM_JWT_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  ATRIUM_JWT_TTL_SECONDS: int(3600, 60, 7 * 24 * 3600),
  ATRIUM_LOGIN_RATE_LIMIT: int(10, 1, 10_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional().default('info'),
  OPENAI_API_KEY: z.string().optional().transform((v) => (v === '' ? undefined : v)),
  OPENAI_BASE_URL: url(['http:', 'https:']),
  ATRIUM_MODEL_TIMEOUT_MS: int(60_000, 1_000, 600_000),
  ATRIUM_HISTORY_ITEMS: int(20, 1, 500),
  ATRIUM_MAX_TOOL_ROUNDS: int(8, 1, 50),
  ATRIUM_WIDGET_MAX_BYTES: int(50 * 1024, 1024, 5 * 1024 * 1024),
  ATRIUM_ATTACHMENT_MAX_BYTES: int(10 * 1024 * 1024, 1024, 512 * 1024 * 1024),
  ATRIUM_CHATKIT_PUBLISH_ENABLED: bool(true),
  ATRIUM_CHATKIT_CANVAS_ENABLED: bool(true),
  ATRIUM_CHAT_SESSION_TTL_SECONDS: int(300, 60, 300),
  OIDC_ISSUER: url(['http:', 'https:']),
  OIDC_CLIENT_ID: z.string().optional().transform((v) => (v === '' ? undefined : v)),
  OIDC_CLIENT_SECRET: z.string().optional().transform((v) => (v === '' ? undefined : v)),
  OIDC_SCOPES: z
    .string()
    .optional()
    .default('openid email profile')
    .refine((v) => v.split(/\s+/).includes('openid'), { message: 'must include openid' }),
  OIDC_SESSION_TTL_SECONDS: int(8 * 3600, 300, 30 * 24 * 3600),
  ATRIUM_RATE_LIMIT_IP: int(120, 1, 1_000_000),
  ATRIUM_RATE_LIMIT_IDENTITY: int(120, 1, 1_000_000),
  ATRIUM_RATE_LIMIT_WORKFLOW: int(60, 1, 1_000_000),
  ATRIUM_TELEMETRY_RATE_LIMIT: int(60, 1, 1_000_000),
  ATRIUM_SUPPORT_CONTACT: z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined)
    .refine((v) => v === undefined || (v.length <= 200 && !/[\u0000-\u001f\u007f]/.test(v)), { message: 'must be at most 200 characters on one line' }),
  REDIS_URL: url(['redis:', 'rediss:']),
  REDIS_KEY_PREFIX: z
    .string()
    .optional()
    .default('atrium:')
    .refine((v) => /^[A-Za-z0-9:_.-]{0,100}$/.test(v), { message: 'must be up to 100 letters, digits or : _ . -' }),
  ATRIUM_ATTACHMENT_TYPES: z
    .string()
    .optional()
    .default('image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,text/csv,text/markdown'),
});

export type RawEnv = z.input<typeof ENV_SCHEMA>;
export type ParsedEnv = z.output<typeof ENV_SCHEMA>;

/** Variables whose values must never be logged or returned. */
export const SECRET_ENV = ['DATABASE_URL', 'ATRIUM_ADMIN_PASSWORD', 'ATRIUM_JWT_SECRET', 'OPENAI_API_KEY', 'OIDC_CLIENT_SECRET', 'REDIS_URL'] as const;
