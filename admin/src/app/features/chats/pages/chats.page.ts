import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router, type ParamMap } from '@angular/router';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';

import { EmptyStateComponent } from '../../../shared/ui/empty-state.component';
import { ErrorBannerComponent } from '../../../shared/ui/error-banner.component';
import { IconComponent } from '../../../shared/ui/icon.component';
import { PageHeaderComponent } from '../../../shared/ui/page-header.component';
import { intParam, loadOnChange } from '../../../shared/util/load-state';
import { ChatsApi, chatUrl, type ChatListQuery } from '../data/chats.api';

const DEFAULT_LIMIT = 24;

function parseQuery(params: ParamMap): ChatListQuery {
  return {
    q: (params.get('q') ?? '').trim().slice(0, 200),
    limit: intParam(params.get('limit'), DEFAULT_LIMIT, 1, 96),
    offset: intParam(params.get('offset'), 0, 0, Number.MAX_SAFE_INTEGER),
  };
}

function sameQuery(a: ChatListQuery, b: ChatListQuery): boolean {
  return a.q === b.q && a.limit === b.limit && a.offset === b.offset;
}

/** An employee's home: the workflows they can chat with, each opening its chat page. */
@Component({
  selector: 'app-chats-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    EmptyStateComponent,
    ErrorBannerComponent,
    IconComponent,
    PageHeaderComponent,
  ],
  templateUrl: './chats.page.html',
  styleUrl: './chats.page.scss',
})
export class ChatsPage {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly api = inject(ChatsApi);

  protected readonly chatUrl = chatUrl;
  private readonly query$ = this.route.queryParamMap.pipe(map(parseQuery), distinctUntilChanged(sameQuery));
  protected readonly query = toSignal(this.query$, { requireSync: true });
  private readonly list = loadOnChange(this.query$, () => this.query(), (q) => this.api.workflows(q));

  protected readonly loading = this.list.loading;
  protected readonly error = this.list.error;
  protected readonly page = this.list.value;
  /** Only published workflows open (the server is asked for those; this guards against anything else). */
  protected readonly open = computed(() => (this.page()?.data ?? []).filter((wf) => wf.is_public));
  protected readonly pageIndex = computed(() => Math.floor(this.query().offset / this.query().limit));

  protected readonly search = new FormControl(this.query().q, { nonNullable: true });
  private pushedQ: string | null = null;

  constructor() {
    this.search.valueChanges
      .pipe(debounceTime(300), map((v) => v.trim()), takeUntilDestroyed(inject(DestroyRef)))
      .subscribe((q) => this.applySearch(q));
    effect(() => {
      const q = this.query().q;
      if (q === this.pushedQ) return;
      this.pushedQ = null;
      if (this.search.value.trim() !== q) this.search.setValue(q, { emitEvent: false });
    });
  }

  protected clearSearch(): void {
    this.search.setValue('', { emitEvent: false });
    this.applySearch('');
  }

  protected retry(): void {
    this.list.reload();
  }

  protected onPage(event: PageEvent): void {
    const offset = event.pageIndex * event.pageSize;
    this.navigate({ offset: offset || null, limit: event.pageSize !== DEFAULT_LIMIT ? event.pageSize : null });
  }

  private applySearch(q: string): void {
    if (q === this.query().q) return;
    this.pushedQ = q;
    this.navigate({ q: q || null, offset: null }, true);
  }

  private navigate(params: Record<string, string | number | null>, replaceUrl = false): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: params, queryParamsHandling: 'merge', replaceUrl });
  }
}
