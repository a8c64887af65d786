import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import type { AuditVerifyResponse } from '@atrium/protocol';

import { toApiError, type ApiError } from '../../../core/http/api-error';
import { CopyFieldComponent } from '../../../shared/ui/copy-field.component';
import { ErrorBannerComponent } from '../../../shared/ui/error-banner.component';
import { IconComponent } from '../../../shared/ui/icon.component';
import { AuditApi } from '../data/audit.api';

type BreakReason = NonNullable<AuditVerifyResponse['broken_at']>['reason'];

const REASONS: Readonly<Record<BreakReason, string>> = {
  hash_mismatch: 'Its content no longer matches the hash stored with it: the event was changed after it was written.',
  prev_hash_mismatch:
    'It does not link to the event before it: an earlier event was changed or removed, or this one was inserted.',
  sequence_gap: 'This event is missing from the sequence: events were deleted.',
};

/**
 * Runs `GET /api/audit/verify` and shows the result prominently: intact (with the
 * head hash to note down), or exactly where the chain breaks.
 */
@Component({
  selector: 'app-audit-verify',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, DecimalPipe, MatButtonModule, MatProgressSpinnerModule, CopyFieldComponent, ErrorBannerComponent, IconComponent],
  template: `
    @if (error(); as error) {
      <app-error-banner title="The audit chain could not be verified" [error]="error" [retryable]="true" (retry)="verify()" />
    } @else {
      <section
        class="card"
        [class.intact]="result()?.intact === true"
        [class.broken]="result()?.intact === false"
        aria-labelledby="verify-title"
        [attr.aria-busy]="checking()"
        [attr.role]="result()?.intact === false ? 'alert' : null"
      >
        <div class="badge">
          @if (checking() && !result()) {
            <mat-progress-spinner mode="indeterminate" diameter="28" aria-hidden="true" />
          } @else if (result()?.intact === false) {
            <app-icon name="warning" />
          } @else {
            <app-icon name="shieldCheck" />
          }
        </div>
        <div class="body">
          @if (result(); as result) {
            @if (result.intact) {
              <h2 id="verify-title">Audit chain intact</h2>
              <p>
                All {{ result.checked | number }} events were verified: none was changed, removed or inserted since it was
                written.
              </p>
              @if (result.head_hash) {
                <app-copy-field
                  class="hash"
                  label="Head hash (note it down to detect a rewrite of the whole chain later)"
                  [value]="result.head_hash"
                  copiedMessage="Head hash copied."
                />
              }
            } @else if (result.broken_at; as broken) {
              <h2 id="verify-title">Tampering detected: the audit chain breaks at event #{{ broken.seq }}</h2>
              <p class="reason">{{ reasonText() }}</p>
              <dl>
                <dt>First bad event</dt>
                <dd>#{{ broken.seq }}</dd>
                @if (broken.id) {
                  <dt>Event ID</dt>
                  <dd class="mono">{{ broken.id }}</dd>
                }
                <dt>Problem</dt>
                <dd class="mono">{{ broken.reason }}</dd>
                <dt>Verified before it</dt>
                <dd>{{ result.checked | number }} events (#1 to #{{ broken.seq - 1 }}) are intact.</dd>
              </dl>
              <p>Events from #{{ broken.seq }} on cannot be trusted. Keep an export and investigate database access.</p>
            }
          } @else {
            <h2 id="verify-title">Verifying the audit chain…</h2>
            <p>Recomputing the hash of every event.</p>
          }
        </div>
        <div class="side">
          @if (checkedAt(); as checkedAt) {
            <span class="checked-at">Checked {{ checkedAt | date: 'mediumTime' }}</span>
          }
          <button mat-stroked-button type="button" [disabled]="checking()" (click)="verify()">
            @if (checking() && result()) {
              <mat-progress-spinner mode="indeterminate" diameter="16" aria-hidden="true" />
            }
            Verify again
          </button>
        </div>
      </section>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .card {
      display: flex;
      gap: 16px;
      align-items: flex-start;
      padding: 16px 20px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface);
    }
    .card.intact {
      border-color: #9fd3ad;
      background: #f1faf3;
    }
    .card.broken {
      border: 2px solid var(--mat-sys-error);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .badge {
      display: grid;
      place-items: center;
      flex: none;
      width: 44px;
      height: 44px;
      border-radius: 50%;
      background: var(--mat-sys-surface-container-high);
      --app-icon-size: 26px;
    }
    .intact .badge {
      background: #cdebd5;
      color: #0d5323;
    }
    .broken .badge {
      background: var(--mat-sys-error);
      color: var(--mat-sys-on-error);
    }
    .body {
      flex: 1;
      min-width: 0;
    }
    h2 {
      margin: 2px 0 4px;
      font: var(--mat-sys-title-medium);
    }
    .broken h2 {
      font: var(--mat-sys-title-large);
    }
    p {
      margin: 0 0 8px;
      max-width: 80ch;
    }
    .reason {
      font: var(--mat-sys-body-large);
    }
    .hash {
      margin-top: 8px;
      max-width: 720px;
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 16px;
      margin: 8px 0 12px;
    }
    dt {
      font: var(--mat-sys-label-large);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .side {
      display: flex;
      flex-direction: column;
      align-items: flex-end;
      gap: 8px;
      flex: none;
    }
    .checked-at {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .broken .checked-at {
      color: inherit;
    }
    .side mat-progress-spinner {
      display: inline-block;
      margin-right: 6px;
      vertical-align: middle;
    }
    @media (max-width: 719.98px) {
      .card {
        flex-wrap: wrap;
      }
      .side {
        flex-direction: row;
        align-items: center;
        width: 100%;
        justify-content: space-between;
      }
    }
  `,
})
export class AuditVerifyComponent {
  private readonly api = inject(AuditApi);

  protected readonly result = signal<AuditVerifyResponse | null>(null);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly checking = signal(false);
  protected readonly checkedAt = signal<Date | null>(null);
  protected readonly reasonText = computed(() => {
    const reason = this.result()?.broken_at?.reason;
    return reason ? (REASONS[reason] ?? `The chain does not verify (${reason}).`) : '';
  });

  constructor() {
    this.verify();
  }

  verify(): void {
    if (this.checking()) return;
    this.checking.set(true);
    this.error.set(null);
    this.api.verify().subscribe({
      next: (result) => {
        this.result.set(result);
        this.checkedAt.set(new Date());
        this.checking.set(false);
      },
      error: (err: unknown) => {
        this.error.set(toApiError(err));
        this.checking.set(false);
      },
    });
  }
}
