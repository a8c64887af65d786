import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

import { FeaturesService } from '../../../core/features/features.service';
import { EmptyStateComponent } from '../../../shared/ui/empty-state.component';
import { ErrorBannerComponent } from '../../../shared/ui/error-banner.component';
import { IconComponent } from '../../../shared/ui/icon.component';
import { UserNameComponent } from '../../../shared/ui/user-name.component';
import { WorkflowStatusComponent } from '../components/workflow-status.component';
import { WorkflowActions } from '../data/workflow-actions.service';
import { shareUrl } from '../data/workflow-links';
import { WorkflowStore } from '../data/workflow.store';

/** One workflow: its header and actions, and the tabs (definition, publishing, history) below. */
@Component({
  selector: 'app-workflow-detail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
    MatButtonModule,
    MatMenuModule,
    MatProgressBarModule,
    MatTabsModule,
    MatTooltipModule,
    EmptyStateComponent,
    ErrorBannerComponent,
    IconComponent,
    UserNameComponent,
    WorkflowStatusComponent,
  ],
  providers: [WorkflowStore],
  templateUrl: './workflow-detail.page.html',
  styleUrl: './workflow-detail.page.scss',
})
export class WorkflowDetailPage {
  protected readonly store = inject(WorkflowStore);
  protected readonly actions = inject(WorkflowActions);
  private readonly router = inject(Router);
  private readonly features = inject(FeaturesService);

  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly workflow = this.store.workflow;
  protected readonly publishEnabled = computed(() => this.features.flags().chatkit_publish_enabled);
  protected readonly shareUrl = computed(() => {
    const wf = this.workflow();
    return wf ? shareUrl(wf.id) : '';
  });
  protected readonly notFound = computed(() => {
    const code = this.store.error()?.code;
    return code === 'workflow.not_found' || code === 'request.invalid' || code === 'http_400';
  });

  constructor() {
    void this.features.load();
    effect(() => {
      const id = this.id();
      untracked(() => this.store.load(id));
    });
  }

  protected async unpublish(): Promise<void> {
    const wf = this.workflow();
    if (!wf) return;
    const result = await this.actions.unpublish(wf);
    if (result.status === 'done') this.store.set(result.value);
  }

  protected async publish(): Promise<void> {
    const wf = this.workflow();
    if (!wf) return;
    const result = await this.actions.publish(wf);
    if (result.status === 'done') this.store.set(result.value);
  }

  protected async delete(): Promise<void> {
    const wf = this.workflow();
    if (!wf) return;
    const result = await this.actions.delete(wf);
    if (result.status !== 'done') return;
    this.store.deleted.set(true);
    await this.router.navigate(['/workflows'], { replaceUrl: true });
  }
}
