import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';

export interface ConfirmDialogData {
  title: string;
  message: string;
  /** Extra lines shown under the message (what exactly will happen). */
  details?: readonly string[];
  confirmLabel: string;
  cancelLabel?: string;
  /** Red confirm button; focus starts on Cancel. */
  destructive?: boolean;
}

/** A yes/no question before an action that is hard to undo. Closes with `true` on confirm. */
@Component({
  selector: 'app-confirm-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p class="message">{{ data.message }}</p>
      @if (data.details?.length) {
        <ul>
          @for (line of data.details; track $index) {
            <li>{{ line }}</li>
          }
        </ul>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">{{ data.cancelLabel ?? 'Cancel' }}</button>
      <button mat-flat-button type="button" [class.destructive]="data.destructive" [mat-dialog-close]="true">
        {{ data.confirmLabel }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .message {
      margin: 0;
    }
    ul {
      margin: 12px 0 0;
      padding-left: 20px;
    }
    li + li {
      margin-top: 4px;
    }
    .destructive {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class ConfirmDialogComponent {
  protected readonly data = inject<ConfirmDialogData>(MAT_DIALOG_DATA);
}

/** Opens a {@link ConfirmDialogComponent}; resolves `true` only when the user confirms. */
export async function confirmAction(dialog: MatDialog, data: ConfirmDialogData): Promise<boolean> {
  const ref = dialog.open<ConfirmDialogComponent, ConfirmDialogData, boolean>(ConfirmDialogComponent, {
    data,
    width: '460px',
    maxWidth: 'calc(100vw - 32px)',
    // Destructive: start on Cancel, so Enter does not confirm by accident.
    autoFocus: data.destructive ? 'first-tabbable' : 'dialog',
    role: 'alertdialog',
  });
  return (await firstValueFrom(ref.afterClosed())) === true;
}
