import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import type { PublishWorkflowRequest } from '@atrium/protocol';
import { firstValueFrom } from 'rxjs';

export interface PublishDialogData {
  workflowName: string;
  requireLogin: boolean;
  allowedOrigins: readonly string[];
  /** Single sign-on is configured, so visitors without an Atrium account can sign in too. */
  oidcEnabled: boolean;
}

/** Confirms publishing, with the one choice that matters most: who may open the chat. */
@Component({
  selector: 'app-publish-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule, MatSlideToggleModule],
  template: `
    <h2 mat-dialog-title>Publish “{{ data.workflowName }}”?</h2>
    <mat-dialog-content>
      <p>Publishing opens a chat page for this workflow at its share link.</p>
      <mat-slide-toggle [checked]="requireLogin()" (change)="requireLogin.set($event.checked)">
        Require sign-in
      </mat-slide-toggle>
      <ul class="effects">
        <li>
          @if (requireLogin()) {
            Only people who sign in can chat{{ data.oidcEnabled ? ' (with your single sign-on)' : '' }}.
          } @else {
            <strong>Anyone with the link</strong> can chat, without signing in.
          }
        </li>
        <li>
          @if (data.allowedOrigins.length) {
            The chat bubble can be embedded on {{ data.allowedOrigins.join(', ') }}.
          } @else {
            No other site may embed the chat bubble yet; add origins on the Publishing tab.
          }
        </li>
        @if (requireLogin() && !data.oidcEnabled) {
          <li class="warning">
            No single sign-on (OIDC) is configured, so only people already signed in to Atrium can chat.
          </li>
        }
        <li>You can unpublish at any time; the link then stops working.</li>
      </ul>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="undefined">Cancel</button>
      <button mat-flat-button type="button" (click)="confirm()">Publish</button>
    </mat-dialog-actions>
  `,
  styles: `
    p {
      margin: 0 0 16px;
    }
    .effects {
      margin: 16px 0 0;
      padding-left: 20px;
    }
    .effects li + li {
      margin-top: 6px;
    }
    .warning {
      color: #7a4f00;
    }
  `,
})
export class PublishDialogComponent {
  protected readonly data = inject<PublishDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<PublishDialogComponent, PublishWorkflowRequest>>(MatDialogRef);
  protected readonly requireLogin = signal(this.data.requireLogin);

  protected confirm(): void {
    const result: PublishWorkflowRequest = {
      require_login: this.requireLogin(),
      allowed_origins: [...this.data.allowedOrigins],
    };
    this.dialogRef.close(result);
  }
}

/** Asks to publish; resolves the settings to send, or null when cancelled. */
export async function askToPublish(dialog: MatDialog, data: PublishDialogData): Promise<PublishWorkflowRequest | null> {
  const ref = dialog.open<PublishDialogComponent, PublishDialogData, PublishWorkflowRequest>(PublishDialogComponent, {
    data,
    width: '500px',
    maxWidth: 'calc(100vw - 32px)',
  });
  return (await firstValueFrom(ref.afterClosed())) ?? null;
}
