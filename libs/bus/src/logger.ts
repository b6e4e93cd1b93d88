/**
 * The slice of a logger the bus uses (pino-compatible: fields first, constant message second).
 * Field names follow the house convention: `tenantId`, `runId`, `subject`, `err`.
 */
export interface Logger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

const ignore = (): void => {};

/** Discards everything; the default when no logger is given. */
export const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
