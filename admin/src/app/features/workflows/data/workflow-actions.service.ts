import { Clipboard } from '@angular/cdk/clipboard';
import { Injectable, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { PublishWorkflowRequest, WorkflowResponse } from '@atrium/protocol';
import { firstValueFrom, type Observable } from 'rxjs';

import { FeaturesService } from '../../../core/features/features.service';
import { toApiError, type ApiError } from '../../../core/http/api-error';
import { confirmAction } from '../../../shared/ui/confirm-dialog.component';
import { askToPublish } from '../components/publish-dialog.component';
import { WorkflowsApi } from './workflows.api';
import { shareUrl } from './workflow-links';

/** What an action ended in: done (with the new state), refused by the server, or cancelled by the user. */
export type ActionResult<T> = { status: 'done'; value: T } | { status: 'failed'; error: ApiError } | { status: 'cancelled' };

/**
 * The workflow actions offered in several places (list rows, the workflow page):
 * each asks for confirmation where it matters, calls the server and reports back.
 */
@Injectable({ providedIn: 'root' })
export class WorkflowActions {
  private readonly api = inject(WorkflowsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly clipboard = inject(Clipboard);
  private readonly features = inject(FeaturesService);

  /** Asks (with the require-login choice), then publishes with `settings` as the starting point. */
  async publish(
    wf: WorkflowResponse,
    settings?: PublishWorkflowRequest,
    reportErrors = true,
  ): Promise<ActionResult<WorkflowResponse>> {
    const chosen = await askToPublish(this.dialog, {
      workflowName: wf.name,
      requireLogin: settings?.require_login ?? wf.require_login,
      allowedOrigins: settings?.allowed_origins ?? wf.allowed_origins,
      oidcEnabled: this.features.flags().oidc_enabled,
    });
    if (!chosen) return { status: 'cancelled' };
    return this.run(
      this.api.publish(wf.id, chosen),
      (res) => {
        this.notify(res.message || `“${wf.name}” is published.`);
        return res.workflow;
      },
      reportErrors,
    );
  }

  /** Saves new publishing settings of a workflow that is already published (no question asked). */
  async updatePublishing(wf: WorkflowResponse, settings: PublishWorkflowRequest): Promise<ActionResult<WorkflowResponse>> {
    return this.run(
      this.api.publish(wf.id, settings),
      (res) => {
        this.notify('Publishing settings saved.');
        return res.workflow;
      },
      false,
    );
  }

  async unpublish(wf: WorkflowResponse, reportErrors = true): Promise<ActionResult<WorkflowResponse>> {
    const ok = await confirmAction(this.dialog, {
      title: `Unpublish “${wf.name}”?`,
      message: 'The chat stops being available at once.',
      details: [
        'The share link stops working.',
        'Chat bubbles embedded on other sites stop loading.',
        'The definition, history and past conversations are kept; you can publish again later.',
      ],
      confirmLabel: 'Unpublish',
      destructive: true,
    });
    if (!ok) return { status: 'cancelled' };
    return this.run(
      this.api.unpublish(wf.id),
      (res) => {
        this.notify(res.message || `“${wf.name}” is no longer published.`);
        return res.workflow;
      },
      reportErrors,
    );
  }

  async delete(wf: WorkflowResponse): Promise<ActionResult<void>> {
    const ok = await confirmAction(this.dialog, {
      title: `Delete “${wf.name}”?`,
      message: 'This cannot be undone.',
      details: [
        'The workflow, its version history and all conversations with it are deleted.',
        ...(wf.is_public ? ['Its share link and embedded chat bubbles stop working.'] : []),
        'The audit trail keeps a record of the deletion.',
      ],
      confirmLabel: 'Delete workflow',
      destructive: true,
    });
    if (!ok) return { status: 'cancelled' };
    return this.run(this.api.delete(wf.id), () => {
      this.notify(`“${wf.name}” was deleted.`);
    });
  }

  copyShareLink(wf: Pick<WorkflowResponse, 'id'>): void {
    const ok = this.clipboard.copy(shareUrl(wf.id));
    this.notify(ok ? 'Share link copied.' : 'Could not copy the link. Open the workflow and copy it from there.');
  }

  /** Runs the call; failures are shown in a snack bar unless `reportErrors` is false (the caller shows them). */
  private async run<R, T>(call: Observable<R>, onDone: (value: R) => T, reportErrors = true): Promise<ActionResult<T>> {
    try {
      const value = await firstValueFrom(call, { defaultValue: undefined as R });
      return { status: 'done', value: onDone(value) };
    } catch (err: unknown) {
      const error = toApiError(err);
      if (reportErrors) this.snackBar.open(error.message, 'Dismiss', { duration: 8000, politeness: 'assertive' });
      return { status: 'failed', error };
    }
  }

  private notify(message: string): void {
    // Long server messages (e.g. a warning about login without single sign-on) stay longer.
    this.snackBar.open(message, message.length > 80 ? 'OK' : undefined, { duration: Math.min(4000 + message.length * 40, 12_000) });
  }
}
