/**
 * Widget form values → action payload (§6.3): every field of the enclosing Form (or Card
 * with `asForm`) by `name`; dotted names build nested objects; a name that collides with
 * a key already in the payload is dropped (the widget author's payload wins).
 */

export type FieldValue = string | boolean | string[];

/** Sets `a.b.c` in `target` unless the path is taken (existing keys win). */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.').filter(Boolean);
  if (keys.length === 0) return;
  let cur = target;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i];
    const next = cur[k];
    if (next === undefined) cur = cur[k] = {} as Record<string, unknown>;
    else if (next && typeof next === 'object' && !Array.isArray(next)) cur = next as Record<string, unknown>;
    else return;
  }
  const last = keys[keys.length - 1];
  if (!(last in cur) || cur[last] === undefined) cur[last] = value;
}

/** Merges flat `name → value` pairs into a copy of `payload`. */
export function mergeFormValues(payload: unknown, values: Record<string, FieldValue>): unknown {
  const names = Object.keys(values);
  if (names.length === 0) return payload;
  if (payload !== undefined && (payload === null || typeof payload !== 'object' || Array.isArray(payload))) return payload;
  const out: Record<string, unknown> = payload ? structuredClone(payload as Record<string, unknown>) : {};
  for (const name of names) setPath(out, name, values[name]);
  return out;
}

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** Reads the named fields under `root` (a `<form>` or any container). */
export function collectFields(root: ParentNode): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  for (const el of root.querySelectorAll<Field>('input[name], select[name], textarea[name]')) {
    if (el.disabled || !el.name) continue;
    if (el instanceof HTMLInputElement && el.type === 'checkbox') values[el.name] = el.checked;
    else if (el instanceof HTMLInputElement && el.type === 'radio') {
      if (el.checked) values[el.name] = el.value;
      else if (!(el.name in values)) values[el.name] = '';
    } else if (el instanceof HTMLSelectElement && el.multiple) {
      values[el.name] = [...el.selectedOptions].map((o) => o.value);
    } else values[el.name] = el.value;
  }
  return values;
}

/** One field's value (for change actions outside a form). */
export function fieldValue(el: Field): FieldValue {
  if (el instanceof HTMLInputElement && el.type === 'checkbox') return el.checked;
  return el.value;
}
