/** The slice of a (pino-compatible) logger this package uses: fields first, constant message second. */
export interface Logger {
  warn(fields: object, message: string): void;
}

export const silentLogger: Logger = { warn: () => {} };
