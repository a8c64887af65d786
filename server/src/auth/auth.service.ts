import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { LoginResponse, MeResponse } from '@atrium/protocol';
import { permissionsOf } from '@atrium/protocol';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/errors/domain-error';
import type { Caller } from '../logging/request-context';
import { UsersService } from '../users/users.service';
import { toUserResponse } from '../users/user.response';

export interface AccessTokenClaims {
  sub: string;
  typ: 'access';
  role: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string): Promise<LoginResponse> {
    const user = await this.users.verifyCredentials(email, password);
    if (!user) throw new DomainError('auth.invalid_credentials', 'Email or password is incorrect.');
    if (!user.isActive) throw new DomainError('auth.account_disabled', 'This account has been deactivated. Ask an administrator.');
    const claims: AccessTokenClaims = { sub: user.id, typ: 'access', role: user.role };
    const access_token = await this.jwt.signAsync(claims, { expiresIn: this.config.jwtTtlSeconds, algorithm: 'HS256' });
    return { access_token, token_type: 'Bearer', expires_in: this.config.jwtTtlSeconds, user: toUserResponse(user) };
  }

  async me(caller: Caller): Promise<MeResponse> {
    const user = await this.users.get(caller.id);
    return { user: toUserResponse(user), permissions: permissionsOf(user.role) };
  }
}
