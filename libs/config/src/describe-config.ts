import { isSensitiveKey, REDACTED, redactString } from '@palyra/core';
import { type ConfigSpec, specEntries } from './parse-env.js';
import { isSecret, type Secret } from './secret.js';

/** One variable as documented in a service README and mapped onto Helm values. */
export interface ConfigRow {
  readonly name: string;
  /** Dotted path in the parsed config, e.g. `grpc.port`. */
  readonly path: string;
  readonly type: string;
  /** The default as an operator would write it; undefined when there is none. */
  readonly default: string | undefined;
  /** Neither a default nor optional: the process does not start without it. */
  readonly required: boolean;
  readonly description: string;
  readonly expected: string;
  readonly secret: boolean;
}

export function describeConfig(spec: ConfigSpec): ConfigRow[] {
  return specEntries(spec).map(({ path, field }) => ({
    name: field.name,
    path,
    type: field.type,
    default: field.hasDefault ? field.format(field.defaultValue) : undefined,
    required: !field.hasDefault && !field.optional,
    description: field.description,
    expected: field.expected,
    secret: field.secret,
  }));
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** The table lines of a Markdown text with cell padding removed (the formatter aligns tables). */
function tableCells(markdown: string): string {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .split('|')
        .map((cell) => cell.trim().replace(/^-+$/, '---'))
        .join('|'),
    )
    .join('\n');
}

/** Whether a README holds the spec's current table (compared cell by cell, padding ignored). */
export function hasConfigTable(markdown: string, spec: ConfigSpec): boolean {
  return tableCells(markdown).includes(tableCells(configTableMarkdown(spec)));
}

/** A Markdown table of the spec's variables, for README files. */
export function configTableMarkdown(spec: ConfigSpec): string {
  const header = ['| Variable | Type | Default | Description |', '| --- | --- | --- | --- |'];
  const rows = describeConfig(spec).map((row) => {
    const fallback =
      row.default === undefined
        ? row.required
          ? 'required'
          : 'unset'
        : row.default === ''
          ? 'empty'
          : `\`${row.default}\``;
    const note = row.secret ? ' (secret)' : '';
    return `| \`${row.name}\` | ${row.type} | ${cell(fallback)} | ${cell(row.description + note)} |`;
  });
  return [...header, ...rows].join('\n');
}

/** The type of a config after `redactedConfigForLog`: every Secret becomes the marker string. */
export type RedactedConfig<T> =
  T extends Secret<unknown>
    ? typeof REDACTED
    : T extends readonly (infer U)[]
      ? RedactedConfig<U>[]
      : T extends object
        ? { [K in keyof T]: RedactedConfig<T[K]> }
        : T;

// scheme://user:password@ -> scheme://user:<redacted>@ (database and NATS URLs carry credentials).
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*):[^\s@/?#]*@/gi;

function redactText(value: string): string {
  return redactString(value.replace(URL_PASSWORD, `$1:${REDACTED}@`)).value;
}

/**
 * A copy of a parsed config that is safe to log once at startup: secrets become `<redacted>`,
 * passwords in URLs are masked, and strings under sensitive keys or shaped like credentials
 * (bearer tokens, `sk-` keys, JWTs) are redacted as the journal redactor would.
 */
export function redactedConfigForLog<T>(config: T): RedactedConfig<T> {
  const visit = (value: unknown): unknown => {
    if (isSecret(value)) return REDACTED;
    if (typeof value === 'string') return redactText(value);
    if (Array.isArray(value)) return value.map(visit);
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(value)) {
        out[key] = typeof child === 'string' && isSensitiveKey(key) ? REDACTED : visit(child);
      }
      return out;
    }
    return value;
  };
  return visit(config) as RedactedConfig<T>;
}
