import { ChangeDetectionStrategy, Component, computed, inject, viewChild } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import type { WorkflowResponse } from '@atrium/protocol';

import { FeaturesService } from '../../../core/features/features.service';
import { IconComponent } from '../../../shared/ui/icon.component';
import { PageHeaderComponent } from '../../../shared/ui/page-header.component';
import type { HasUnsavedChanges } from '../../../shared/ui/unsaved-changes.guard';
import { WorkflowEditorComponent } from '../components/workflow-editor.component';

@Component({
  selector: 'app-workflow-new-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, IconComponent, PageHeaderComponent, WorkflowEditorComponent],
  template: `
    <a class="back" routerLink="/workflows"><app-icon name="arrowBack" /> All workflows</a>
    <app-page-header
      heading="New workflow"
      description="Describe what the assistant does and how. It stays a draft, visible to admins only, until you publish it."
    />
    <app-workflow-editor [hostedEnabled]="hostedEnabled()" (saved)="onCreated($event)" />
  `,
  styles: `
    :host {
      display: block;
    }
    .back {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      margin-bottom: 12px;
      padding: 4px 8px 4px 4px;
      border-radius: var(--mat-sys-corner-small);
      font: var(--mat-sys-label-large);
      text-decoration: none;
      --app-icon-size: 18px;
    }
    .back:hover {
      background: var(--mat-sys-surface-container);
    }
  `,
})
export class WorkflowNewPage implements HasUnsavedChanges {
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly features = inject(FeaturesService);
  private readonly editor = viewChild.required(WorkflowEditorComponent);
  private created = false;

  protected readonly hostedEnabled = computed(() => this.features.flags().hosted_enabled);

  constructor() {
    void this.features.load();
  }

  hasUnsavedChanges(): boolean {
    return !this.created && this.editor().hasUnsavedChanges();
  }

  protected async onCreated(wf: WorkflowResponse): Promise<void> {
    this.created = true;
    this.snackBar.open(`“${wf.name}” was created as a draft.`, undefined, { duration: 4000 });
    await this.router.navigate(['/workflows', wf.id], { replaceUrl: true });
  }
}
