export default async function globalTeardown() {
  const pg = globalThis.__ATRIUM_PG__;
  if (pg) await pg.stop();
}
