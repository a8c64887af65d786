import { computed, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Subject, catchError, map, merge, of, scan, startWith, switchMap, type Observable } from 'rxjs';

import { toApiError, type ApiError } from '../../core/http/api-error';

export type LoadState<T> =
  | { status: 'loading'; value?: T }
  | { status: 'loaded'; value: T }
  | { status: 'error'; error: ApiError; value?: undefined };

export interface Loader<T> {
  state: Signal<LoadState<T>>;
  loading: Signal<boolean>;
  error: Signal<ApiError | null>;
  /** The last loaded value; kept while the next one loads (so the page does not flash). */
  value: Signal<T | null>;
  /** Loads again with the current query. */
  reload(): void;
}

/**
 * Loads `fetch(query)` whenever `query$` emits (cancelling the older request) and on
 * `reload()`. Call in an injection context (it uses toSignal).
 */
export function loadOnChange<Q, T>(query$: Observable<Q>, current: () => Q, fetch: (query: Q) => Observable<T>): Loader<T> {
  const reload$ = new Subject<void>();
  const state = toSignal(
    merge(query$, reload$.pipe(map(() => current()))).pipe(
      switchMap((query) =>
        fetch(query).pipe(
          map((value): LoadState<T> => ({ status: 'loaded', value })),
          catchError((err: unknown) => of<LoadState<T>>({ status: 'error', error: toApiError(err) })),
          startWith<LoadState<T>>({ status: 'loading' }),
        ),
      ),
      scan((prev: LoadState<T>, next: LoadState<T>): LoadState<T> =>
        next.status === 'loading' ? { status: 'loading', value: prev.value } : next,
      ),
    ),
    { initialValue: { status: 'loading' } as LoadState<T> },
  );
  return {
    state,
    loading: computed(() => state().status === 'loading'),
    error: computed(() => {
      const s = state();
      return s.status === 'error' ? s.error : null;
    }),
    value: computed(() => state().value ?? null),
    reload: () => reload$.next(),
  };
}

/** A whole-number query parameter, clamped; `fallback` when absent or not a number. */
export function intParam(raw: string | null, fallback: number, min: number, max: number): number {
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) ? Math.min(Math.max(n, min), max) : fallback;
}
