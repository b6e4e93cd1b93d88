import { createRequire } from 'node:module';
import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import { REDACTED } from '@palyra/core';
import { type DestinationStream, type Logger as PinoLogger, pino } from 'pino';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type { CommonLogFields, LogFields, Logger, LogMethod } from '@palyra/core';
export { silentLogger } from '@palyra/core';

export interface LoggerOptions {
  readonly service: string;
  readonly level?: LogLevel;
  /** Human-readable lines for local development instead of JSON. */
  readonly pretty?: boolean;
  readonly version?: string;
  /** Where lines go; stdout when omitted. Tests pass a stream to read lines back. */
  readonly destination?: DestinationStream;
}

/** Trace and span ids of the active span, named as OpenTelemetry's log correlation names them. */
export function traceFields(): { trace_id?: string; span_id?: string; trace_flags?: string } {
  const span = trace.getSpan(context.active());
  if (span === undefined) return {};
  const spanContext = span.spanContext();
  if (!isSpanContextValid(spanContext)) return {};
  return {
    trace_id: spanContext.traceId,
    span_id: spanContext.spanId,
    trace_flags: spanContext.traceFlags.toString(16).padStart(2, '0'),
  };
}

// Belt and braces: credentials must not reach logs even if someone logs a whole header map.
const REDACT_PATHS = [
  'authorization',
  'password',
  'token',
  'secret',
  'apiKey',
  'cookie',
  '*.authorization',
  '*.password',
  '*.token',
  '*.secret',
  '*.apiKey',
  '*.cookie',
  'headers["x-api-key"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["x-api-key"]',
];

function prettyStream(): DestinationStream {
  // Loaded only when asked for: production processes never pay for it.
  const require = createRequire(import.meta.url);
  const pinoPretty = require('pino-pretty') as (options: Record<string, unknown>) => DestinationStream;
  return pinoPretty({ sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
}

/** The process's root logger: pino, JSON lines on stdout, trace ids on every line inside a span. */
export function createLogger(options: LoggerOptions): PinoLogger {
  const pretty = options.pretty ?? false;
  const destination = options.destination ?? (pretty ? prettyStream() : pino.destination({ dest: 1 }));
  return pino(
    {
      level: options.level ?? 'info',
      base:
        options.version === undefined
          ? { service: options.service }
          : { service: options.service, version: options.version },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Labels (`"level":"info"`) read better in log stores than pino's numbers; pino-pretty wants numbers.
      formatters: pretty ? {} : { level: (label) => ({ level: label }) },
      mixin: traceFields,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
    },
    destination,
  );
}
