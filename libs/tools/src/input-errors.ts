import type { FieldViolation } from '@palyra/core';
import type { ErrorObject } from 'ajv/dist/2020.js';

const MAX_LISTED = 5;

/** `/headers/X-Api` -> `headers.X-Api`; JSON Pointer escapes undone. */
function pointerToField(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.');
}

function join(parent: string, child: string): string {
  return parent === '' ? child : `${parent}.${child}`;
}

function violationOf(error: ErrorObject): FieldViolation {
  const field = pointerToField(error.instancePath);
  const params = error.params as Record<string, unknown>;
  // A key that fails `propertyNames` is reported at its object; name the key itself.
  if (error.propertyName !== undefined) {
    return {
      field: join(field, error.propertyName),
      code: 'property_name',
      message: `is not an accepted name: it ${error.message ?? `fails ${error.keyword}`}`,
    };
  }
  switch (error.keyword) {
    case 'required':
      return { field: join(field, String(params.missingProperty)), code: 'required', message: 'is required' };
    case 'additionalProperties':
      return {
        field: join(field, String(params.additionalProperty)),
        code: 'unknown_field',
        message: 'is not a known field',
      };
    case 'enum': {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      return {
        field,
        code: 'enum',
        message: `must be one of ${allowed.map((value) => JSON.stringify(value)).join(', ')}`,
      };
    }
    default:
      return { field, code: error.keyword, message: error.message ?? `fails ${error.keyword}` };
  }
}

/**
 * ajv's errors as field violations and one line a model can act on, e.g.
 * `url: is required; method: must be one of "GET", "HEAD"`. Duplicates (ajv reports a failed
 * `propertyNames` twice) are dropped; past five, the rest are counted.
 */
export function summariseInputErrors(errors: readonly ErrorObject[]): {
  violations: FieldViolation[];
  summary: string;
} {
  const seen = new Set<string>();
  const violations: FieldViolation[] = [];
  for (const error of errors) {
    // `propertyNames` failures come with a twin at the property that names the offending key.
    if (error.keyword === 'propertyNames') continue;
    const violation = violationOf(error);
    const text = `${violation.field === '' ? '(arguments)' : violation.field}: ${violation.message}`;
    if (seen.has(text)) continue;
    seen.add(text);
    violations.push(violation);
  }
  const lines = [...seen];
  const listed = lines.slice(0, MAX_LISTED).join('; ');
  const rest = lines.length - MAX_LISTED;
  return { violations, summary: rest > 0 ? `${listed}; and ${rest} more` : listed };
}
