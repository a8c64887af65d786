import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, computed, effect, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule, type MatButtonToggleChange } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, Router, RouterLink, type ParamMap } from '@angular/router';
import type { WorkflowResponse } from '@atrium/protocol';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';

import { FeaturesService } from '../../../core/features/features.service';
import { EmptyStateComponent } from '../../../shared/ui/empty-state.component';
import { ErrorBannerComponent } from '../../../shared/ui/error-banner.component';
import { IconComponent } from '../../../shared/ui/icon.component';
import { PageHeaderComponent } from '../../../shared/ui/page-header.component';
import { intParam, loadOnChange } from '../../../shared/util/load-state';
import { WorkflowStatusComponent } from '../components/workflow-status.component';
import { WorkflowActions } from '../data/workflow-actions.service';
import { shareUrl } from '../data/workflow-links';
import { WorkflowsApi, type WorkflowListQuery, type WorkflowStatusFilter } from '../data/workflows.api';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
const MAX_QUERY_LENGTH = 200;
const SEARCH_DEBOUNCE_MS = 300;

function statusParam(raw: string | null): WorkflowStatusFilter | null {
  return raw === 'published' || raw === 'draft' ? raw : null;
}

/** The URL is the source of truth for search, status filter and paging: `?q=&status=&limit=&offset=`. */
function parseQuery(params: ParamMap): WorkflowListQuery {
  return {
    q: (params.get('q') ?? '').trim().slice(0, MAX_QUERY_LENGTH),
    status: statusParam(params.get('status')),
    limit: intParam(params.get('limit'), DEFAULT_LIMIT, 1, MAX_LIMIT),
    offset: intParam(params.get('offset'), 0, 0, Number.MAX_SAFE_INTEGER),
  };
}

function sameQuery(a: WorkflowListQuery, b: WorkflowListQuery): boolean {
  return a.q === b.q && a.status === b.status && a.limit === b.limit && a.offset === b.offset;
}

@Component({
  selector: 'app-workflow-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatInputModule,
    MatMenuModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatTableModule,
    MatTooltipModule,
    EmptyStateComponent,
    ErrorBannerComponent,
    IconComponent,
    PageHeaderComponent,
    WorkflowStatusComponent,
  ],
  templateUrl: './workflow-list.page.html',
  styleUrl: './workflow-list.page.scss',
})
export class WorkflowListPage {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly api = inject(WorkflowsApi);
  protected readonly actions = inject(WorkflowActions);
  private readonly features = inject(FeaturesService);
  protected readonly publishEnabled = computed(() => this.features.flags().chatkit_publish_enabled);

  protected readonly columns = ['name', 'status', 'model', 'version', 'updated', 'actions'] as const;
  protected readonly pageSizes = [10, 20, 50, 100];
  protected readonly shareUrl = shareUrl;

  private readonly query$ = this.route.queryParamMap.pipe(map(parseQuery), distinctUntilChanged(sameQuery));
  protected readonly query = toSignal(this.query$, { requireSync: true });
  private readonly list = loadOnChange(this.query$, () => this.query(), (query) => this.api.list(query));

  /** Rows changed by an action on this page (publish, unpublish), until the next load. */
  private readonly changed = signal<ReadonlyMap<string, WorkflowResponse>>(new Map());
  /** Rows deleted on this page, until the next load. */
  private readonly deleted = signal<ReadonlySet<string>>(new Set());
  /** The row whose action is running. */
  protected readonly busyId = signal<string | null>(null);

  protected readonly loading = this.list.loading;
  protected readonly error = this.list.error;
  protected readonly page = this.list.value;
  protected readonly rows = computed(() => {
    const changed = this.changed();
    const deleted = this.deleted();
    return (this.page()?.data ?? []).filter((wf) => !deleted.has(wf.id)).map((wf) => changed.get(wf.id) ?? wf);
  });
  protected readonly total = computed(() => (this.page()?.total ?? 0) - this.deleted().size);
  protected readonly pageIndex = computed(() => Math.floor(this.query().offset / this.query().limit));
  protected readonly filtered = computed(() => !!this.query().q || !!this.query().status);

  /** Read out by screen readers when the list changes. */
  protected readonly statusText = computed(() => {
    if (this.loading()) return 'Loading workflows…';
    if (this.error()) return 'Workflows could not be loaded.';
    const rows = this.rows().length;
    if (rows === 0) return 'No workflows found.';
    const first = this.query().offset + 1;
    return `Showing workflows ${first} to ${first + rows - 1} of ${this.total()}.`;
  });

  protected readonly search = new FormControl(this.query().q, { nonNullable: true });
  private readonly searchInput = viewChild.required<ElementRef<HTMLInputElement>>('searchInput');
  /** The last `q` this page wrote to the URL, so the URL → input sync skips our own echo. */
  private pushedQ: string | null = null;

  constructor() {
    void this.features.load();
    this.search.valueChanges
      .pipe(
        debounceTime(SEARCH_DEBOUNCE_MS),
        map((value) => value.trim()),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((q) => this.applySearch(q));

    // Back/forward or an edited URL changes `q`: show it in the search box.
    effect(() => {
      const q = this.query().q;
      if (q === this.pushedQ) return;
      this.pushedQ = null;
      if (this.search.value.trim() !== q) this.search.setValue(q, { emitEvent: false });
    });

    // A fresh page from the server replaces the local changes.
    effect(() => {
      if (this.list.state().status === 'loaded') {
        this.changed.set(new Map());
        this.deleted.set(new Set());
      }
    });
  }

  protected submitSearch(): void {
    this.applySearch(this.search.value.trim());
  }

  protected clearSearch(): void {
    this.search.setValue('', { emitEvent: false });
    this.applySearch('');
    // The clear buttons disappear once clicked; keep keyboard focus somewhere useful.
    this.searchInput().nativeElement.focus();
  }

  protected clearFilters(): void {
    this.search.setValue('', { emitEvent: false });
    this.pushedQ = '';
    this.navigate({ q: null, status: null, offset: null });
  }

  protected onStatus(event: MatButtonToggleChange): void {
    this.navigate({ status: statusParam(event.value as string | null), offset: null });
  }

  protected onPage(event: PageEvent): void {
    const offset = event.pageIndex * event.pageSize;
    this.navigate({
      offset: offset > 0 ? offset : null,
      limit: event.pageSize !== DEFAULT_LIMIT ? event.pageSize : null,
    });
  }

  protected firstPage(): void {
    this.navigate({ offset: null });
  }

  protected retry(): void {
    this.list.reload();
  }

  protected open(wf: WorkflowResponse, event: MouseEvent): void {
    // Clicks on links and buttons inside the row do their own thing.
    if ((event.target as HTMLElement).closest('a, button')) return;
    void this.router.navigate(['/workflows', wf.id]);
  }

  protected async publish(wf: WorkflowResponse): Promise<void> {
    await this.runRowAction(wf.id, async () => {
      const result = await this.actions.publish(wf);
      if (result.status === 'done') this.replaceRow(result.value);
    });
  }

  protected async unpublish(wf: WorkflowResponse): Promise<void> {
    await this.runRowAction(wf.id, async () => {
      const result = await this.actions.unpublish(wf);
      if (result.status === 'done') this.replaceRow(result.value);
    });
  }

  protected async delete(wf: WorkflowResponse): Promise<void> {
    await this.runRowAction(wf.id, async () => {
      const result = await this.actions.delete(wf);
      if (result.status !== 'done') return;
      this.deleted.update((set) => new Set(set).add(wf.id));
      // The last row of a later page is gone: go back one page.
      if (this.rows().length === 0 && this.query().offset > 0) {
        this.navigate({ offset: Math.max(0, this.query().offset - this.query().limit) || null });
      }
    });
  }

  private async runRowAction(id: string, action: () => Promise<void>): Promise<void> {
    if (this.busyId()) return;
    this.busyId.set(id);
    try {
      await action();
    } finally {
      this.busyId.set(null);
    }
  }

  private replaceRow(wf: WorkflowResponse): void {
    this.changed.update((map) => new Map(map).set(wf.id, wf));
    // A status filter may no longer match the row: reload in the background to be exact.
    if (this.query().status) this.list.reload();
  }

  private applySearch(q: string): void {
    if (q === this.query().q) return;
    this.pushedQ = q;
    // Typing replaces the history entry instead of adding one per keystroke.
    this.navigate({ q: q || null, offset: null }, true);
  }

  private navigate(params: Partial<Record<keyof WorkflowListQuery, string | number | null>>, replaceUrl = false): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: params,
      queryParamsHandling: 'merge',
      replaceUrl,
    });
  }
}
