import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { WorkflowEntity } from './entities/workflow.entity';
import { WorkflowVersionEntity } from './entities/workflow-version.entity';
import { WorkflowsController } from './workflows.controller';
import { WorkflowsService } from './workflows.service';
import { ToolPackRegistry } from './tool-packs/tool-pack.registry';
import { TaskEntity } from './tool-packs/tasks/task.entity';
import { TasksService } from './tool-packs/tasks/tasks.service';
import { TasksToolPack } from './tool-packs/tasks/tasks.pack';
import { OpenAIProvider } from './providers/openai.provider';
import { BuiltinProvider } from './providers/builtin.provider';
import { ModelProviders } from './providers/model-providers';
import { WorkflowExecutor } from './executor/workflow-executor';

@Module({
  imports: [TypeOrmModule.forFeature([WorkflowEntity, WorkflowVersionEntity, TaskEntity]), AuditModule],
  controllers: [WorkflowsController],
  providers: [
    WorkflowsService,
    TasksService,
    TasksToolPack,
    // Every tool pack of the server; add new packs to `inject` and the factory's arguments.
    { provide: ToolPackRegistry, inject: [TasksToolPack], useFactory: (tasks: TasksToolPack) => new ToolPackRegistry([tasks]) },
    OpenAIProvider,
    BuiltinProvider,
    ModelProviders,
    WorkflowExecutor,
  ],
  exports: [WorkflowsService, ToolPackRegistry, WorkflowExecutor],
})
export class WorkflowsModule {}
