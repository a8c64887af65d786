import { MiddlewareConsumer, Module, RequestMethod, type NestModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkflowsModule } from '../workflows/workflows.module';
import { TelemetryEventEntity } from './entities/telemetry-event.entity';
import { TelemetryBodyMiddleware } from './telemetry-body.middleware';
import { TelemetryController } from './telemetry.controller';
import { TelemetryRateLimitGuard } from './telemetry-rate-limit.guard';
import { TelemetryRepository } from './telemetry.repository';
import { TelemetryService } from './telemetry.service';

/** Usage events of the chat surfaces (page, bubble, Canvas) and their counts for the admin. */
@Module({
  imports: [TypeOrmModule.forFeature([TelemetryEventEntity]), WorkflowsModule],
  controllers: [TelemetryController],
  providers: [TelemetryService, TelemetryRepository, TelemetryRateLimitGuard],
})
export class TelemetryModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(TelemetryBodyMiddleware).forRoutes({ path: 'telemetry', method: RequestMethod.POST });
  }
}
