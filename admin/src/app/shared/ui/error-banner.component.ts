import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

import type { ApiError } from '../../core/http/api-error';
import { IconComponent } from './icon.component';

/**
 * An inline error message, announced to screen readers (role="alert"). Shows the
 * server's message and, when there is one, the request id to quote to support.
 * Set `retryable` to offer a "Try again" button, which emits `retry`.
 */
@Component({
  selector: 'app-error-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, IconComponent],
  host: { role: 'alert', class: 'app-error-banner' },
  template: `
    <app-icon name="error" class="icon" />
    <div class="body">
      @if (title(); as title) {
        <p class="title">{{ title }}</p>
      }
      <p class="message">{{ message() }}</p>
      @if (requestId(); as requestId) {
        <p class="request-id">Request ID: <code>{{ requestId }}</code></p>
      }
    </div>
    @if (retryable()) {
      <button mat-button type="button" class="retry" (click)="retry.emit()">Try again</button>
    }
  `,
  styles: `
    :host {
      display: flex;
      align-items: flex-start;
      gap: 12px;
      padding: 12px 16px;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      font: var(--mat-sys-body-medium);
    }
    .icon {
      color: var(--mat-sys-error);
      margin-top: 1px;
    }
    .body {
      flex: 1;
      min-width: 0;
    }
    p {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .title {
      font: var(--mat-sys-title-small);
      margin-bottom: 2px;
    }
    .request-id {
      margin-top: 4px;
      font: var(--mat-sys-body-small);
      opacity: 0.85;
    }
    .retry {
      --mat-button-text-label-text-color: var(--mat-sys-on-error-container);
      margin: -6px -8px -6px 0;
    }
  `,
})
export class ErrorBannerComponent {
  /** An ApiError (from toApiError) or a plain message. */
  readonly error = input.required<ApiError | string>();
  readonly title = input<string>();
  readonly retryable = input(false);
  readonly retry = output<void>();

  protected readonly message = computed(() => {
    const error = this.error();
    return typeof error === 'string' ? error : error.message;
  });
  protected readonly requestId = computed(() => {
    const error = this.error();
    return typeof error === 'string' ? undefined : error.requestId;
  });
}
