/** Field names used everywhere, so one query finds a run across every service. */
export interface CommonLogFields {
  readonly component?: string;
  readonly tenantId?: string;
  readonly sessionId?: string;
  readonly runId?: string;
  readonly seq?: number;
  readonly subject?: string;
  /** An error, serialized with message, type and stack. */
  readonly err?: unknown;
}

export type LogFields = CommonLogFields & Readonly<Record<string, unknown>>;

/** `log(message)` or `log(fields, message)`; messages are constant strings, data goes in fields. */
export interface LogMethod {
  (message: string): void;
  (fields: LogFields, message: string): void;
}

/**
 * The logger every lib accepts. pino's logger satisfies it, so the composition root passes its
 * root logger (or a `child({ component })`) and no lib depends on pino. A type only: no I/O here.
 */
export interface Logger {
  readonly debug: LogMethod;
  readonly info: LogMethod;
  readonly warn: LogMethod;
  readonly error: LogMethod;
  child(bindings: LogFields): Logger;
}

const noop = (): void => {};

/** Discards everything; for tests and for libs used without a logger. */
export const silentLogger: Logger = Object.freeze({
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  child: () => silentLogger,
});
