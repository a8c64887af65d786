import { Injectable } from '@nestjs/common';
import type { ModelSettings } from '@atrium/protocol';
import { AppConfig } from '../../config/app-config';
import { BuiltinProvider } from './builtin.provider';
import type { ModelProvider } from './model-provider';
import { OpenAIProvider } from './openai.provider';

/**
 * Picks the provider of a workflow: `openai`, `builtin`, or `auto` (the default) =
 * `openai` when OPENAI_API_KEY is configured, else `builtin`.
 */
@Injectable()
export class ModelProviders {
  constructor(
    private readonly config: AppConfig,
    readonly openai: OpenAIProvider,
    readonly builtin: BuiltinProvider,
  ) {}

  for(settings: Pick<ModelSettings, 'provider'>): ModelProvider {
    switch (settings.provider) {
      case 'openai':
        return this.openai;
      case 'builtin':
        return this.builtin;
      default:
        return this.config.openaiApiKey ? this.openai : this.builtin;
    }
  }
}
