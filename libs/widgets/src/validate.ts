/**
 * Widget validation: a compact interpreter of {@link WIDGET_JSON_SCHEMA} (no
 * dependencies, no eval, safe under strict CSP) that reports errors with paths
 * like `children[0].children[2].onClickAction.type`.
 *
 * Discriminated unions (`oneOf` whose branches carry a `type` const) dispatch on
 * the node's `type`, which gives precise messages for the structural rules:
 * unknown component types, ListViewItem outside ListView, Table.Row outside Table,
 * Table.Cell outside Table.Row, roots outside Basic.
 */
import { WIDGET_JSON_SCHEMA, type JsonSchema } from './schema';
import { WIDGET_COMPONENT_TYPES, WIDGET_ROOT_TYPES } from './tokens';
import { checkWidgetSize } from './size';
import type { ActionConfig, WidgetComponent, WidgetRoot } from './types';

export interface WidgetValidationError {
  /** Path into the tree, e.g. `children[0].onClickAction.type`; `''` is the root itself. */
  path: string;
  message: string;
}

export type WidgetValidationResult<T = WidgetRoot> =
  | { ok: true; widget: T }
  | { ok: false; errors: WidgetValidationError[] };

export interface ValidateWidgetOptions {
  /** Reject trees whose JSON encoding exceeds this many UTF-8 bytes (checked first). */
  maxBytes?: number;
}

/** At most this many errors are reported. */
export const MAX_WIDGET_ERRORS = 50;
/** Deepest JSON nesting (objects and arrays) accepted. */
export const MAX_WIDGET_DEPTH = 100;

const DEFS = WIDGET_JSON_SCHEMA.$defs as Record<string, JsonSchema>;
const NODE_TYPES: ReadonlySet<string> = new Set<string>([...WIDGET_ROOT_TYPES, ...WIDGET_COMPONENT_TYPES]);
const PLACEMENT: Record<string, string> = {
  ListViewItem: 'ListViewItem may only appear as a direct child of ListView',
  'Table.Row': 'Table.Row may only appear as a child of Table',
  'Table.Cell': 'Table.Cell may only appear as a child of Table.Row',
  Card: 'Card is a root; roots may only be nested inside Basic',
  ListView: 'ListView is a root; roots may only be nested inside Basic',
  Basic: 'Basic is a root; roots may only be nested inside Basic',
};

type Errors = WidgetValidationError[];

const deref = (s: JsonSchema): JsonSchema => (s.$ref ? DEFS[s.$ref.slice(8)] : s);
const key = (path: string, k: string): string => (path ? `${path}.${k}` : k);
const list = (xs: readonly unknown[]): string =>
  xs.length > 1 ? `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}` : String(xs[0]);

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isFinite(v) ? (Number.isInteger(v) ? 'integer' : 'number') : 'non-finite number';
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null ? 'object' : 'non-plain object';
  }
  return typeof v;
}

/** Whether a schema could accept a value of JSON type `t` (used to pick the relevant anyOf branch). */
/** How a value's type is named in messages ('integer' only matters when an integer is expected). */
const got = (t: string): string => (t === 'integer' ? 'number' : t);

/** Whether a `type` keyword admits JSON type `t` (an integer is a number). No allocation: this runs for every value. */
function typeAccepts(type: string | readonly string[], t: string): boolean {
  if (typeof type === 'string') return type === t || (type === 'number' && t === 'integer');
  for (const x of type) if (x === t || (x === 'number' && t === 'integer')) return true;
  return false;
}

function accepts(s: JsonSchema, t: string): boolean {
  s = deref(s);
  if (s.type) return typeAccepts(s.type, t);
  if ('const' in s) return typeAccepts(jsonType(s.const), t);
  if (s.enum) return s.enum.some((e) => typeAccepts(jsonType(e), t));
  const branches = s.anyOf ?? s.oneOf;
  return branches ? branches.some((b) => accepts(b, t)) : true;
}

function describe(s: JsonSchema): string {
  if (s.$ref) return s.$ref.slice(8);
  if ('const' in s) return JSON.stringify(s.const);
  return s.type ? list(([] as string[]).concat(s.type as string)) : 'value';
}

/** `type` → branch schema for a discriminated `oneOf` (or a single node schema); cached. */
const discriminators = new WeakMap<JsonSchema, Map<string, JsonSchema> | null>();
function discriminator(s: JsonSchema): Map<string, JsonSchema> | null {
  let map = discriminators.get(s);
  if (map === undefined) {
    map = new Map();
    for (const b of s.oneOf ?? [s]) {
      const d = deref(b);
      const c = d.properties?.type?.const;
      if (typeof c !== 'string') {
        map = null;
        break;
      }
      map.set(c, d);
    }
    discriminators.set(s, map);
  }
  return map;
}

const regexes = new Map<string, RegExp>();
const regex = (p: string): RegExp => {
  let r = regexes.get(p);
  if (!r) regexes.set(p, (r = new RegExp(p, 'u')));
  return r;
};

/** `enum` as a Set, per schema (an icon name is looked up among hundreds). */
const enumSets = new WeakMap<JsonSchema, ReadonlySet<unknown>>();
function inEnum(s: JsonSchema & { enum: readonly unknown[] }, v: unknown): boolean {
  let set = enumSets.get(s);
  if (!set) enumSets.set(s, (set = new Set(s.enum)));
  return set.has(v);
}

function check(v: unknown, schema: JsonSchema, path: string, errors: Errors, depth: number): void {
  if (errors.length >= MAX_WIDGET_ERRORS) return;
  const fail = (message: string, at = path) => {
    if (errors.length < MAX_WIDGET_ERRORS) errors.push({ path: at, message });
  };
  const s = deref(schema);
  const t = jsonType(v);

  // Discriminated union or single node schema: dispatch on `type`.
  const map = (s.oneOf || (s.type === 'object' && s.properties?.type?.const !== undefined)) ? discriminator(s) : null;
  if (map) {
    // The happy path only looks the branch up; the wording of errors is worked out when one occurs.
    const type = t === 'object' ? (v as Record<string, unknown>).type : undefined;
    const branch = typeof type === 'string' ? map.get(type) : undefined;
    if (branch) return checkObject(v as Record<string, unknown>, branch, path, errors, depth);
    const allowed = [...map.keys()];
    const isNode = NODE_TYPES.has(allowed[0]);
    const noun = !isNode ? `${list(allowed)} object` : allowed.length === 3 && allowed[0] === 'Card' ? 'a widget root object' : 'a widget component object';
    if (t !== 'object') return fail(`Expected ${noun}, got ${got(t)}`);
    const at = key(path, 'type');
    if (type === undefined) return fail('Required', at);
    if (typeof type !== 'string') return fail(`Expected string, got ${got(jsonType(type))}`, at);
    const expected = allowed.length <= 3 ? `; expected ${list(allowed)}` : '';
    if (!NODE_TYPES.has(type)) return fail(`Unknown ${isNode ? 'component ' : ''}type "${type}"${expected}`, at);
    return fail(expected ? `"${type}" is not allowed here${expected}` : PLACEMENT[type] ?? `"${type}" is not allowed here`, at);
  }

  const branches = s.anyOf ?? s.oneOf;
  if (branches) {
    const relevant: Errors[] = [];
    for (const b of branches) {
      // A plain branch (no anyOf/oneOf of its own) that cannot take the value's JSON type
      // fails for sure, and such errors are never reported: skip building them.
      const d = deref(b);
      if (!d.anyOf && !d.oneOf && !accepts(d, t)) continue;
      const errs: Errors = [];
      check(v, b, path, errs, depth);
      if (!errs.length) return;
      if (accepts(b, t)) relevant.push(errs);
    }
    // Exactly one branch fits the value's JSON type: its errors are the precise ones.
    if (relevant.length === 1) {
      for (const e of relevant[0]) fail(e.message, e.path);
      return;
    }
    return fail(s.errorMessage ?? `Expected ${branches.map(describe).join(' or ')}, got ${got(t)}`);
  }

  if ('const' in s && v !== s.const) return fail(`Expected ${JSON.stringify(s.const)}`);
  if (s.type && !typeAccepts(s.type, t)) return fail(`Expected ${describe({ type: s.type })}, got ${got(t)}`);
  if (s.enum && !inEnum(s as JsonSchema & { enum: readonly unknown[] }, v)) return fail(`Expected one of: ${s.enum.join(', ')}; got "${String(v)}"`);
  if (typeof v === 'string') {
    if (s.minLength !== undefined && v.length < s.minLength) return fail(s.minLength === 1 ? 'Must not be empty' : `Must be at least ${s.minLength} characters`);
    if (s.pattern !== undefined && !regex(s.pattern).test(v)) return fail(`Must match ${s.pattern}`);
  }
  if (typeof v === 'number' && s.minimum !== undefined && v < s.minimum) return fail(`Must be >= ${s.minimum}`);
  if (t === 'array') {
    if (depth >= MAX_WIDGET_DEPTH) return fail('Nested too deeply');
    if (s.items) (v as unknown[]).forEach((item, i) => check(item, s.items!, `${path}[${i}]`, errors, depth + 1));
  }
  if (t === 'object') checkObject(v as Record<string, unknown>, s, path, errors, depth);
}

function checkObject(v: Record<string, unknown>, s: JsonSchema, path: string, errors: Errors, depth: number): void {
  if (depth >= MAX_WIDGET_DEPTH) {
    if (errors.length < MAX_WIDGET_ERRORS) errors.push({ path, message: 'Nested too deeply' });
    return;
  }
  const props = s.properties ?? {};
  for (const k of s.required ?? []) {
    if (v[k] === undefined && errors.length < MAX_WIDGET_ERRORS) errors.push({ path: key(path, k), message: 'Required' });
  }
  for (const k of Object.keys(v)) {
    const value = v[k];
    if (value === undefined) continue; // as JSON.stringify: an undefined prop is an absent prop
    const ps = Object.prototype.hasOwnProperty.call(props, k) ? props[k] : undefined;
    const extra = s.additionalProperties;
    if (ps) check(value, ps, key(path, k), errors, depth + 1);
    else if (extra === false) {
      if (errors.length < MAX_WIDGET_ERRORS) errors.push({ path: key(path, k), message: 'Unknown property' });
    } else if (extra && extra !== true) check(value, extra, key(path, k), errors, depth + 1);
  }
}

function run<T>(value: unknown, def: string): WidgetValidationResult<T> {
  const errors: Errors = [];
  check(value, DEFS[def], '', errors, 0);
  return errors.length ? { ok: false, errors } : { ok: true, widget: value as T };
}

/**
 * Validates a widget root (Card, ListView or Basic) and its whole tree.
 * On success `widget` is the input itself (not a copy); unknown extra props are kept.
 */
export function validateWidget(root: unknown, options: ValidateWidgetOptions = {}): WidgetValidationResult {
  if (options.maxBytes !== undefined) {
    const size = checkWidgetSize(root, options.maxBytes);
    if (!size.ok) return { ok: false, errors: size.errors };
  }
  return run<WidgetRoot>(root, 'WidgetRoot');
}

/** Validates a single non-root component (e.g. for `widget.component.updated`). */
export function validateWidgetComponent(component: unknown): WidgetValidationResult<WidgetComponent> {
  return run<WidgetComponent>(component, 'WidgetComponent');
}

/** Validates an {@link ActionConfig} on its own (paths are relative to the action). */
export function validateActionConfig(
  action: unknown,
): { ok: true; action: ActionConfig } | { ok: false; errors: WidgetValidationError[] } {
  const r = run<ActionConfig>(action, 'ActionConfig');
  return r.ok ? { ok: true, action: r.widget } : r;
}
