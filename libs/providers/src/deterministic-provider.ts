import { abortableDelay, throwIfAborted } from './abort.js';
import type { ModelMessage, ModelProvider, ModelRequest, ModelStreamEvent } from './model-provider.js';

export interface DeterministicProviderOptions {
  /** Pause before each text event, to make streams slow for tests and demos. Default 0. */
  readonly tokenDelayMs?: number;
}

// A word with its trailing whitespace; leading whitespace stays with the first word (as in
// core's chunkWords), so the pieces concatenate to the text exactly.
const WORD = /\s*\S+\s*/g;

function words(text: string): string[] {
  return text.match(WORD) ?? (text === '' ? [] : [text]);
}

function countWords(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

function lastUserText(messages: readonly ModelMessage[]): string {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index];
    if (message?.role === 'user') return message.content;
  }
  return '';
}

/**
 * The offline default: answers with the last user message's text exactly, one `text` event per
 * word (with its trailing whitespace), then `finish` with word counts as usage. Same request,
 * same events, which is what lets a redelivered run resume a half-streamed turn.
 */
export function createDeterministicProvider(options: DeterministicProviderOptions = {}): ModelProvider {
  const tokenDelayMs = options.tokenDelayMs ?? 0;
  if (!Number.isFinite(tokenDelayMs) || tokenDelayMs < 0) {
    throw new RangeError('tokenDelayMs must be a non-negative number');
  }
  return {
    name: 'deterministic',
    stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<ModelStreamEvent> {
      return streamAnswer(request, signal, tokenDelayMs);
    },
  };
}

async function* streamAnswer(
  request: ModelRequest,
  signal: AbortSignal,
  tokenDelayMs: number,
): AsyncGenerator<ModelStreamEvent> {
  throwIfAborted(signal);
  const pieces = words(lastUserText(request.messages));
  for (const text of pieces) {
    if (tokenDelayMs > 0) await abortableDelay(tokenDelayMs, signal);
    else throwIfAborted(signal);
    yield { type: 'text', text };
  }
  throwIfAborted(signal);
  let promptTokens = countWords(request.system ?? '');
  for (const message of request.messages) promptTokens += countWords(message.content);
  // Every piece is one word with its whitespace, except an answer that is whitespace only.
  const completionTokens = pieces.length === 1 && (pieces[0] ?? '').trim() === '' ? 0 : pieces.length;
  yield { type: 'finish', reason: 'stop', usage: { promptTokens, completionTokens } };
}
