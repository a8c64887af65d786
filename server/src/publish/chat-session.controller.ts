import { Controller, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ChatSessionResponse } from '@atrium/protocol';
import { ChatRateLimitGuard } from '../access/chat-rate-limit.guard';
import { CurrentCaller, RequirePermission } from '../auth/auth.decorators';
import type { Caller } from '../logging/request-context';
import { ChatSessionService } from './chat-session.service';

@ApiTags('publish')
@ApiBearerAuth()
@Controller('workflows/:id/chatkit/session')
export class ChatSessionController {
  constructor(private readonly sessions: ChatSessionService) {}

  /** A short-lived chat token bound to this workflow and the caller (Canvas chat bubble). Rate limited per IP and per user. */
  @Post()
  @HttpCode(201)
  @RequirePermission('workflows.read')
  @UseGuards(ChatRateLimitGuard)
  issue(@Param('id', ParseUUIDPipe) id: string, @CurrentCaller() caller: Caller): Promise<ChatSessionResponse> {
    return this.sessions.issue(id, caller);
  }
}
