import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import type { AuditEventResponse } from '@atrium/protocol';

import { CopyFieldComponent } from '../../../shared/ui/copy-field.component';
import { DiffViewComponent } from '../../../shared/ui/diff-view.component';
import { IconComponent } from '../../../shared/ui/icon.component';
import { JsonBlockComponent } from '../../../shared/ui/json-block.component';
import { stableJson } from '../../../shared/util/line-diff';
import { actionColor, actionLabel, type AuditFilter } from '../data/audit-filter';

export interface AuditEventDrawerData {
  event: AuditEventResponse;
  /** Offer a link to the workflow (admins only). */
  canOpenWorkflow: boolean;
}

/** What the user picked in the drawer: narrow the list to this actor or workflow. */
export type AuditDrawerResult = Partial<Pick<AuditFilter, 'actorEmail' | 'workflowId' | 'actions'>>;

/** Every field of one audit event, in a side panel. */
@Component({
  selector: 'app-audit-event-drawer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatDialogModule,
    MatTooltipModule,
    CopyFieldComponent,
    DiffViewComponent,
    IconComponent,
    JsonBlockComponent,
  ],
  templateUrl: './audit-event-drawer.component.html',
  styleUrl: './audit-event-drawer.component.scss',
})
export class AuditEventDrawerComponent {
  protected readonly data = inject<AuditEventDrawerData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<AuditEventDrawerComponent, AuditDrawerResult>>(MatDialogRef);

  protected readonly event = this.data.event;
  protected readonly label = actionLabel(this.event.action);
  protected readonly color = actionColor(this.event.action);

  private readonly summary = computed(() => {
    const summary = this.event.summary;
    return typeof summary === 'object' && summary !== null ? summary : {};
  });
  protected readonly hasBefore = computed(() => 'before' in this.summary());
  protected readonly hasAfter = computed(() => 'after' in this.summary());
  protected readonly beforeText = computed(() => (this.hasBefore() ? stableJson(this.summary().before) : ''));
  protected readonly afterText = computed(() => (this.hasAfter() ? stableJson(this.summary().after) : ''));
  /** Summary fields other than before/after (e.g. email, reason). */
  protected readonly otherSummary = computed(() => {
    const rest = Object.fromEntries(Object.entries(this.summary()).filter(([key]) => key !== 'before' && key !== 'after'));
    return Object.keys(rest).length ? rest : null;
  });

  protected filterBy(result: AuditDrawerResult): void {
    this.dialogRef.close(result);
  }
}

/** Opens the drawer docked to the right edge; resolves with the filter the user picked, if any. */
export function openAuditEventDrawer(dialog: MatDialog, data: AuditEventDrawerData): MatDialogRef<AuditEventDrawerComponent, AuditDrawerResult> {
  return dialog.open<AuditEventDrawerComponent, AuditEventDrawerData, AuditDrawerResult>(AuditEventDrawerComponent, {
    data,
    position: { right: '0', top: '0' },
    height: '100vh',
    width: '640px',
    maxWidth: '100vw',
    maxHeight: '100vh',
    panelClass: 'app-side-sheet',
    autoFocus: 'dialog',
    ariaLabel: `Audit event #${data.event.seq}`,
  });
}
