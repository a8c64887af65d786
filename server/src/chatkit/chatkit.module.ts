import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access/access.module';
import { AppConfig } from '../config/app-config';
import { WorkflowsModule } from '../workflows/workflows.module';
import { ChatkitAttachmentsService } from './chatkit-attachments.service';
import { ChatkitAuth } from './chatkit-auth';
import { ChatkitController } from './chatkit.controller';
import { ChatkitService } from './chatkit.service';
import { ChatkitStore } from './chatkit.store';
import { ChatkitStreamRunner } from './chatkit-stream';
import { ChatAttachmentEntity } from './entities/chat-attachment.entity';
import { ChatFeedbackEntity } from './entities/chat-feedback.entity';
import { ChatItemEntity } from './entities/chat-item.entity';
import { ChatThreadEntity } from './entities/chat-thread.entity';

/** `POST /api/chatkit` (the self-hosted ChatKit protocol), its storage and attachment uploads. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ChatThreadEntity, ChatItemEntity, ChatAttachmentEntity, ChatFeedbackEntity]),
    WorkflowsModule,
    AccessModule,
    MulterModule.registerAsync({
      inject: [AppConfig],
      // No `dest`/`storage`: multer keeps the (size-capped) file in memory.
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.attachmentMaxBytes, files: 1, fields: 20, parts: 25 } }),
    }),
  ],
  controllers: [ChatkitController],
  providers: [ChatkitService, ChatkitStreamRunner, ChatkitStore, ChatkitAttachmentsService, ChatkitAuth],
})
export class ChatkitModule {}
