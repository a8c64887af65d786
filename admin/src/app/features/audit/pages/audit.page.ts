import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, Router, type ParamMap } from '@angular/router';
import type { AuditEventResponse, Page } from '@atrium/protocol';
import { EMPTY, distinctUntilChanged, expand, firstValueFrom, map, reduce, type Observable } from 'rxjs';

import { AuthService } from '../../../core/auth/auth.service';
import { filenameFromDisposition, saveBlob } from '../../../core/http/download';
import { toApiErrorAsync } from '../../../core/http/api-error';
import { EmptyStateComponent } from '../../../shared/ui/empty-state.component';
import { ErrorBannerComponent } from '../../../shared/ui/error-banner.component';
import { IconComponent } from '../../../shared/ui/icon.component';
import { PageHeaderComponent } from '../../../shared/ui/page-header.component';
import { intParam, loadOnChange } from '../../../shared/util/load-state';
import { AuditChartComponent } from '../components/audit-chart.component';
import { openAuditEventDrawer } from '../components/audit-event-drawer.component';
import { AuditFiltersComponent } from '../components/audit-filters.component';
import { AuditVerifyComponent } from '../components/audit-verify.component';
import {
  actionColor,
  actionLabel,
  filterToParams,
  isEmptyFilter,
  parseFilter,
  sameFilter,
  type AuditFilter,
} from '../data/audit-filter';
import { summarizeEvent } from '../data/audit-summary';
import { AuditApi, type AuditExportFormat } from '../data/audit.api';

const DEFAULT_LIMIT = 50;
/** The chart is computed from at most this many events (the newest of the filtered set). */
export const CHART_CAP = 2000;
const CHART_PAGE = 500;

interface AuditQuery {
  filter: AuditFilter;
  limit: number;
  cursor: string | null;
}

interface ChartData {
  events: AuditEventResponse[];
  capped: boolean;
}

function parseQuery(params: ParamMap): AuditQuery {
  const cursor = params.get('cursor');
  return {
    filter: parseFilter(params),
    limit: intParam(params.get('limit'), DEFAULT_LIMIT, 1, 500),
    cursor: cursor && cursor.length <= 100 ? cursor : null,
  };
}

function sameQuery(a: AuditQuery, b: AuditQuery): boolean {
  return sameFilter(a.filter, b.filter) && a.limit === b.limit && a.cursor === b.cursor;
}

@Component({
  selector: 'app-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    DecimalPipe,
    MatButtonModule,
    MatMenuModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    MatTableModule,
    MatTooltipModule,
    AuditChartComponent,
    AuditFiltersComponent,
    AuditVerifyComponent,
    EmptyStateComponent,
    ErrorBannerComponent,
    IconComponent,
    PageHeaderComponent,
  ],
  templateUrl: './audit.page.html',
  styleUrl: './audit.page.scss',
})
export class AuditPage {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly api = inject(AuditApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly auth = inject(AuthService);

  protected readonly columns = ['at', 'action', 'actor', 'what', 'details'] as const;
  protected readonly chartCap = CHART_CAP;
  protected readonly actionLabel = actionLabel;
  protected readonly actionColor = actionColor;

  private readonly query$ = this.route.queryParamMap.pipe(map(parseQuery), distinctUntilChanged(sameQuery));
  protected readonly query = toSignal(this.query$, { requireSync: true });
  protected readonly filter = computed(() => this.query().filter, { equal: sameFilter });
  private readonly filter$ = this.query$.pipe(
    map((q) => q.filter),
    distinctUntilChanged(sameFilter),
  );

  private readonly list = loadOnChange(this.query$, () => this.query(), (q) => this.api.list(q.filter, q.limit, q.cursor));
  protected readonly loading = this.list.loading;
  protected readonly error = this.list.error;
  protected readonly page = this.list.value;
  protected readonly rows = computed(() => this.page()?.data ?? []);

  private readonly chart = loadOnChange(this.filter$, () => this.filter(), (filter) => this.loadChart(filter));
  protected readonly chartLoading = this.chart.loading;
  protected readonly chartError = this.chart.error;
  protected readonly chartData = this.chart.value;
  protected readonly retryChart = (): void => this.chart.reload();

  /** Cursors of the pages before this one ('' = the first page); lost on reload, then "Newest" still works. */
  private readonly cursorStack = signal<string[]>([]);
  protected readonly pageNumber = computed(() => (this.query().cursor ? (this.cursorStack().length || null) : 0));
  protected readonly canGoNewer = computed(() => this.query().cursor !== null);
  protected readonly canGoOlder = computed(() => !!this.page()?.next_cursor);
  protected readonly filtered = computed(() => !isEmptyFilter(this.filter()));
  protected readonly exporting = signal<AuditExportFormat | null>(null);

  protected readonly statusText = computed(() => {
    if (this.loading()) return 'Loading audit events…';
    if (this.error()) return 'Audit events could not be loaded.';
    const rows = this.rows();
    if (!rows.length) return 'No audit events found.';
    return `Showing ${rows.length} events, #${rows[rows.length - 1].seq} to #${rows[0].seq}.`;
  });

  constructor() {
    // New filters start paging over.
    let previous: AuditFilter | null = null;
    effect(() => {
      const filter = this.filter();
      untracked(() => {
        if (previous && !sameFilter(previous, filter)) this.cursorStack.set([]);
        previous = filter;
      });
    });
  }

  protected onFilter(filter: AuditFilter): void {
    this.navigate({ ...filterToParams(filter), cursor: null });
  }

  protected older(): void {
    const next = this.page()?.next_cursor;
    if (!next) return;
    this.cursorStack.update((stack) => [...stack, this.query().cursor ?? '']);
    this.navigate({ cursor: next });
  }

  protected newer(): void {
    const stack = this.cursorStack();
    if (!stack.length) return this.newest();
    const previous = stack[stack.length - 1];
    this.cursorStack.set(stack.slice(0, -1));
    this.navigate({ cursor: previous || null });
  }

  protected newest(): void {
    this.cursorStack.set([]);
    this.navigate({ cursor: null });
  }

  protected retry(): void {
    this.list.reload();
  }

  protected summary(event: AuditEventResponse): string {
    return summarizeEvent(event);
  }

  protected async openDetails(event: AuditEventResponse): Promise<void> {
    const ref = openAuditEventDrawer(this.dialog, { event, canOpenWorkflow: this.auth.role() === 'admin' });
    const picked = await firstValueFrom(ref.afterClosed());
    if (picked) this.onFilter({ ...this.filter(), ...picked });
  }

  protected onRowClick(event: AuditEventResponse, click: MouseEvent): void {
    if ((click.target as HTMLElement).closest('a, button')) return;
    void this.openDetails(event);
  }

  protected async export(format: AuditExportFormat): Promise<void> {
    if (this.exporting()) return;
    this.exporting.set(format);
    try {
      const res = await firstValueFrom(this.api.export(this.filter(), format));
      const stamp = new Date().toISOString().slice(0, 10);
      const name = filenameFromDisposition(res.headers, `atrium-audit-${stamp}.${format}`);
      if (res.body) saveBlob(res.body, name);
      this.snackBar.open(`Exported ${name}.`, undefined, { duration: 4000 });
    } catch (err: unknown) {
      const error = await toApiErrorAsync(err);
      this.snackBar.open(`Export failed: ${error.message}`, 'Dismiss', { duration: 10000, politeness: 'assertive' });
    } finally {
      this.exporting.set(null);
    }
  }

  /** The newest events of the filtered set, page after page, up to CHART_CAP. */
  private loadChart(filter: AuditFilter): Observable<ChartData> {
    const fetch = (cursor?: string): Observable<Page<AuditEventResponse>> => this.api.list(filter, CHART_PAGE, cursor);
    let loaded = 0;
    return fetch().pipe(
      expand((page) => {
        loaded += page.data.length;
        return page.next_cursor && loaded < CHART_CAP ? fetch(page.next_cursor) : EMPTY;
      }),
      reduce(
        (acc: ChartData, page) => ({ events: acc.events.concat(page.data), capped: !!page.next_cursor }),
        { events: [], capped: false },
      ),
      map((data) => ({ events: data.events.slice(0, CHART_CAP), capped: data.capped || data.events.length > CHART_CAP })),
    );
  }

  private navigate(params: Record<string, string | number | null>): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: params, queryParamsHandling: 'merge' });
  }
}
