import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatTooltipModule } from '@angular/material/tooltip';

import { IconComponent } from '../../../shared/ui/icon.component';
import { STATUS_DESCRIPTIONS, STATUS_LABELS, workflowStatus, type WorkflowStatus } from '../data/workflow-links';

const ICONS = { draft: 'edit', published: 'public', login_only: 'lock' } as const satisfies Record<WorkflowStatus, string>;

/** Draft / Published / Login only, as a small badge. */
@Component({
  selector: 'app-workflow-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [IconComponent, MatTooltipModule],
  template: `
    <span class="status" [class]="status()" [matTooltip]="description()">
      <app-icon [name]="icon()" />
      {{ label() }}
    </span>
  `,
  styles: `
    .status {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 2px 10px 2px 8px;
      border-radius: var(--mat-sys-corner-full);
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
      --app-icon-size: 14px;
    }
    .published {
      background: #d7f0dd;
      color: #0d5323;
    }
    .login_only {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .draft {
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class WorkflowStatusComponent {
  readonly isPublic = input.required<boolean>();
  readonly requireLogin = input(false);

  protected readonly status = computed(() => workflowStatus({ is_public: this.isPublic(), require_login: this.requireLogin() }));
  protected readonly label = computed(() => STATUS_LABELS[this.status()]);
  protected readonly description = computed(() => STATUS_DESCRIPTIONS[this.status()]);
  protected readonly icon = computed(() => ICONS[this.status()]);
}
