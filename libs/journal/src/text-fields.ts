import { invalidArgument } from '@palyra/core';

/** A required, non-empty string field (INVALID_ARGUMENT `<field> is required` otherwise). */
export function requireText(value: string, field: string): string {
  if (typeof value !== 'string' || value === '') throw invalidArgument(field, `${field} is required`);
  return value;
}

/** An optional string field: absent is '', anything but a string is INVALID_ARGUMENT. */
export function optionalText(value: string | undefined, field: string): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') throw invalidArgument(field, `${field} must be a string`);
  return value;
}

/** A list of strings, copied (absent is []). */
export function textList(value: readonly string[] | undefined, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw invalidArgument(field, `${field} must be a list of strings`);
  }
  return [...value];
}
