import { ChangeDetectionStrategy, Component, computed, inject, viewChild } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { WorkflowResponse } from '@atrium/protocol';

import { FeaturesService } from '../../../core/features/features.service';
import type { HasUnsavedChanges } from '../../../shared/ui/unsaved-changes.guard';
import { WorkflowEditorComponent } from '../components/workflow-editor.component';
import { WorkflowStore } from '../data/workflow.store';

/** The "Definition" tab of the workflow page: the editor for the open workflow. */
@Component({
  selector: 'app-workflow-definition-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [WorkflowEditorComponent],
  template: `
    @if (store.workflow(); as wf) {
      <app-workflow-editor
        [workflow]="wf"
        [hostedEnabled]="hostedEnabled()"
        (saved)="onSaved($event)"
        (reloadRequested)="store.reload()"
      />
    }
  `,
})
export class WorkflowDefinitionPage implements HasUnsavedChanges {
  protected readonly store = inject(WorkflowStore);
  private readonly snackBar = inject(MatSnackBar);
  private readonly features = inject(FeaturesService);
  private readonly editor = viewChild(WorkflowEditorComponent);

  protected readonly hostedEnabled = computed(() => this.features.flags().hosted_enabled);

  hasUnsavedChanges(): boolean {
    return !this.store.deleted() && (this.editor()?.hasUnsavedChanges() ?? false);
  }

  protected onSaved(wf: WorkflowResponse): void {
    const previous = this.store.workflow()?.version;
    this.store.set(wf);
    this.snackBar.open(
      wf.version !== previous ? `Saved as version ${wf.version}.` : 'Nothing changed, so no new version was made.',
      undefined,
      { duration: 4000 },
    );
  }
}
