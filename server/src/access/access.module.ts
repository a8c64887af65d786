import { MiddlewareConsumer, Module, RequestMethod, type NestModule } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ChatSessionTokensModule } from '../publish/chat-session-tokens.module';
import { WorkflowsModule } from '../workflows/workflows.module';
import { ChatAccessService } from './chat-access.service';
import { ChatRateLimitGuard } from './chat-rate-limit.guard';
import { ChatkitPreflightMiddleware } from './chatkit-cors';
import { VisitorCookies } from './visitor-cookies';

/**
 * Who may chat: bearer tokens, published workflows with OIDC login or anonymous
 * visitor cookies, embed origins (CORS), and the chat rate limits. The chatkit
 * module asks `ChatAccessService` for the owner of every request.
 */
@Module({
  imports: [AuthModule, WorkflowsModule, ChatSessionTokensModule],
  providers: [ChatAccessService, VisitorCookies, ChatRateLimitGuard, ChatkitPreflightMiddleware],
  exports: [ChatAccessService, ChatRateLimitGuard],
})
export class AccessModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(ChatkitPreflightMiddleware)
      .forRoutes({ path: 'chatkit', method: RequestMethod.OPTIONS }, { path: 'chatkit/attachments/{*rest}', method: RequestMethod.OPTIONS });
  }
}
