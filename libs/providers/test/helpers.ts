import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import type { LogFields, Logger } from '@palyra/core';
import { type ModelStreamEvent, type ModelTool, ProviderError } from '@palyra/providers';
import type { FakeUpstream } from '@palyra/testkit';

/** A fake upstream (`startFakeOpenAI`, `startFakeAnthropic`) that closes when the test ends. */
export async function startFakeFor(
  t: TestContext,
  start: () => Promise<FakeUpstream>,
): Promise<FakeUpstream> {
  const fake = await start();
  t.after(() => fake.close());
  return fake;
}

export const hello = { messages: [{ role: 'user' as const, content: 'hello' }] };

export async function collect(stream: AsyncIterable<ModelStreamEvent>): Promise<ModelStreamEvent[]> {
  const events: ModelStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** The ProviderError a stream failed with, and the events it yielded before. */
export async function failureOf(
  stream: AsyncIterable<ModelStreamEvent>,
): Promise<{ error: ProviderError; events: ModelStreamEvent[] }> {
  const events: ModelStreamEvent[] = [];
  try {
    for await (const event of stream) events.push(event);
  } catch (error) {
    assert.ok(error instanceof ProviderError, `expected a ProviderError, got ${String(error)}`);
    return { error, events };
  }
  assert.fail('the stream did not fail');
}

export function textOf(events: readonly ModelStreamEvent[]): string {
  return events.map((event) => (event.type === 'text' ? event.text : '')).join('');
}

export function finishOf(events: readonly ModelStreamEvent[]): Extract<ModelStreamEvent, { type: 'finish' }> {
  const last = events.at(-1);
  if (last?.type !== 'finish') throw new Error(`the stream did not end with finish: ${JSON.stringify(last)}`);
  return last;
}

export const echoTool: ModelTool = {
  name: 'palyra.echo',
  description: 'Returns its input',
  parameters: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
};

export const fetchTool: ModelTool = {
  name: 'palyra.http.fetch',
  description: 'Fetches a URL',
  parameters: { type: 'object', properties: { url: { type: 'string' } } },
};

export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: LogFields;
}

/** A Logger that keeps every entry, with the bindings of its children merged in. */
export function recordingLogger(
  entries: LogEntry[] = [],
  bindings: LogFields = {},
): Logger & { entries: LogEntry[] } {
  const method =
    (level: LogEntry['level']) =>
    (fieldsOrMessage: LogFields | string, message?: string): void => {
      if (typeof fieldsOrMessage === 'string')
        entries.push({ level, message: fieldsOrMessage, fields: bindings });
      else entries.push({ level, message: message ?? '', fields: { ...bindings, ...fieldsOrMessage } });
    };
  return {
    entries,
    debug: method('debug'),
    info: method('info'),
    warn: method('warn'),
    error: method('error'),
    child: (more) => recordingLogger(entries, { ...bindings, ...more }),
  };
}
