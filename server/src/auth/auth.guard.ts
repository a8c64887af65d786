import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { roleHasPermission, type Permission } from '@atrium/protocol';
import { DomainError } from '../common/errors/domain-error';
import { requestContext, type Caller } from '../logging/request-context';
import { IS_PUBLIC, REQUIRED_PERMISSION } from './auth.decorators';
import { AuthService, bearerToken } from './auth.service';

/**
 * Global guard, deny by default: a route runs only if it is `@Public()` or the
 * caller's role grants the route's `@RequirePermission(...)`.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (!permission) {
      this.logger.error({ handler: context.getHandler().name }, 'Route declares no access policy; refusing');
      throw new DomainError('auth.forbidden', 'This route is not available.');
    }

    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; caller?: Caller }>();
    const caller = await this.authenticate(req.headers.authorization);
    req.caller = caller;
    requestContext.assign({ caller });
    if (!roleHasPermission(caller.role, permission)) {
      throw new DomainError('auth.forbidden', `Your role (${caller.role}) does not allow this (${permission}).`);
    }
    return true;
  }

  private async authenticate(header: string | undefined): Promise<Caller> {
    const token = bearerToken(header);
    if (!token) throw new DomainError('auth.unauthenticated', 'Sign in first: send an Authorization: Bearer <token> header.');
    return this.auth.verifyAccessToken(token);
  }
}
