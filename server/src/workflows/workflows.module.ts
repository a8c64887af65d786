import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { WorkflowEntity } from './entities/workflow.entity';
import { WorkflowVersionEntity } from './entities/workflow-version.entity';
import { WorkflowsController } from './workflows.controller';
import { WorkflowsService } from './workflows.service';
import { ToolPackRegistry } from './tool-packs.registry';

@Module({
  imports: [TypeOrmModule.forFeature([WorkflowEntity, WorkflowVersionEntity]), AuditModule],
  controllers: [WorkflowsController],
  providers: [WorkflowsService, ToolPackRegistry],
  exports: [WorkflowsService, ToolPackRegistry],
})
export class WorkflowsModule {}
