import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { WorkflowsModule } from '../workflows/workflows.module';
import { ChatAssets } from './chat-assets';
import { ChatPageController, EmbedConfigController } from './chat-page.controller';
import { ChatPageService } from './chat-page.service';

/** The public chat page, the embeddable bubble's script and configuration, and the chat scripts. */
@Module({
  imports: [AuthModule, WorkflowsModule],
  controllers: [ChatPageController, EmbedConfigController],
  providers: [ChatPageService, ChatAssets],
})
export class ChatPageModule {}
