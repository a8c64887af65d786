import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { createTestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';

describe('database schema', () => {
  it('entities and migrations agree: after all migrations the entities need no schema change', async () => {
    const t = await createTestApp();
    try {
      const pending = await t.dataSource.driver.createSchemaBuilder().log();
      const statements = pending.upQueries.map((q) => q.query);
      expect(statements).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('runs every migration up, then all down, then up again', async () => {
    const db = await createTestDatabase();
    const ds = new DataSource({ type: 'postgres', url: db.url, migrations: MIGRATIONS, migrationsTransactionMode: 'each' });
    try {
      await ds.initialize();
      expect((await ds.runMigrations()).length).toBe(MIGRATIONS.length);
      for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration();
      const tables = await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`);
      expect(tables).toEqual([]);
      expect((await ds.runMigrations()).length).toBe(MIGRATIONS.length);
      expect(await ds.showMigrations()).toBe(false);
    } finally {
      if (ds.isInitialized) await ds.destroy();
      await db.drop();
    }
  });

  it('never synchronises the schema from entities', async () => {
    const t = await createTestApp();
    try {
      expect(t.dataSource.options.synchronize).toBe(false);
    } finally {
      await t.close();
    }
  });
});
