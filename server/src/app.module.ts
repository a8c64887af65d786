import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { LoggingModule, type LoggingOptions } from './logging/logging.module';
import { DatabaseModule } from './database/database.module';
import { AuditModule } from './audit/audit.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { AuthModule } from './auth/auth.module';
import { UsersModule } from './users/users.module';
import { WorkflowsModule } from './workflows/workflows.module';
import { ChatkitModule } from './chatkit/chatkit.module';
import { PublishModule } from './publish/publish.module';
import { ChatPageModule } from './chat-page/chat-page.module';
import { HealthModule } from './health/health.module';
import { SeedModule } from './seed/seed.module';
import { TelemetryModule } from './telemetry/telemetry.module';

export interface AppModuleOptions {
  logging?: LoggingOptions;
}

@Module({})
export class AppModule {
  static register(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config, options.logging),
        DatabaseModule,
        AuditModule,
        RateLimitModule,
        UsersModule,
        AuthModule,
        WorkflowsModule,
        ChatkitModule,
        PublishModule,
        ChatPageModule,
        TelemetryModule,
        HealthModule,
        SeedModule,
      ],
    };
  }
}
