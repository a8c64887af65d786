import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import type { FeaturesResponse } from '@atrium/protocol';

const ALL_OFF: FeaturesResponse = {
  chatkit_publish_enabled: false,
  chatkit_canvas_enabled: false,
  oidc_enabled: false,
  hosted_enabled: false,
};

export type FeatureFlag = keyof FeaturesResponse;

/**
 * The server's optional features (`GET /api/features`), read once per page load.
 * Until the answer arrives, and if the call fails, every flag counts as off: the UI
 * never offers something the server may refuse.
 */
@Injectable({ providedIn: 'root' })
export class FeaturesService {
  private readonly http = inject(HttpClient);
  private readonly state = signal<FeaturesResponse | null>(null);
  private request: Promise<FeaturesResponse> | null = null;

  /** The flags; all off until loaded. */
  readonly flags = computed(() => this.state() ?? ALL_OFF);
  readonly loaded = computed(() => this.state() !== null);

  /** Loads the flags (once; later calls share the first answer). */
  load(): Promise<FeaturesResponse> {
    this.request ??= new Promise<FeaturesResponse>((resolve) => {
      this.http.get<Partial<FeaturesResponse>>('/api/features').subscribe({
        next: (body) => {
          const flags: FeaturesResponse = {
            chatkit_publish_enabled: body.chatkit_publish_enabled === true,
            chatkit_canvas_enabled: body.chatkit_canvas_enabled === true,
            oidc_enabled: body.oidc_enabled === true,
            hosted_enabled: body.hosted_enabled === true,
          };
          this.state.set(flags);
          resolve(flags);
        },
        error: (err: unknown) => {
          this.state.set(ALL_OFF);
          // A server without the endpoint has none of the features; after a network or
          // server error, try again on the next page that needs the flags.
          if (!(err instanceof HttpErrorResponse && err.status === 404)) this.request = null;
          resolve(ALL_OFF);
        },
      });
    });
    return this.request;
  }

  isOn(flag: FeatureFlag): boolean {
    return this.flags()[flag];
  }
}
