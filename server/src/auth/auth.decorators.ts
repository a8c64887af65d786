import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Permission } from '@atrium/protocol';
import type { Caller } from '../logging/request-context';

export const IS_PUBLIC = 'atrium:public';
export const REQUIRED_PERMISSION = 'atrium:permission';

/** Reachable without signing in. Every route must say either this or `@RequirePermission`. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Reachable by callers whose role grants `permission` (see PERMISSIONS in libs/protocol). */
export const RequirePermission = (permission: Permission) => SetMetadata(REQUIRED_PERMISSION, permission);

/** The signed-in caller, set by the auth guard. */
export const CurrentCaller = createParamDecorator((_data: unknown, ctx: ExecutionContext): Caller => {
  return ctx.switchToHttp().getRequest<{ caller: Caller }>().caller;
});
