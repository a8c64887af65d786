import { Injectable, inject, signal } from '@angular/core';
import type { WorkflowResponse } from '@atrium/protocol';
import type { Subscription } from 'rxjs';

import { toApiError, type ApiError } from '../../../core/http/api-error';
import { WorkflowsApi } from './workflows.api';

/**
 * The workflow open on the workflow page, shared by its tabs (definition, publishing,
 * history). Provided by WorkflowDetailPage, so each visit starts fresh.
 */
@Injectable()
export class WorkflowStore {
  private readonly api = inject(WorkflowsApi);
  private request: Subscription | undefined;
  private id: string | null = null;

  readonly workflow = signal<WorkflowResponse | null>(null);
  readonly error = signal<ApiError | null>(null);
  readonly loading = signal(false);
  /** Set once the workflow was deleted from this page (nothing left to save). */
  readonly deleted = signal(false);

  load(id: string): void {
    if (id !== this.id) {
      this.workflow.set(null);
      this.deleted.set(false);
    }
    this.id = id;
    this.request?.unsubscribe();
    this.loading.set(true);
    this.error.set(null);
    this.request = this.api.get(id).subscribe({
      next: (wf) => {
        this.workflow.set(wf);
        this.loading.set(false);
      },
      error: (err: unknown) => {
        this.error.set(toApiError(err));
        this.loading.set(false);
      },
    });
  }

  reload(): void {
    if (this.id) this.load(this.id);
  }

  /** Adopts a newer state the page received (after save, publish, unpublish). */
  set(wf: WorkflowResponse): void {
    this.workflow.set(wf);
  }
}
