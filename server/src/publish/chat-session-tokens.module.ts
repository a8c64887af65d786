import { Module } from '@nestjs/common';
import { ChatSessionTokens } from './chat-session-tokens';

/**
 * Only the token service, with no dependencies beyond the global JwtModule and
 * AppConfig, so the chat access layer can verify chat session tokens without
 * importing (and cycling through) PublishModule.
 */
@Module({
  providers: [ChatSessionTokens],
  exports: [ChatSessionTokens],
})
export class ChatSessionTokensModule {}
