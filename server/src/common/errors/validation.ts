import type { ValidationError } from 'class-validator';
import type { FieldError } from '@atrium/protocol';
import { DomainError } from './domain-error';

/** Flattens class-validator's tree into `{field: "definition.model.temperature", message}` entries. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent ? (/^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`) : e.property;
    for (const message of Object.values(e.constraints ?? {})) {
      out.push({ field, message: message.replace(/^property (\S+) should not exist$/, 'unknown field') });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

export function validationExceptionFactory(errors: ValidationError[]): DomainError {
  const fields = flattenValidationErrors(errors);
  const summary = fields.slice(0, 3).map((f) => `${f.field}: ${f.message}`).join('; ');
  return DomainError.invalid(fields, `Invalid request: ${summary}${fields.length > 3 ? '; …' : ''}`);
}
