import type { ToolParameterSchema, ToolParameters } from './tool-pack';

export type ToolArgumentsCheck =
  | { ok: true; args: Record<string, unknown> }
  | { ok: false; errors: string[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks tool-call arguments (from a model: untrusted) against the tool's parameter
 * schema. Returns messages like `title: must be a string` that are fed back to the
 * model so it can correct itself.
 */
export function validateToolArguments(schema: ToolParameters, input: unknown): ToolArgumentsCheck {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: ['arguments must be a JSON object'] };
  }
  const args = input as Record<string, unknown>;
  const errors: string[] = [];
  for (const key of schema.required ?? []) {
    if (args[key] === undefined || args[key] === null) errors.push(`${key}: required`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    const prop = Object.prototype.hasOwnProperty.call(schema.properties, key) ? schema.properties[key] : undefined;
    if (!prop) {
      errors.push(`${key}: unknown argument`);
      continue;
    }
    // Models often send null for "not given": treat it as absent.
    if (value === null || value === undefined) continue;
    checkValue(prop, value, key, errors);
    out[key] = value;
  }
  return errors.length ? { ok: false, errors } : { ok: true, args: out };
}

function checkValue(s: ToolParameterSchema, v: unknown, path: string, errors: string[]): void {
  switch (s.type) {
    case 'string':
      if (typeof v !== 'string') return void errors.push(`${path}: must be a string`);
      if (s.minLength !== undefined && v.trim().length < s.minLength) return void errors.push(`${path}: must not be empty`);
      if (s.maxLength !== undefined && v.length > s.maxLength) return void errors.push(`${path}: must be at most ${s.maxLength} characters`);
      if (s.enum && !s.enum.includes(v)) return void errors.push(`${path}: must be one of ${s.enum.join(', ')}`);
      if (s.format === 'uuid' && !UUID.test(v)) return void errors.push(`${path}: must be a task id (uuid)`);
      return;
    case 'integer':
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v) || (s.type === 'integer' && !Number.isInteger(v))) {
        return void errors.push(`${path}: must be ${s.type === 'integer' ? 'an integer' : 'a number'}`);
      }
      if (s.minimum !== undefined && v < s.minimum) return void errors.push(`${path}: must be >= ${s.minimum}`);
      if (s.maximum !== undefined && v > s.maximum) return void errors.push(`${path}: must be <= ${s.maximum}`);
      return;
    case 'boolean':
      if (typeof v !== 'boolean') errors.push(`${path}: must be true or false`);
      return;
    case 'array':
      if (!Array.isArray(v)) return void errors.push(`${path}: must be an array`);
      if (s.minItems !== undefined && v.length < s.minItems) return void errors.push(`${path}: needs at least ${s.minItems} item(s)`);
      if (s.maxItems !== undefined && v.length > s.maxItems) return void errors.push(`${path}: at most ${s.maxItems} items`);
      if (s.items) v.forEach((item, i) => checkValue(s.items!, item, `${path}[${i}]`, errors));
      return;
  }
}
