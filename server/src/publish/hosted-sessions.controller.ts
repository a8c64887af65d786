import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { HostedChatkitSessionResponse } from '@atrium/protocol';
import { ChatRateLimitGuard } from '../access/chat-rate-limit.guard';
import { Public } from '../auth/auth.decorators';
import { HostedSessionDto } from './dto/publish.dto';
import { HostedSessionsService } from './hosted-sessions.service';

@ApiTags('chatkit')
@Controller('chatkit/sessions')
export class HostedSessionsController {
  constructor(private readonly hosted: HostedSessionsService) {}

  /**
   * A session of OpenAI's hosted ChatKit for a `hosted` workflow. Public route: the
   * caller is authenticated by HostedCallerResolver (access token, chat session token,
   * or nothing for a published workflow that does not require login). Rate limited per
   * client IP like the other chat routes (each call creates an upstream session).
   */
  @Post()
  @HttpCode(200)
  @Public()
  @UseGuards(ChatRateLimitGuard)
  @ApiBearerAuth()
  create(@Body() dto: HostedSessionDto, @Req() req: Request): Promise<HostedChatkitSessionResponse> {
    return this.hosted.create(req, dto.workflow_id);
  }
}
