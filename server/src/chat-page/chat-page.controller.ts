import { Controller, Get, Headers, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { EmbedConfigResponse } from '@atrium/protocol';
import { Public } from '../auth/auth.decorators';
import { DomainError } from '../common/errors/domain-error';
import { ChatAssets, isChatAssetName } from './chat-assets';
import { ChatPageService } from './chat-page.service';

/**
 * The public chat surfaces outside the API: the chat page (`/chat/:workflowId`),
 * the bubble's script (`/embed.js`) and the scripts both load (`/chat-assets/*`).
 * The app's global prefix skips these paths (configure-app.ts).
 */
@Controller()
export class ChatPageController {
  constructor(
    private readonly pages: ChatPageService,
    private readonly assets: ChatAssets,
  ) {}

  /** The share link of a published workflow: the chat, a sign-in card, or "not available" (404). */
  @Get('chat/:workflowId')
  @Public()
  @ApiExcludeEndpoint()
  async page(@Param('workflowId') workflowId: string, @Query('signed_in') signedIn: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const page = await this.pages.page(workflowId, req);
    res.setHeader('Content-Security-Policy', page.csp);
    // frame-ancestors decides who may frame the page; helmet's X-Frame-Options would refuse the allowed origins.
    res.removeHeader('X-Frame-Options');
    res.setHeader('Cache-Control', 'no-store');
    // The bubble's sign-in window lands here and tells its opener (another origin) that sign-in is done.
    if (signedIn !== undefined) res.setHeader('Cross-Origin-Opener-Policy', 'unsafe-none');
    res.status(page.status).type('html').send(page.html);
  }

  /** The chat bubble for other sites: `<script src="…/embed.js" data-workflow="<id>"></script>`. */
  @Get('embed.js')
  @Public()
  @ApiExcludeEndpoint()
  embed(@Req() req: Request, @Res() res: Response): void {
    this.assets.send('embed.js', req, res, 'short');
  }

  /** The element and page scripts (`?v=<hash>` URLs are immutable). */
  @Get('chat-assets/:file')
  @Public()
  @ApiExcludeEndpoint()
  asset(@Param('file') file: string, @Req() req: Request, @Res() res: Response): void {
    if (!isChatAssetName(file) || file === 'embed.js') throw new DomainError('route.not_found', `No chat asset named ${file.slice(0, 100)}.`);
    this.assets.send(file, req, res, 'versioned');
  }
}

/** `GET /api/embed/:workflowId`: what the bubble shows before the chat starts (any origin may read it). */
@ApiTags('chat page')
@Controller('embed')
export class EmbedConfigController {
  constructor(private readonly pages: ChatPageService) {}

  @Get(':workflowId')
  @Public()
  async config(@Param('workflowId') workflowId: string, @Headers('origin') origin: string | undefined, @Res({ passthrough: true }) res: Response): Promise<EmbedConfigResponse> {
    // Readable from every site (no cookies are involved), refusals included: the bubble explains them.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', 'no-store');
    res.vary('Origin');
    return this.pages.embedConfig(workflowId, origin);
  }
}
