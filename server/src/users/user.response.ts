import type { UserResponse } from '@atrium/protocol';
import type { UserEntity } from './entities/user.entity';

export function toUserResponse(u: UserEntity): UserResponse {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    is_active: u.isActive,
    created_at: u.createdAt.toISOString(),
    updated_at: u.updatedAt.toISOString(),
    ...(u.lastLoginAt ? { last_login_at: u.lastLoginAt.toISOString() } : {}),
  };
}
