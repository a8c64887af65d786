import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import type { PublishWorkflowRequest, WorkflowResponse } from '@atrium/protocol';
import { startWith } from 'rxjs';

import { FeaturesService } from '../../../core/features/features.service';
import { fieldErrorsOf, type ApiError } from '../../../core/http/api-error';
import { ChipsInputComponent } from '../../../shared/ui/chips-input.component';
import { CopyFieldComponent } from '../../../shared/ui/copy-field.component';
import { ErrorBannerComponent } from '../../../shared/ui/error-banner.component';
import { IconComponent } from '../../../shared/ui/icon.component';
import type { HasUnsavedChanges } from '../../../shared/ui/unsaved-changes.guard';
import { UserNameComponent } from '../../../shared/ui/user-name.component';
import { WorkflowStatusComponent } from '../components/workflow-status.component';
import { WorkflowActions, type ActionResult } from '../data/workflow-actions.service';
import { embedSnippet, normalizeOrigin, shareUrl, validateOrigin } from '../data/workflow-links';
import { WorkflowStore } from '../data/workflow.store';

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** The "Publishing" tab: publish or unpublish, who may chat, where the bubble may be embedded. */
@Component({
  selector: 'app-workflow-publishing-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatProgressSpinnerModule,
    MatSlideToggleModule,
    ChipsInputComponent,
    CopyFieldComponent,
    ErrorBannerComponent,
    IconComponent,
    UserNameComponent,
    WorkflowStatusComponent,
  ],
  templateUrl: './workflow-publishing.page.html',
  styleUrl: './workflow-publishing.page.scss',
})
export class WorkflowPublishingPage implements HasUnsavedChanges {
  protected readonly store = inject(WorkflowStore);
  private readonly actions = inject(WorkflowActions);
  private readonly features = inject(FeaturesService);
  protected readonly oidcEnabled = computed(() => this.features.flags().oidc_enabled);

  protected readonly validateOrigin = validateOrigin;
  protected readonly normalizeOrigin = normalizeOrigin;

  protected readonly form = new FormGroup({
    requireLogin: new FormControl(false, { nonNullable: true }),
    allowedOrigins: new FormControl<string[]>([], { nonNullable: true }),
  });
  private readonly formValue = toSignal(this.form.valueChanges.pipe(startWith(null)));

  protected readonly workflow = this.store.workflow;
  protected readonly shareUrl = computed(() => shareUrl(this.workflow()?.id ?? ''));
  protected readonly embedSnippet = computed(() => embedSnippet(this.workflow()?.id ?? ''));
  protected readonly dirty = computed(() => {
    this.formValue();
    const wf = this.workflow();
    if (!wf) return false;
    const value = this.form.getRawValue();
    return value.requireLogin !== wf.require_login || !sameList(value.allowedOrigins, wf.allowed_origins);
  });

  protected readonly busy = signal<'publish' | 'save' | 'unpublish' | null>(null);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly errorTitle = signal('');
  protected readonly originErrors = signal<string[]>([]);
  protected readonly invalidOrigins = signal<string[]>([]);

  constructor() {
    // Follow the workflow (after publishing, or a reload): the form shows its settings.
    effect(() => {
      const wf = this.workflow();
      untracked(() => {
        if (wf) this.reset(wf);
      });
    });
    this.form.controls.allowedOrigins.valueChanges.subscribe(() => {
      this.originErrors.set([]);
      this.invalidOrigins.set([]);
    });
  }

  hasUnsavedChanges(): boolean {
    return !this.store.deleted() && this.dirty() && this.busy() === null;
  }

  protected discard(): void {
    const wf = this.workflow();
    if (wf) this.reset(wf);
  }

  protected async publish(): Promise<void> {
    const wf = this.workflow();
    if (!wf) return;
    await this.run('publish', () => this.actions.publish(wf, this.settings(), false));
  }

  protected async save(): Promise<void> {
    const wf = this.workflow();
    if (!wf || !this.dirty()) return;
    await this.run('save', () => this.actions.updatePublishing(wf, this.settings()));
  }

  protected async unpublish(): Promise<void> {
    const wf = this.workflow();
    if (!wf) return;
    await this.run('unpublish', () => this.actions.unpublish(wf, false));
  }

  private settings(): PublishWorkflowRequest {
    const value = this.form.getRawValue();
    return { require_login: value.requireLogin, allowed_origins: value.allowedOrigins };
  }

  private async run(kind: 'publish' | 'save' | 'unpublish', action: () => Promise<ActionResult<WorkflowResponse>>): Promise<void> {
    if (this.busy()) return;
    this.busy.set(kind);
    this.error.set(null);
    try {
      const result = await action();
      if (result.status === 'done') this.store.set(result.value);
      else if (result.status === 'failed') {
        this.errorTitle.set(
          kind === 'publish'
            ? 'The workflow was not published'
            : kind === 'unpublish'
              ? 'The workflow was not unpublished'
              : 'Publishing settings were not saved',
        );
        this.showError(result.error);
      }
    } finally {
      this.busy.set(null);
    }
  }

  private showError(error: ApiError): void {
    const origins = this.form.controls.allowedOrigins.value;
    const messages: string[] = [];
    const bad: string[] = [];
    for (const { field, message } of fieldErrorsOf(error)) {
      const match = /^allowed_origins(?:\[(\d+)\])?$/.exec(field);
      if (!match) continue;
      messages.push(message);
      if (match[1] !== undefined && origins[Number(match[1])]) bad.push(origins[Number(match[1])]);
    }
    this.originErrors.set(messages);
    this.invalidOrigins.set(bad);
    this.error.set(error);
  }

  private reset(wf: WorkflowResponse): void {
    this.form.reset({ requireLogin: wf.require_login, allowedOrigins: [...wf.allowed_origins] });
    this.originErrors.set([]);
    this.invalidOrigins.set([]);
  }
}
