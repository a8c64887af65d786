import { Injectable } from '@nestjs/common';
import type { FeaturesResponse } from '@atrium/protocol';
import { AppConfig } from '../config/app-config';
import { featureDisabled } from './publish.errors';

/** Which optional parts of Atrium are on (configuration, read once at boot). */
@Injectable()
export class FeaturesService {
  constructor(private readonly config: AppConfig) {}

  features(): FeaturesResponse {
    return {
      chatkit_publish_enabled: this.config.chatkitPublishEnabled,
      chatkit_canvas_enabled: this.config.chatkitCanvasEnabled,
      oidc_enabled: this.config.oidc !== undefined,
      hosted_enabled: Boolean(this.config.openaiApiKey),
    };
  }

  get publishEnabled(): boolean {
    return this.config.chatkitPublishEnabled;
  }

  assertPublishEnabled(): void {
    if (!this.config.chatkitPublishEnabled) throw featureDisabled('chatkit_publish');
  }

  assertCanvasEnabled(): void {
    if (!this.config.chatkitCanvasEnabled) throw featureDisabled('chatkit_canvas');
  }
}
