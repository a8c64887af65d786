import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { WorkflowsModule } from '../workflows/workflows.module';
import { SeedService } from './seed.service';

@Module({ imports: [UsersModule, WorkflowsModule], providers: [SeedService], exports: [SeedService] })
export class SeedModule {}
