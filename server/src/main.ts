import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit, type AppConfig } from './config/app-config';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './database/embedded-postgres';
import { SeedService } from './seed/seed.service';

function say(line = ''): void {
  process.stdout.write(line + '\n');
}

async function main(): Promise<void> {
  let config = loadConfigOrExit();

  let embedded: EmbeddedDatabase | undefined;
  if (!config.databaseUrl) {
    embedded = await startEmbeddedPostgres(config.dataDir, (m) => say(`atrium: ${m}`));
    config = config.withDatabaseUrl(embedded.url);
    say(`atrium: embedded PostgreSQL is running (data in ${config.dataDir}/postgres)`);
  }

  try {
    await serve(config, embedded);
  } catch (e) {
    await embedded?.stop();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(`atrium: port ${config.port} is already in use. Stop the other program or set PORT.\n`);
      process.exit(1);
    }
    throw e;
  }
}

async function serve(config: AppConfig, embedded: EmbeddedDatabase | undefined): Promise<void> {
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
  try {
    await app.listen(config.port, config.host);
  } catch (e) {
    await app.close();
    throw e;
  }
  // Seed after listening: a generated password is printed only once, so never lose it to a failed start.
  const seed = await app.get(SeedService).seed();

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
  process.stderr.write(`atrium: failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
