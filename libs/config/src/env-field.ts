import { REDACTED } from '@palyra/core';
import { z } from 'zod';
import { Secret } from './secret.js';

const ENV_FIELD = Symbol('palyra.envField');

/**
 * One environment variable: its name, how to parse it (a zod schema over the trimmed, non-empty
 * raw string) and what to print in docs and errors. Builders below create these; `parseEnv` reads
 * them. Unset and empty variables are the same thing (Helm and compose render unset values as "").
 */
export interface EnvField<T> {
  readonly [ENV_FIELD]: true;
  readonly name: string;
  /** Short type for tables: `duration_ms`, `bytes`, `port`, `bool`, `int`, `url`, `enum`, ... */
  readonly type: string;
  /** The accepted form, e.g. "an integer number of milliseconds, e.g. 30000". */
  readonly expected: string;
  readonly description: string;
  readonly secret: boolean;
  readonly optional: boolean;
  readonly hasDefault: boolean;
  readonly defaultValue: T | undefined;
  readonly schema: z.ZodType<T, string>;
  /** Renders a value the way an operator would write it in the variable (for defaults in docs). */
  format(value: T): string;
}

export interface FieldOptions<T> {
  readonly description: string;
  readonly default?: T;
}

export interface RangeOptions {
  readonly min?: number;
  readonly max?: number;
}

export type AnyEnvField = EnvField<unknown>;

export function isEnvField(value: unknown): value is AnyEnvField {
  return typeof value === 'object' && value !== null && ENV_FIELD in value;
}

const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

interface FieldDefinition<T> {
  readonly type: string;
  readonly expected: string;
  readonly schema: z.ZodType<T, string>;
  readonly format?: (value: T) => string;
  readonly secret?: boolean;
}

function createField<T>(name: string, options: FieldOptions<T>, definition: FieldDefinition<T>): EnvField<T> {
  if (!ENV_NAME.test(name)) {
    throw new TypeError(`environment variable name ${name} must be UPPER_SNAKE_CASE`);
  }
  const format = definition.format ?? ((value: T) => String(value));
  const hasDefault = options.default !== undefined;
  if (hasDefault) {
    // A default is checked by the same parser as the variable, so docs never show a value that
    // would be rejected if an operator copied it.
    const result = definition.schema.safeParse(format(options.default as T));
    if (!result.success) {
      throw new TypeError(`default of ${name} is not accepted by its own parser: ${result.error.message}`);
    }
  }
  return {
    [ENV_FIELD]: true,
    name,
    type: definition.type,
    expected: definition.expected,
    description: options.description,
    secret: definition.secret ?? false,
    optional: false,
    hasDefault,
    defaultValue: options.default,
    schema: definition.schema,
    format,
  };
}

function fail(ctx: z.RefinementCtx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

function rangeText(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  if (max !== undefined) return ` of at most ${max}`;
  return '';
}

function checkRange(ctx: z.RefinementCtx, value: number, range: RangeOptions, unit = ''): number {
  if (range.min !== undefined && value < range.min) return fail(ctx, `must be at least ${range.min}${unit}`);
  if (range.max !== undefined && value > range.max) return fail(ctx, `must be at most ${range.max}${unit}`);
  return value;
}

function integerSchema(range: RangeOptions, notInteger: string, unit = ''): z.ZodType<number, string> {
  return z.string().transform((raw, ctx) => {
    if (!/^[+-]?\d+$/.test(raw)) return fail(ctx, notInteger);
    const value = Number(raw);
    if (!Number.isSafeInteger(value)) return fail(ctx, 'is too large');
    return checkRange(ctx, value, range, unit);
  });
}

/** Integer milliseconds. Units are in the name (`_MS`), so `30s` is rejected rather than guessed. */
export function durationMs<const N extends `${string}_MS`>(
  name: N,
  options: FieldOptions<number> & RangeOptions,
): EnvField<number> {
  if (!name.endsWith('_MS')) throw new TypeError(`duration variable ${name} must end with _MS`);
  const range = { min: options.min ?? 0, max: options.max };
  return createField(name, options, {
    type: 'duration_ms',
    expected: `an integer number of milliseconds${rangeText(options.min, options.max)}, e.g. 30000`,
    schema: integerSchema(range, 'must be an integer number of milliseconds (no unit suffix)', ' ms'),
  });
}

const BYTE_UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

export function formatBytes(value: number): string {
  for (const [unit, size] of [
    ['GiB', BYTE_UNITS.gib],
    ['MiB', BYTE_UNITS.mib],
    ['KiB', BYTE_UNITS.kib],
  ] as const) {
    if (size !== undefined && value >= size && value % size === 0) return `${value / size}${unit}`;
  }
  return String(value);
}

/** A size in bytes: a plain integer or an integer with a binary unit (`64KiB`, `4MiB`, `1GiB`). */
export function bytes<const N extends `${string}_BYTES`>(
  name: N,
  options: FieldOptions<number> & RangeOptions,
): EnvField<number> {
  if (!name.endsWith('_BYTES')) throw new TypeError(`size variable ${name} must end with _BYTES`);
  const range = { min: options.min ?? 0, max: options.max };
  return createField(name, options, {
    type: 'bytes',
    expected: `a number of bytes${rangeText(options.min, options.max)}: an integer or an integer with KiB, MiB or GiB, e.g. 65536, 64KiB, 4MiB`,
    format: formatBytes,
    schema: z.string().transform((raw, ctx) => {
      const match = /^(\d+)\s*([a-z]+)?$/i.exec(raw);
      if (!match) return fail(ctx, 'must be an integer number of bytes, optionally with KiB, MiB or GiB');
      const unit = (match[2] ?? 'b').toLowerCase();
      const size = BYTE_UNITS[unit];
      if (size === undefined) {
        return fail(ctx, 'has an unknown unit; use KiB, MiB or GiB (powers of 1024), or no unit for bytes');
      }
      const value = Number(match[1]) * size;
      if (!Number.isSafeInteger(value)) return fail(ctx, 'is too large');
      return checkRange(ctx, value, range, ' bytes');
    }),
  });
}

/** A TCP port. 0 asks the OS for an ephemeral port (tests). */
export function port(name: string, options: FieldOptions<number>): EnvField<number> {
  return createField(name, options, {
    type: 'port',
    expected: 'a TCP port, an integer from 0 to 65535',
    schema: integerSchema({ min: 0, max: 65535 }, 'must be an integer port number'),
  });
}

export function bool(name: string, options: FieldOptions<boolean>): EnvField<boolean> {
  return createField(name, options, {
    type: 'bool',
    expected: 'true, false, 1 or 0',
    schema: z.string().transform((raw, ctx) => {
      const value = raw.toLowerCase();
      if (value === 'true' || value === '1') return true;
      if (value === 'false' || value === '0') return false;
      return fail(ctx, 'must be a boolean');
    }),
  });
}

export function int(name: string, options: FieldOptions<number> & RangeOptions): EnvField<number> {
  return createField(name, options, {
    type: 'int',
    expected: `an integer${rangeText(options.min, options.max)}`,
    schema: integerSchema(options, 'must be an integer'),
  });
}

export interface UrlOptions extends FieldOptions<string> {
  /** Allowed schemes, e.g. `['postgres', 'postgresql']`; any when omitted. */
  readonly protocols?: readonly string[];
}

/** An absolute URL, kept as the string given (clients take strings; URL objects log poorly). */
export function url(name: string, options: UrlOptions): EnvField<string> {
  const protocols = options.protocols?.map((protocol) => protocol.replace(/:$/, '').toLowerCase());
  const protocolText = protocols ? ` using ${protocols.join(' or ')}` : '';
  return createField(name, options, {
    type: 'url',
    expected: `an absolute URL${protocolText}, e.g. ${protocols?.[0] ?? 'https'}://host:port`,
    schema: z.string().transform((raw, ctx) => {
      if (!URL.canParse(raw)) return fail(ctx, 'must be an absolute URL');
      const scheme = new URL(raw).protocol.replace(/:$/, '');
      if (protocols && !protocols.includes(scheme)) {
        return fail(ctx, `must use the ${protocols.join(' or ')} scheme`);
      }
      return raw;
    }),
  });
}

export function enumOf<const V extends readonly [string, ...string[]]>(
  name: string,
  values: V,
  options: FieldOptions<V[number]>,
): EnvField<V[number]> {
  const allowed: readonly string[] = values;
  return createField(name, options, {
    type: 'enum',
    expected: `one of ${values.join(', ')}`,
    schema: z.string().transform((raw, ctx): V[number] => {
      if (!allowed.includes(raw)) return fail(ctx, 'is not an allowed value');
      return raw as V[number];
    }),
  });
}

/** Comma-separated values, each trimmed; empty items are dropped (`a,b,` is `['a', 'b']`). */
export function list(name: string, options: FieldOptions<readonly string[]>): EnvField<readonly string[]> {
  return createField(name, options, {
    type: 'list',
    expected: 'a comma-separated list, e.g. a,b,c',
    format: (value) => value.join(','),
    schema: z.string().transform((raw) =>
      Object.freeze(
        raw
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== ''),
      ),
    ),
  });
}

export interface TextOptions extends FieldOptions<string> {
  readonly pattern?: RegExp;
  /** Said in errors and docs when `pattern` does not match, e.g. "lower-case letters and dashes". */
  readonly patternDescription?: string;
}

export function text(name: string, options: TextOptions): EnvField<string> {
  const { pattern, patternDescription = pattern ? `text matching ${pattern}` : 'non-empty text' } = options;
  return createField(name, options, {
    type: 'string',
    expected: patternDescription,
    schema: z.string().transform((raw, ctx) => {
      if (pattern && !pattern.test(raw)) return fail(ctx, 'does not have the expected form');
      return raw;
    }),
  });
}

export interface SecretOptions {
  readonly description: string;
  readonly minLength?: number;
  /** Secrets have no defaults: a default secret is a shared secret. */
  readonly default?: never;
}

/** A credential. No default; wrapped in `Secret` so it prints as `<redacted>`. */
export function secret(name: string, options: SecretOptions): EnvField<Secret<string>> {
  if ('default' in options) throw new TypeError(`secret ${name} must not have a default`);
  const minLength = options.minLength ?? 1;
  return createField(name, options, {
    type: 'secret',
    expected: minLength > 1 ? `a secret of at least ${minLength} characters` : 'a non-empty secret',
    secret: true,
    format: () => REDACTED,
    schema: z.string().transform((raw, ctx) => {
      if (raw.length < minLength) return fail(ctx, `must be at least ${minLength} characters long`);
      return new Secret(raw);
    }),
  });
}

/** The variable may be unset; the value is then `undefined`. */
export function optional<T>(field: EnvField<T>): EnvField<T | undefined> {
  if (field.hasDefault) {
    throw new TypeError(`${field.name} has a default, so it is never unset; drop optional()`);
  }
  return {
    ...field,
    optional: true,
    format: (value: T | undefined) => (value === undefined ? '' : field.format(value)),
  };
}

export interface CustomFieldOptions<T> extends FieldOptions<T> {
  /** Short type for tables. */
  readonly type: string;
  readonly expected: string;
  readonly format?: (value: T) => string;
}

/**
 * Any zod schema over the raw string, for forms the builders above do not cover. Issue messages
 * should say what is wrong without repeating the value.
 */
export function custom<T>(
  name: string,
  schema: z.ZodType<T, string>,
  options: CustomFieldOptions<T>,
): EnvField<T> {
  return createField(name, options, {
    type: options.type,
    expected: options.expected,
    schema,
    ...(options.format ? { format: options.format } : {}),
  });
}
