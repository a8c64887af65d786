import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  effect,
  inject,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, Router, type ParamMap } from '@angular/router';
import type { OffsetPage, WorkflowResponse } from '@atrium/protocol';
import {
  Subject,
  catchError,
  debounceTime,
  distinctUntilChanged,
  map,
  merge,
  of,
  scan,
  startWith,
  switchMap,
} from 'rxjs';

import { toApiError, type ApiError } from '../../../core/http/api-error';
import { EmptyStateComponent } from '../../../shared/ui/empty-state.component';
import { ErrorBannerComponent } from '../../../shared/ui/error-banner.component';
import { IconComponent } from '../../../shared/ui/icon.component';
import { PageHeaderComponent } from '../../../shared/ui/page-header.component';
import { WorkflowsApi, type WorkflowListQuery } from '../data/workflows.api';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
const MAX_QUERY_LENGTH = 200;
const SEARCH_DEBOUNCE_MS = 300;

type ListState =
  | { status: 'loading'; page?: OffsetPage<WorkflowResponse> }
  | { status: 'loaded'; page: OffsetPage<WorkflowResponse> }
  | { status: 'error'; error: ApiError; page?: undefined };

function intParam(raw: string | null, fallback: number, min: number, max: number): number {
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) ? Math.min(Math.max(n, min), max) : fallback;
}

/** The URL is the source of truth for search and paging: `?q=&limit=&offset=`. */
function parseQuery(params: ParamMap): WorkflowListQuery {
  return {
    q: (params.get('q') ?? '').trim().slice(0, MAX_QUERY_LENGTH),
    limit: intParam(params.get('limit'), DEFAULT_LIMIT, 1, MAX_LIMIT),
    offset: intParam(params.get('offset'), 0, 0, Number.MAX_SAFE_INTEGER),
  };
}

function sameQuery(a: WorkflowListQuery, b: WorkflowListQuery): boolean {
  return a.q === b.q && a.limit === b.limit && a.offset === b.offset;
}

@Component({
  selector: 'app-workflow-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatTableModule,
    MatTooltipModule,
    EmptyStateComponent,
    ErrorBannerComponent,
    IconComponent,
    PageHeaderComponent,
  ],
  templateUrl: './workflow-list.page.html',
  styleUrl: './workflow-list.page.scss',
})
export class WorkflowListPage {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly api = inject(WorkflowsApi);

  protected readonly columns = ['name', 'status', 'model', 'version', 'updated'] as const;
  protected readonly pageSizes = [10, 20, 50, 100];

  private readonly query$ = this.route.queryParamMap.pipe(map(parseQuery), distinctUntilChanged(sameQuery));
  protected readonly query = toSignal(this.query$, { requireSync: true });
  private readonly retry$ = new Subject<void>();

  /** One request per URL change (older ones are cancelled); the last page stays visible while loading. */
  private readonly state = toSignal(
    merge(this.query$, this.retry$.pipe(map(() => this.query()))).pipe(
      switchMap((query) =>
        this.api.list(query).pipe(
          map((page): ListState => ({ status: 'loaded', page })),
          catchError((err: unknown) => of<ListState>({ status: 'error', error: toApiError(err) })),
          startWith<ListState>({ status: 'loading' }),
        ),
      ),
      scan((prev: ListState, next: ListState): ListState =>
        next.status === 'loading' ? { status: 'loading', page: prev.page } : next,
      ),
    ),
    { initialValue: { status: 'loading' } as ListState },
  );

  protected readonly loading = computed(() => this.state().status === 'loading');
  protected readonly error = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });
  protected readonly page = computed(() => this.state().page ?? null);
  protected readonly rows = computed(() => this.page()?.data ?? []);
  protected readonly total = computed(() => this.page()?.total ?? 0);
  protected readonly pageIndex = computed(() => Math.floor(this.query().offset / this.query().limit));

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
    this.retry$.next();
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
