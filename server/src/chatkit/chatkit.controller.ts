import { Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Attachment } from '@atrium/protocol';
import { ChatRateLimitGuard } from '../access/chat-rate-limit.guard';
import { Public } from '../auth/auth.decorators';
import { ChatkitAttachmentsService, type UploadedFileLike } from './chatkit-attachments.service';
import type { ChatkitRequest } from './chatkit-auth';
import { ChatkitUploadInterceptor } from './chatkit-upload.interceptor';
import { ChatkitService } from './chatkit.service';

@ApiTags('chatkit')
@Controller('chatkit')
export class ChatkitController {
  constructor(
    private readonly chatkit: ChatkitService,
    private readonly attachments: ChatkitAttachmentsService,
  ) {}

  /**
   * The ChatKit protocol endpoint: `{type, params, metadata}` in; JSON or an SSE stream
   * out, by type. The workflow is `?workflow_id=` or `metadata.workflow_id`.
   *
   * Public at the route level: who may chat (bearer access or session token, a
   * published workflow's OIDC login or anonymous visitor, allowed origins) is decided
   * per workflow by ChatkitAuth.resolveOwner → access/ChatAccessService.
   */
  @Post()
  @ApiBearerAuth()
  @Public()
  @UseGuards(ChatRateLimitGuard)
  handle(@Req() req: ChatkitRequest, @Res() res: Response): Promise<void> {
    return this.chatkit.handle(req, res);
  }

  /** Step 2 of the two-phase upload (`upload_descriptor.url`): multipart `file` field or the raw bytes. */
  @Post('attachments/:id/upload')
  @HttpCode(200)
  @ApiBearerAuth()
  @Public()
  @UseGuards(ChatRateLimitGuard)
  @UseInterceptors(ChatkitUploadInterceptor)
  upload(@Param('id') id: string, @Req() req: ChatkitRequest, @UploadedFile() file?: UploadedFileLike): Promise<Attachment> {
    return this.attachments.upload(id, req, file);
  }

  @Put('attachments/:id/upload')
  @ApiExcludeEndpoint()
  @Public()
  @UseGuards(ChatRateLimitGuard)
  @UseInterceptors(ChatkitUploadInterceptor)
  uploadPut(@Param('id') id: string, @Req() req: ChatkitRequest, @UploadedFile() file?: UploadedFileLike): Promise<Attachment> {
    return this.attachments.upload(id, req, file);
  }

  /**
   * An uploaded attachment's bytes (an image's `preview_url`). Reachable without a
   * Bearer header so `<img src>` works; the `token` in the URL (an HMAC of the id,
   * only ever handed to the attachment's owner) is the credential.
   */
  @Get('attachments/:id/content')
  @Public()
  async content(@Param('id') id: string, @Query('token') token: unknown, @Res() res: Response): Promise<void> {
    const content = await this.attachments.content(id, token);
    res.setHeader('Content-Type', content.mimeType);
    res.setHeader('Content-Length', String(content.bytes.length));
    res.setHeader('Cache-Control', 'private, max-age=3600');
    // Uploaded bytes never run as a page of ours; images may be shown by a chat UI on another origin.
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    if (content.mimeType.startsWith('image/')) res.setHeader('Content-Disposition', 'inline');
    else res.attachment(content.name);
    res.status(200).end(content.bytes);
  }
}
