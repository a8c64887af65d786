import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { MIGRATIONS } from '../../../migrations';
import { DatabaseLogger } from './typeorm-logger';

/** Connection options shared by the app, the migration CLI and the tests. */
export function postgresOptions(config: AppConfig) {
  if (!config.databaseUrl) throw new Error('No database URL: start the embedded database first.');
  return {
    type: 'postgres' as const,
    url: config.databaseUrl,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    uuidExtension: 'pgcrypto' as const,
    installExtensions: false,
    extra: { max: config.databasePoolSize, application_name: 'atrium' },
  };
}

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...postgresOptions(config),
        // Entities are registered by each module through TypeOrmModule.forFeature (no globbing).
        autoLoadEntities: true,
        migrationsRun: true,
        migrationsTransactionMode: 'each' as const,
        logger: new DatabaseLogger(),
        maxQueryExecutionTime: 1000,
      }),
    }),
  ],
})
export class DatabaseModule {}
