/** Reads a Postgres bigint (a string from `pg`, a number or bigint from PGlite) as a safe integer. */
export function toSafeInteger(value: string | number | bigint): number {
  const result = Number(value);
  if (!Number.isSafeInteger(result)) throw new RangeError(`bigint value ${value} is not a safe integer`);
  return result;
}

export function toNullableSafeInteger(value: string | number | bigint | null): number | null {
  return value === null ? null : toSafeInteger(value);
}

export interface PostgresErrorFields {
  readonly code: string;
  readonly constraint?: string;
  readonly detail?: string;
}

/** The SQLSTATE fields of a driver error (`pg` and PGlite use the same names), if it is one. */
export function postgresError(error: unknown): PostgresErrorFields | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, constraint, detail } = error as Record<string, unknown>;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined;
  return {
    code,
    ...(typeof constraint === 'string' ? { constraint } : {}),
    ...(typeof detail === 'string' ? { detail } : {}),
  };
}

export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';
export const CHECK_VIOLATION = '23514';

export function isConstraintViolation(error: unknown, code: string, constraint: string): boolean {
  const fields = postgresError(error);
  return fields?.code === code && fields.constraint === constraint;
}
