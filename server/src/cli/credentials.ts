import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** What `atrium login` stores (file mode 0600). */
export interface StoredCredentials {
  url: string;
  token: string;
  email?: string;
  role?: string;
  expires_at?: string;
}

/** The server and token to use, and where they came from (for messages). */
export interface ResolvedCredentials {
  url: string;
  token: string | undefined;
  urlSource: 'ATRIUM_URL' | 'credentials' | 'default';
  tokenSource: 'ATRIUM_TOKEN' | 'credentials' | undefined;
}

export const DEFAULT_URL = 'http://localhost:3000';

type Env = Record<string, string | undefined>;

/** `$XDG_CONFIG_HOME/atrium/credentials.json` (`~/.config/atrium/credentials.json` by default). */
export function credentialsPath(env: Env = process.env): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(env.HOME || homedir(), '.config');
  return join(base, 'atrium', 'credentials.json');
}

export function readCredentials(env: Env = process.env): StoredCredentials | undefined {
  const file = credentialsPath(env);
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const c = parsed as Partial<StoredCredentials>;
  if (typeof c.url !== 'string' || typeof c.token !== 'string') return undefined;
  return c as StoredCredentials;
}

/** Writes the file atomically, readable by its owner only (directory 0700, file 0600). */
export function writeCredentials(credentials: StoredCredentials, env: Env = process.env): string {
  const file = credentialsPath(env);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
  return file;
}

/** Removes the stored credentials; false when there were none. */
export function removeCredentials(env: Env = process.env): boolean {
  const file = credentialsPath(env);
  if (!existsSync(file)) return false;
  rmSync(file, { force: true });
  return true;
}

/** `ATRIUM_URL` and `ATRIUM_TOKEN` override what `atrium login` stored. */
export function resolveCredentials(env: Env = process.env): ResolvedCredentials {
  const stored = readCredentials(env);
  const envUrl = env.ATRIUM_URL?.trim();
  const envToken = env.ATRIUM_TOKEN?.trim();
  const url = normalizeServerUrl(envUrl || stored?.url || DEFAULT_URL);
  return {
    url,
    token: envToken || stored?.token,
    urlSource: envUrl ? 'ATRIUM_URL' : stored ? 'credentials' : 'default',
    tokenSource: envToken ? 'ATRIUM_TOKEN' : stored ? 'credentials' : undefined,
  };
}

/** `https://atrium.example.com/` → `https://atrium.example.com`; throws on anything but an http(s) URL. */
export function normalizeServerUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new Error(`"${input}" is not a URL (expected e.g. http://localhost:3000).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`"${input}" must be an http:// or https:// URL.`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
