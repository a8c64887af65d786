import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, Router } from '@angular/router';
import type { WorkflowVersionResponse } from '@atrium/protocol';
import { distinctUntilChanged, filter, map } from 'rxjs';

import { DiffViewComponent } from '../../../shared/ui/diff-view.component';
import { EmptyStateComponent } from '../../../shared/ui/empty-state.component';
import { ErrorBannerComponent } from '../../../shared/ui/error-banner.component';
import { IconComponent } from '../../../shared/ui/icon.component';
import { UserNameComponent } from '../../../shared/ui/user-name.component';
import { loadOnChange } from '../../../shared/util/load-state';
import { stableJson } from '../../../shared/util/line-diff';
import { WorkflowStore } from '../data/workflow.store';
import { WorkflowsApi } from '../data/workflows.api';

/** What is compared: name, description and the definition, keys sorted. */
function versionDocument(version: WorkflowVersionResponse | undefined): string {
  if (!version) return '';
  return stableJson({ name: version.name, description: version.description, definition: version.definition });
}

function versionParam(raw: string | null): number | null {
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) && n > 0 ? n : null;
}

/**
 * The "Version history" tab: every saved version, and a line diff between any two.
 * The compared pair lives in the URL (`?from=3&to=5`), so a comparison can be shared.
 */
@Component({
  selector: 'app-workflow-history-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    MatButtonModule,
    MatFormFieldModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTooltipModule,
    DiffViewComponent,
    EmptyStateComponent,
    ErrorBannerComponent,
    IconComponent,
    UserNameComponent,
  ],
  templateUrl: './workflow-history.page.html',
  styleUrl: './workflow-history.page.scss',
})
export class WorkflowHistoryPage {
  private readonly store = inject(WorkflowStore);
  private readonly api = inject(WorkflowsApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);

  /** Reload the history whenever the workflow gets a new version (saved in the other tab). */
  private readonly key = computed(() => {
    const wf = this.store.workflow();
    return wf ? `${wf.id}@${wf.version}` : null;
  });
  private readonly key$ = toObservable(this.key).pipe(
    filter((key): key is string => key !== null),
    distinctUntilChanged(),
  );
  private readonly history = loadOnChange(
    this.key$,
    () => this.key() ?? '',
    (key) =>
      this.api.versions(key.slice(0, key.lastIndexOf('@'))).pipe(
        map((res) => [...res.data].sort((a, b) => b.version - a.version)),
      ),
  );

  protected readonly loading = this.history.loading;
  protected readonly error = this.history.error;
  protected readonly versions = computed(() => this.history.value() ?? []);
  protected readonly retry = (): void => this.history.reload();

  private readonly params = toSignal(this.route.queryParamMap, { requireSync: true });

  /** The newer side: `?to=`, else the latest version. */
  protected readonly toVersion = computed((): WorkflowVersionResponse | undefined => {
    const versions = this.versions();
    const wanted = versionParam(this.params().get('to'));
    return versions.find((v) => v.version === wanted) ?? versions[0];
  });
  /** The older side: `?from=`, else the version before `to`. */
  protected readonly fromVersion = computed(() => {
    const versions = this.versions();
    const wanted = versionParam(this.params().get('from'));
    const explicit = versions.find((v) => v.version === wanted);
    if (explicit) return explicit;
    const to = this.toVersion();
    return to ? versions.find((v) => v.version < to.version) : undefined;
  });

  protected readonly oldText = computed(() => versionDocument(this.fromVersion()));
  protected readonly newText = computed(() => versionDocument(this.toVersion()));
  protected readonly oldLabel = computed(() => {
    const from = this.fromVersion();
    return from ? `version ${from.version}` : 'nothing';
  });
  protected readonly newLabel = computed(() => `version ${this.toVersion()?.version ?? ''}`);

  protected select(version: WorkflowVersionResponse): void {
    const previous = this.versions().find((v) => v.version < version.version);
    this.setPair(previous?.version ?? null, version.version);
  }

  protected setFrom(version: number | null): void {
    this.setPair(version, this.toVersion()?.version ?? null);
  }

  protected setTo(version: number): void {
    this.setPair(this.fromVersion()?.version ?? null, version);
  }

  protected swap(): void {
    const from = this.fromVersion();
    const to = this.toVersion();
    if (from && to) this.setPair(to.version, from.version);
  }

  private setPair(from: number | null, to: number | null): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { from, to },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }
}
