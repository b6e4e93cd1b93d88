import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { isTelemetryStarted, shutdownTelemetry, startTelemetry } from './lifecycle.js';
import { createLogger } from './logger.js';
import { getTracer, withSpan } from './spans.js';
import { extractTraceContext, injectTraceContext } from './trace-context.js';

// One SDK per process: this file owns it (node:test runs each file in its own process).
const exporter = new InMemorySpanExporter();
const processor = new SimpleSpanProcessor(exporter);

// Export waits for async resource attributes (host id), so flush before reading.
async function finishedSpans() {
  await processor.forceFlush();
  return exporter.getFinishedSpans();
}
const tracer = getTracer('@palyra/telemetry-test');

describe('telemetry SDK', () => {
  before(async () => {
    process.env.OTEL_SERVICE_NAME = 'sdk-test';
    const settings = await startTelemetry({ spanProcessors: [processor] });
    assert.equal(settings.serviceName, 'sdk-test');
  });
  after(async () => {
    await shutdownTelemetry();
  });

  test('records a span created through withSpan, with attributes, kind and resource', async () => {
    exporter.reset();
    const result = await withSpan(
      tracer,
      'palyra.runs publish',
      { 'messaging.system': 'nats', 'messaging.destination.name': 'palyra.runs.acme' },
      (span) => {
        span.setAttribute('palyra.run_id', '01ARZ3NDEKTSV4RRFFQ69G5FAV');
        return 42;
      },
      { kind: SpanKind.PRODUCER },
    );
    assert.equal(result, 42);
    const spans = await finishedSpans();
    assert.equal(spans.length, 1);
    const [span] = spans;
    assert.equal(span?.name, 'palyra.runs publish');
    assert.equal(span?.kind, SpanKind.PRODUCER);
    assert.equal(span?.attributes['messaging.system'], 'nats');
    assert.equal(span?.attributes['palyra.run_id'], '01ARZ3NDEKTSV4RRFFQ69G5FAV');
    assert.equal(span?.status.code, SpanStatusCode.UNSET);
    assert.equal(span?.resource.attributes['service.name'], 'sdk-test');
  });

  test('nests spans: the inner span is a child of the outer one', async () => {
    exporter.reset();
    await withSpan(tracer, 'outer', {}, async () => {
      await withSpan(tracer, 'inner', {}, async () => {});
    });
    const [inner, outer] = await finishedSpans();
    assert.equal(inner?.name, 'inner');
    assert.equal(outer?.name, 'outer');
    assert.equal(inner?.spanContext().traceId, outer?.spanContext().traceId);
    assert.equal(inner?.parentSpanContext?.spanId, outer?.spanContext().spanId);
  });

  test('records a thrown error on the span, ends it and rethrows', async () => {
    exporter.reset();
    await assert.rejects(
      withSpan(tracer, 'model call', { 'gen_ai.system': 'openai' }, async () => {
        throw new Error('upstream 503');
      }),
      /upstream 503/,
    );
    const [span] = await finishedSpans();
    assert.equal(span?.status.code, SpanStatusCode.ERROR);
    assert.equal(span?.status.message, 'upstream 503');
    assert.equal(span?.events[0]?.name, 'exception');
  });

  test('inject and extract round-trip a W3C traceparent', async () => {
    exporter.reset();
    const headers = await withSpan(tracer, 'publish', {}, () => injectTraceContext());
    const [published] = await finishedSpans();
    const traceId = published?.spanContext().traceId ?? '';
    const spanId = published?.spanContext().spanId ?? '';
    assert.equal(headers.traceparent, `00-${traceId}-${spanId}-01`);
    assert.deepEqual(propagation.fields().sort(), ['baggage', 'traceparent', 'tracestate']);

    const extracted = trace.getSpanContext(extractTraceContext(headers));
    assert.equal(extracted?.traceId, traceId);
    assert.equal(extracted?.spanId, spanId);
    assert.equal(extracted?.isRemote, true);

    // A consumer span started under the extracted context continues the producer's trace.
    await withSpan(tracer, 'consume', {}, () => {}, {
      kind: SpanKind.CONSUMER,
      parent: extractTraceContext(headers),
    });
    const consumed = (await finishedSpans())[1];
    assert.equal(consumed?.spanContext().traceId, traceId);
    assert.equal(consumed?.parentSpanContext?.spanId, spanId);
  });

  test('extract of a carrier without traceparent yields no span context', () => {
    assert.equal(trace.getSpanContext(extractTraceContext({}, context.active())), undefined);
    assert.equal(trace.getSpanContext(extractTraceContext({ traceparent: 'garbage' })), undefined);
  });

  test('log lines inside withSpan carry the span ids', async () => {
    exporter.reset();
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({
      service: 'sdk-test',
      destination: { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
    });
    await withSpan(tracer, 'logged', {}, () => logger.info('inside'));
    const [span] = await finishedSpans();
    assert.equal(lines[0]?.trace_id, span?.spanContext().traceId);
    assert.equal(lines[0]?.span_id, span?.spanContext().spanId);
  });

  test('starting twice is an error', async () => {
    assert.equal(isTelemetryStarted(), true);
    await assert.rejects(startTelemetry(), /already started/);
  });

  test('shutdownTelemetry is idempotent', async () => {
    const first = shutdownTelemetry();
    assert.equal(shutdownTelemetry(), first);
    await first;
  });
});
