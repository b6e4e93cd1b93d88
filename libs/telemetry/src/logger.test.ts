import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setImmediate as nextTick } from 'node:timers/promises';
import { context, type SpanContext, TraceFlags, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { createLogger, type Logger, type LoggerOptions, silentLogger, traceFields } from './logger.js';

function capture(options: Omit<LoggerOptions, 'destination'>) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    ...options,
    destination: { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  return { logger, lines };
}

const SPAN: SpanContext = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  traceFlags: TraceFlags.SAMPLED,
};

function inSpan<T>(spanContext: SpanContext, fn: () => T): T {
  return context.with(trace.setSpan(context.active(), trace.wrapSpanContext(spanContext)), fn);
}

describe('createLogger', () => {
  const contextManager = new AsyncLocalStorageContextManager();
  before(() => {
    context.setGlobalContextManager(contextManager.enable());
  });
  after(() => {
    context.disable();
  });

  test('writes JSON lines with service, version, level label and ISO time', () => {
    const { logger, lines } = capture({ service: 'gateway', version: '1.2.3' });
    logger.info({ tenantId: 'acme', runId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', seq: 3 }, 'run accepted');
    assert.equal(lines.length, 1);
    const [line] = lines;
    assert.equal(line?.service, 'gateway');
    assert.equal(line?.version, '1.2.3');
    assert.equal(line?.level, 'info');
    assert.equal(line?.msg, 'run accepted');
    assert.equal(line?.tenantId, 'acme');
    assert.equal(line?.seq, 3);
    assert.match(String(line?.time), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    assert.equal('pid' in (line ?? {}), false);
    assert.equal('hostname' in (line ?? {}), false);
  });

  test('omits version when not given', () => {
    const { logger, lines } = capture({ service: 'cron' });
    logger.info('tick');
    assert.deepEqual(Object.keys(lines[0] ?? {}).sort(), ['level', 'msg', 'service', 'time']);
  });

  test('adds no trace fields outside a span', () => {
    const { logger, lines } = capture({ service: 'gateway' });
    logger.info('outside');
    assert.equal(lines[0]?.trace_id, undefined);
    assert.equal(lines[0]?.span_id, undefined);
  });

  test('adds trace_id and span_id of the active span, across awaits and in children', async () => {
    const { logger, lines } = capture({ service: 'orchestrator' });
    const child = logger.child({ component: 'bus' });
    await inSpan(SPAN, async () => {
      logger.info('before await');
      await nextTick();
      child.warn({ subject: 'palyra.runs.acme' }, 'after await');
    });
    logger.info('after span');
    assert.equal(lines[0]?.trace_id, SPAN.traceId);
    assert.equal(lines[0]?.span_id, SPAN.spanId);
    assert.equal(lines[0]?.trace_flags, '01');
    assert.equal(lines[1]?.trace_id, SPAN.traceId);
    assert.equal(lines[1]?.component, 'bus');
    assert.equal(lines[1]?.level, 'warn');
    assert.equal(lines[2]?.trace_id, undefined);
  });

  test('ignores an invalid span context', () => {
    const invalid = { traceId: '0'.repeat(32), spanId: '0'.repeat(16), traceFlags: TraceFlags.NONE };
    assert.deepEqual(
      inSpan(invalid, () => traceFields()),
      {},
    );
  });

  test('filters by level', () => {
    const { logger, lines } = capture({ service: 'gateway', level: 'warn' });
    logger.debug('dropped');
    logger.info('dropped');
    logger.warn('kept');
    logger.error('kept');
    assert.deepEqual(
      lines.map((line) => line.level),
      ['warn', 'error'],
    );
  });

  test('serializes err with type, message and stack', () => {
    const { logger, lines } = capture({ service: 'gateway' });
    logger.error({ err: new RangeError('out of range') }, 'append failed');
    const err = lines[0]?.err as Record<string, unknown>;
    assert.equal(err.type, 'RangeError');
    assert.equal(err.message, 'out of range');
    assert.match(String(err.stack), /RangeError: out of range/);
  });

  test('redacts credentials logged by mistake', () => {
    const { logger, lines } = capture({ service: 'gateway' });
    logger.info(
      {
        authorization: 'Bearer abc',
        request: { headers: { authorization: 'Bearer def', cookie: 'sid=1' }, password: 'p' },
        apiKey: 'k',
      },
      'request',
    );
    const text = JSON.stringify(lines[0]);
    for (const leaked of ['Bearer abc', 'Bearer def', 'sid=1', '"p"', '"k"']) {
      assert.ok(!text.includes(leaked), `${leaked} leaked`);
    }
    assert.equal(lines[0]?.authorization, '<redacted>');
  });
});

describe('Logger interface', () => {
  test('a pino logger is a Logger, so libs never see pino types', () => {
    const { logger, lines } = capture({ service: 'gateway' });
    const asLib: Logger = logger.child({ component: 'journal' });
    asLib.info({ sessionId: 's' }, 'appended');
    assert.equal(lines[0]?.component, 'journal');
  });

  test('silentLogger discards everything and its children are silent too', () => {
    silentLogger.info('nothing');
    silentLogger.error({ err: new Error('x') }, 'nothing');
    assert.equal(silentLogger.child({ component: 'x' }), silentLogger);
  });
});
