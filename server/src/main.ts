import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppConfig, ConfigError } from './config/app-config';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './database/embedded-postgres';
import { SeedService } from './seed/seed.service';

function say(line = ''): void {
  process.stdout.write(line + '\n');
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = AppConfig.load();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`atrium: ${e.message}\nSee README.md › Configuration.\n`);
      process.exit(2);
    }
    throw e;
  }

  let embedded: EmbeddedDatabase | undefined;
  if (!config.databaseUrl) {
    embedded = await startEmbeddedPostgres(config.dataDir, (m) => say(`atrium: ${m}`));
    config = config.withDatabaseUrl(embedded.url);
    say(`atrium: embedded PostgreSQL is running (data in ${config.dataDir}/postgres)`);
  }

  const app = await NestFactory.create(AppModule.register(config), { bufferLogs: true, bodyParser: false });
  configureApp(app, config);
  if (embedded) {
    const db = embedded;
    // Stop the database after the app has closed its pool (Ctrl-C, SIGTERM).
    const close = app.close.bind(app);
    app.close = async () => {
      await close();
      await db.stop();
    };
  }
  await app.init();

  const seed = await app.get(SeedService).seed();
  await app.listen(config.port, config.host);

  say('');
  say(`  Atrium is running: ${config.publicBaseUrl}/`);
  say(`  API docs:          ${config.publicBaseUrl}/api/docs`);
  if (seed.adminCreated) {
    say(`  Admin account:     ${seed.adminEmail}`);
    if (seed.generatedPassword) {
      say(`  Admin password:    ${seed.generatedPassword}   (generated; shown only this once; change it after signing in)`);
    } else {
      say('  Admin password:    the value of ATRIUM_ADMIN_PASSWORD');
    }
  }
  say('');
}

main().catch((e: unknown) => {
  process.stderr.write(`atrium: failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
