import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from './auth.decorators';
import { OidcService } from './oidc.service';

/**
 * Browser sign-in with the configured OpenID provider (for chats published with
 * "require login"). The session cookie it sets is read by the chat endpoint.
 */
@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  constructor(private readonly oidc: OidcService) {}

  /** Starts a sign-in; `return_to` is a path on this site (default `/`). Redirects to the provider. */
  @Get('login')
  @Public()
  async login(@Query('return_to') returnTo: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, await this.oidc.startLogin(req, res, returnTo));
  }

  /** Where the provider sends the browser back; sets the session cookie and redirects to `return_to`. */
  @Get('callback')
  @Public()
  @ApiExcludeEndpoint()
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, await this.oidc.finishLogin(req, res));
  }

  /** Ends this browser's login session. */
  @Post('logout')
  @Public()
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.oidc.logout(req, res);
  }
}
