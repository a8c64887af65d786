/** Action helpers shared by the server (building widgets) and the chat element (routing clicks). */
import type { ActionConfig, ResolvedActionConfig } from './types';

/** Reference defaults for omitted {@link ActionConfig} fields. */
export const ACTION_DEFAULTS = { handler: 'server', loadingBehavior: 'auto', streaming: true } as const;

/** Returns the action with `handler`, `loadingBehavior` and `streaming` filled in. */
export function resolveActionConfig<T extends string, P>(action: ActionConfig<T, P>): ResolvedActionConfig<T, P> {
  return { ...ACTION_DEFAULTS, ...action } as ResolvedActionConfig<T, P>;
}

/**
 * Which ChatKit request a widget action becomes: `threads.custom_action` (server, streaming),
 * `threads.sync_custom_action` (server, non-streaming) or `client` (the page's `widgets.onAction`).
 */
export function actionRoute(action: ActionConfig): 'threads.custom_action' | 'threads.sync_custom_action' | 'client' {
  const a = resolveActionConfig(action);
  if (a.handler === 'client') return 'client';
  return a.streaming ? 'threads.custom_action' : 'threads.sync_custom_action';
}

/**
 * Removes `null` object values and `null` array items, recursively (like the reference's
 * `_drop_none`, used on widgets rendered from templates). Atrium never puts nulls on the
 * wire, and the widget schema rejects them; run this first on template output.
 */
export function dropNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(dropNulls) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = dropNulls(v);
    return out as T;
  }
  return value;
}
