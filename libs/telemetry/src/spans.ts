import {
  type Attributes,
  type Context,
  context,
  type Span,
  type SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';

/** The tracer for one of our modules, e.g. `getTracer('@palyra/bus')`. */
export function getTracer(scope: string, version?: string): Tracer {
  return trace.getTracer(scope, version);
}

export interface WithSpanOptions {
  readonly kind?: SpanKind;
  /** Parent context, e.g. from `extractTraceContext(headers)`; the active context by default. */
  readonly parent?: Context;
}

/**
 * Runs `fn` inside a new active span and ends it when `fn` settles. A thrown error is recorded on
 * the span (status ERROR) and rethrown. `fn` may set more attributes on the span it receives.
 */
export async function withSpan<T>(
  tracer: Tracer,
  name: string,
  attributes: Attributes,
  fn: (span: Span) => T | Promise<T>,
  options: WithSpanOptions = {},
): Promise<T> {
  const parent = options.parent ?? context.active();
  const spanOptions = options.kind === undefined ? { attributes } : { attributes, kind: options.kind };
  return tracer.startActiveSpan(name, spanOptions, parent, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      if (error instanceof Error) span.recordException(error);
      else span.recordException(String(error));
      span.setStatus({
        code: SpanStatusCode.ERROR,
        message: error instanceof Error ? error.message : String(error),
      });
      throw error;
    } finally {
      span.end();
    }
  });
}
