import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfigOrExit } from '../config/app-config';
import { redactConnectionString } from '../logging/redact';
import { postgresOptions } from './database.module';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres';

/**
 * `npm run migrate` (apply pending migrations) and `npm run migrate:revert`
 * (undo the newest one). Uses DATABASE_URL, or the embedded database in the data folder.
 */
async function main(direction: string | undefined): Promise<void> {
  if (direction !== 'up' && direction !== 'down') {
    process.stderr.write('usage: migrate.js up|down\n');
    process.exit(2);
  }
  let config = loadConfigOrExit();
  let embedded: EmbeddedDatabase | undefined;
  if (!config.databaseUrl) {
    embedded = await startEmbeddedPostgres(config.dataDir, (m) => process.stdout.write(`${m}\n`));
    config = config.withDatabaseUrl(embedded.url);
  }
  const dataSource = new DataSource({ ...postgresOptions(config), migrationsTransactionMode: 'each' });
  try {
    await dataSource.initialize();
    process.stdout.write(`database: ${embedded ? 'embedded' : redactConnectionString(config.databaseUrl!)}\n`);
    if (direction === 'up') {
      const applied = await dataSource.runMigrations();
      process.stdout.write(applied.length ? applied.map((m) => `applied ${m.name}\n`).join('') : 'nothing to apply: the schema is up to date\n');
    } else {
      const before = await dataSource.query('SELECT name FROM migrations ORDER BY id DESC LIMIT 1').catch(() => []);
      if (!before.length) process.stdout.write('nothing to revert\n');
      else {
        await dataSource.undoLastMigration();
        process.stdout.write(`reverted ${before[0].name}\n`);
      }
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
  }
}

main(process.argv[2]).catch((e: unknown) => {
  process.stderr.write(`migrate: ${e instanceof ConfigError ? e.message : e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
