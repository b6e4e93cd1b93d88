import { type FieldViolation, PalyraError } from '@palyra/core';
import { type AnyEnvField, type EnvField, isEnvField } from './env-field.js';

/** Nested groups (by concern) whose leaves are env fields: `{ grpc: { port: port(...) } }`. */
export interface ConfigSpec {
  readonly [key: string]: AnyEnvField | ConfigSpec;
}

/** The parsed, typed configuration for a spec. */
export type ConfigOf<S extends ConfigSpec> = {
  readonly [K in keyof S]: S[K] extends EnvField<infer T>
    ? T
    : S[K] extends ConfigSpec
      ? ConfigOf<S[K]>
      : never;
};

/** Where variables come from; `process.env` by default. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

export interface SpecEntry {
  /** Dotted path in the parsed config, e.g. `grpc.port`. */
  readonly path: string;
  readonly field: AnyEnvField;
}

/** The fields of a spec in declaration order. Throws on a variable declared twice. */
export function specEntries(spec: ConfigSpec): SpecEntry[] {
  const entries: SpecEntry[] = [];
  const seen = new Map<string, string>();
  const visit = (node: ConfigSpec, prefix: string): void => {
    for (const [key, child] of Object.entries(node)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (isEnvField(child)) {
        const previous = seen.get(child.name);
        if (previous !== undefined) {
          throw new TypeError(`${child.name} is declared twice in the config spec (${previous} and ${path})`);
        }
        seen.set(child.name, path);
        entries.push({ path, field: child });
      } else {
        visit(child, path);
      }
    }
  };
  visit(spec, '');
  return entries;
}

/** Unset, empty and whitespace-only are the same: absent. Present values are trimmed. */
function readRaw(env: EnvSource, name: string): string | undefined {
  const trimmed = env[name]?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

interface Problem {
  readonly field: AnyEnvField;
  readonly code: 'required' | 'invalid';
  readonly message: string;
}

function parseField(field: AnyEnvField, env: EnvSource): { value: unknown } | Problem {
  const raw = readRaw(env, field.name);
  if (raw === undefined) {
    if (field.hasDefault || field.optional) return { value: field.defaultValue };
    return { field, code: 'required', message: 'is required' };
  }
  const result = field.schema.safeParse(raw);
  if (result.success) return { value: result.data };
  const messages = result.error.issues.map((issue) =>
    // Messages never carry values, but a custom schema could echo its input; a secret must not leak.
    field.secret && issue.message.includes(raw) ? 'is invalid' : issue.message,
  );
  return { field, code: 'invalid', message: [...new Set(messages)].join('; ') };
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * Parses every variable of the spec. On any problem, throws one `CONFIG_INVALID` error whose
 * message lists every bad variable with what was wrong and the expected form. Values are never
 * quoted back (a URL may carry a password, a token may sit in the wrong variable).
 */
export function parseEnv<S extends ConfigSpec>(spec: S, env: EnvSource = process.env): ConfigOf<S> {
  const config: Record<string, unknown> = {};
  const problems: Problem[] = [];
  for (const { path, field } of specEntries(spec)) {
    const outcome = parseField(field, env);
    if ('value' in outcome) setPath(config, path, outcome.value);
    else problems.push(outcome);
  }
  if (problems.length > 0) {
    const lines = problems.map(
      ({ field, message }) => `  ${field.name} ${message} (expected ${field.expected})`,
    );
    const count =
      problems.length === 1 ? '1 environment variable' : `${problems.length} environment variables`;
    const violations: FieldViolation[] = problems.map(({ field, code, message }) => ({
      field: field.name,
      code,
      message: `${field.name} ${message}`,
    }));
    throw new PalyraError('CONFIG_INVALID', `invalid configuration: ${count}\n${lines.join('\n')}`, {
      violations,
      details: { variables: problems.map(({ field }) => field.name) },
    });
  }
  return deepFreeze(config) as ConfigOf<S>;
}

export interface UnknownEnvVar {
  readonly name: string;
  /** The closest declared name when the unknown one looks like a typo of it. */
  readonly suggestion: string | undefined;
  readonly message: string;
}

export interface UnknownEnvVarOptions {
  /** Only variables with this prefix are checked. Default `PALYRA_`. */
  readonly prefix?: string;
  /** Names read elsewhere (e.g. `PALYRA_SERVICE_NAME`, read by the telemetry bootstrap). */
  readonly allow?: readonly string[];
}

/** Optimal string alignment distance: edits, with a swap of neighbours counted as one. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return at(a.length, b.length);
}

const MAX_SUGGESTION_DISTANCE = 3;

/**
 * `PALYRA_*` variables that no spec declares. Typos are a common operator error and would
 * otherwise silently fall back to a default, so services log these as warnings after parsing.
 * Pass every spec the process parses (palyrad composes several).
 */
export function findUnknownEnvVars(
  specs: ConfigSpec | readonly ConfigSpec[],
  env: EnvSource = process.env,
  options: UnknownEnvVarOptions = {},
): UnknownEnvVar[] {
  const prefix = options.prefix ?? 'PALYRA_';
  const known = new Set<string>(options.allow ?? []);
  for (const spec of Array.isArray(specs) ? specs : [specs]) {
    for (const { field } of specEntries(spec as ConfigSpec)) known.add(field.name);
  }
  return Object.keys(env)
    .filter((name) => name.startsWith(prefix) && !known.has(name))
    .sort()
    .map((name) => {
      let suggestion: string | undefined;
      let best = MAX_SUGGESTION_DISTANCE + 1;
      for (const candidate of known) {
        const distance = editDistance(name, candidate);
        if (distance < best) {
          best = distance;
          suggestion = candidate;
        }
      }
      const message =
        suggestion === undefined
          ? `${name} is not a known variable and is ignored`
          : `${name} is not a known variable and is ignored; did you mean ${suggestion}?`;
      return { name, suggestion, message };
    });
}
