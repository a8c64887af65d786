import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, computed, effect, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, Router, type ParamMap } from '@angular/router';
import { ROLES, type Role, type UserResponse } from '@atrium/protocol';
import { debounceTime, distinctUntilChanged, firstValueFrom, map } from 'rxjs';

import { AuthService } from '../../../core/auth/auth.service';
import { toApiError } from '../../../core/http/api-error';
import { UserDirectory } from '../../../core/users/user-directory.service';
import { confirmAction } from '../../../shared/ui/confirm-dialog.component';
import { EmptyStateComponent } from '../../../shared/ui/empty-state.component';
import { ErrorBannerComponent } from '../../../shared/ui/error-banner.component';
import { IconComponent } from '../../../shared/ui/icon.component';
import { PageHeaderComponent } from '../../../shared/ui/page-header.component';
import { intParam, loadOnChange } from '../../../shared/util/load-state';
import { UserDialogComponent, type UserDialogData } from '../components/user-dialog.component';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLE_ORDER } from '../data/roles';
import { UsersApi, type UserListQuery } from '../data/users.api';

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 200;
const SEARCH_DEBOUNCE_MS = 300;

function roleParam(raw: string | null): Role | null {
  return (ROLES as readonly string[]).includes(raw ?? '') ? (raw as Role) : null;
}

/** `?q=&role=&limit=&offset=` */
function parseQuery(params: ParamMap): UserListQuery {
  return {
    q: (params.get('q') ?? '').trim().slice(0, 200),
    role: roleParam(params.get('role')),
    limit: intParam(params.get('limit'), DEFAULT_LIMIT, 1, MAX_LIMIT),
    offset: intParam(params.get('offset'), 0, 0, Number.MAX_SAFE_INTEGER),
  };
}

function sameQuery(a: UserListQuery, b: UserListQuery): boolean {
  return a.q === b.q && a.role === b.role && a.limit === b.limit && a.offset === b.offset;
}

@Component({
  selector: 'app-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatMenuModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    MatTooltipModule,
    EmptyStateComponent,
    ErrorBannerComponent,
    IconComponent,
    PageHeaderComponent,
  ],
  templateUrl: './users.page.html',
  styleUrl: './users.page.scss',
})
export class UsersPage {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly api = inject(UsersApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly directory = inject(UserDirectory);
  private readonly auth = inject(AuthService);

  protected readonly columns = ['name', 'role', 'status', 'lastLogin', 'created', 'actions'] as const;
  protected readonly pageSizes = [10, 25, 50, 100];
  protected readonly roles = ROLE_ORDER;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly selfId = computed(() => this.auth.user()?.id ?? null);

  private readonly query$ = this.route.queryParamMap.pipe(map(parseQuery), distinctUntilChanged(sameQuery));
  protected readonly query = toSignal(this.query$, { requireSync: true });
  private readonly list = loadOnChange(this.query$, () => this.query(), (query) => this.api.list(query));

  /** Users changed on this page, until the next load. */
  private readonly changed = signal<ReadonlyMap<string, UserResponse>>(new Map());
  protected readonly busyId = signal<string | null>(null);

  protected readonly loading = this.list.loading;
  protected readonly error = this.list.error;
  protected readonly page = this.list.value;
  protected readonly rows = computed(() => {
    const changed = this.changed();
    return (this.page()?.data ?? []).map((user) => changed.get(user.id) ?? user);
  });
  protected readonly pageIndex = computed(() => Math.floor(this.query().offset / this.query().limit));
  protected readonly filtered = computed(() => !!this.query().q || !!this.query().role);
  protected readonly statusText = computed(() => {
    if (this.loading()) return 'Loading users…';
    if (this.error()) return 'Users could not be loaded.';
    const rows = this.rows().length;
    if (rows === 0) return 'No users found.';
    const first = this.query().offset + 1;
    return `Showing users ${first} to ${first + rows - 1} of ${this.page()?.total ?? rows}.`;
  });

  protected readonly search = new FormControl(this.query().q, { nonNullable: true });
  private readonly searchInput = viewChild.required<ElementRef<HTMLInputElement>>('searchInput');
  private pushedQ: string | null = null;

  constructor() {
    this.search.valueChanges
      .pipe(debounceTime(SEARCH_DEBOUNCE_MS), map((v) => v.trim()), takeUntilDestroyed(inject(DestroyRef)))
      .subscribe((q) => this.applySearch(q));
    effect(() => {
      const q = this.query().q;
      if (q === this.pushedQ) return;
      this.pushedQ = null;
      if (this.search.value.trim() !== q) this.search.setValue(q, { emitEvent: false });
    });
    effect(() => {
      const state = this.list.state();
      if (state.status !== 'loaded') return;
      this.changed.set(new Map());
      state.value.data.forEach((user) => this.directory.remember(user));
    });
  }

  protected roleLabel(user: UserResponse): string {
    return ROLE_LABELS[user.role];
  }

  protected roleDescription(user: UserResponse): string {
    return ROLE_DESCRIPTIONS[user.role];
  }

  protected submitSearch(): void {
    this.applySearch(this.search.value.trim());
  }

  protected clearSearch(): void {
    this.search.setValue('', { emitEvent: false });
    this.applySearch('');
    this.searchInput().nativeElement.focus();
  }

  protected clearFilters(): void {
    this.search.setValue('', { emitEvent: false });
    this.pushedQ = '';
    this.navigate({ q: null, role: null, offset: null });
  }

  protected onRole(role: Role | 'all'): void {
    this.navigate({ role: roleParam(role), offset: null });
  }

  protected onPage(event: PageEvent): void {
    const offset = event.pageIndex * event.pageSize;
    this.navigate({ offset: offset > 0 ? offset : null, limit: event.pageSize !== DEFAULT_LIMIT ? event.pageSize : null });
  }

  protected firstPage(): void {
    this.navigate({ offset: null });
  }

  protected retry(): void {
    this.list.reload();
  }

  protected async add(): Promise<void> {
    const created = await this.openDialog({});
    if (!created) return;
    this.snackBar.open(`${created.name || created.email} was added as ${ROLE_LABELS[created.role].toLowerCase()}.`, undefined, {
      duration: 4000,
    });
    this.list.reload();
  }

  protected async edit(user: UserResponse): Promise<void> {
    const saved = await this.openDialog({ user, isSelf: user.id === this.selfId() });
    if (!saved) return;
    this.replace(saved);
    this.snackBar.open(`Saved ${saved.name || saved.email}.`, undefined, { duration: 4000 });
  }

  protected async setActive(user: UserResponse, active: boolean): Promise<void> {
    if (!active) {
      const ok = await confirmAction(this.dialog, {
        title: `Deactivate ${user.name || user.email}?`,
        message: 'They are signed out and cannot sign in until an administrator reactivates them.',
        details: ['Their account, chats and audit history are kept.', 'You can reactivate the account at any time.'],
        confirmLabel: 'Deactivate',
        destructive: true,
      });
      if (!ok) return;
    }
    await this.patch(user, { is_active: active }, active ? 'reactivated' : 'deactivated');
  }

  private async patch(user: UserResponse, body: { is_active: boolean }, verb: string): Promise<void> {
    if (this.busyId()) return;
    this.busyId.set(user.id);
    try {
      const saved = await firstValueFrom(this.api.update(user.id, body));
      this.replace(saved);
      this.snackBar.open(`${saved.name || saved.email} was ${verb}.`, undefined, { duration: 4000 });
    } catch (err: unknown) {
      // e.g. 409 user.cannot_change_self: the server explains why.
      this.snackBar.open(toApiError(err).message, 'Dismiss', { duration: 10000, politeness: 'assertive' });
    } finally {
      this.busyId.set(null);
    }
  }

  private async openDialog(data: UserDialogData): Promise<UserResponse | undefined> {
    const ref = this.dialog.open<UserDialogComponent, UserDialogData, UserResponse>(UserDialogComponent, {
      data,
      width: '520px',
      maxWidth: 'calc(100vw - 32px)',
      autoFocus: 'first-tabbable',
    });
    return firstValueFrom(ref.afterClosed());
  }

  private replace(user: UserResponse): void {
    this.directory.remember(user);
    this.changed.update((map) => new Map(map).set(user.id, user));
    // A role filter may no longer match: reload to be exact.
    if (this.query().role) this.list.reload();
  }

  private applySearch(q: string): void {
    if (q === this.query().q) return;
    this.pushedQ = q;
    this.navigate({ q: q || null, offset: null }, true);
  }

  private navigate(params: Partial<Record<keyof UserListQuery, string | number | null>>, replaceUrl = false): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: params, queryParamsHandling: 'merge', replaceUrl });
  }
}
