import { Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginSessionEntity } from './entities/login-session.entity';
import { LoginSessions } from './login-sessions.service';
import { OidcController } from './oidc.controller';
import { OidcService } from './oidc.service';

/**
 * Accounts' sign-in (password → access token), the global deny-by-default guard, and
 * browser sign-in through an OpenID provider (login sessions). Rate limits come from
 * RateLimitModule (the `login` throttler).
 */
@Module({
  imports: [
    UsersModule,
    TypeOrmModule.forFeature([LoginSessionEntity]),
    JwtModule.registerAsync({
      global: true,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not the string: jsonwebtoken otherwise tries createPublicKey() on the
        // string (and catches the failure) before making a secret key of it, on every verify.
        secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
        signOptions: { algorithm: 'HS256', issuer: 'atrium' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'atrium' },
      }),
    }),
  ],
  controllers: [AuthController, OidcController],
  providers: [AuthService, LoginSessions, OidcService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, LoginSessions, OidcService],
})
export class AuthModule {}
