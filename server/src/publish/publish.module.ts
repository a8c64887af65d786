import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { AuthModule } from '../auth/auth.module';
import { WorkflowsModule } from '../workflows/workflows.module';
import { ChatSessionController } from './chat-session.controller';
import { ChatSessionService } from './chat-session.service';
import { ChatSessionTokensModule } from './chat-session-tokens.module';
import { FeaturesService } from './features.service';
import { HostedCallerResolver } from './hosted-caller';
import { HostedSessionsController } from './hosted-sessions.controller';
import { HostedSessionsService } from './hosted-sessions.service';
import { FeaturesController, PublicWorkflowsController, PublishController } from './publish.controller';
import { PublishService } from './publish.service';

/**
 * Publishing workflows as public chats, the public workflow page, feature flags,
 * chat session tokens for the Canvas bubble and hosted (OpenAI-managed) ChatKit sessions.
 */
@Module({
  imports: [AuthModule, WorkflowsModule, ChatSessionTokensModule, AccessModule],
  controllers: [PublishController, PublicWorkflowsController, FeaturesController, ChatSessionController, HostedSessionsController],
  providers: [PublishService, FeaturesService, ChatSessionService, HostedCallerResolver, HostedSessionsService],
  exports: [ChatSessionTokensModule, FeaturesService],
})
export class PublishModule {}
