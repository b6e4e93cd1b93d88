import { abortableDelay, throwIfAborted } from './abort.js';
import type {
  ModelMessage,
  ModelProvider,
  ModelRequest,
  ModelStreamEvent,
  ModelToolCall,
} from './model-provider.js';

export interface DeterministicProviderOptions {
  /** Pause before each text event, to make streams slow for tests and demos. Default 0. */
  readonly tokenDelayMs?: number;
}

// A word with its trailing whitespace; leading whitespace stays with the first word (as in
// core's chunkWords), so the pieces concatenate to the text exactly.
const WORD = /\s*\S+\s*/g;
/** `#tool <palyra.tool.name> <json>`; the JSON is optional (`{}`) and not checked here. */
const TOOL_DIRECTIVE = /^\s*#tool\s+(\S+)(?:\s+(.*\S))?\s*$/;

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

/** The tool results the model is called back with: the `tool` messages at the end, in order. */
function trailingToolResults(messages: readonly ModelMessage[]): Extract<ModelMessage, { role: 'tool' }>[] {
  const results: Extract<ModelMessage, { role: 'tool' }>[] = [];
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index];
    if (message?.role !== 'tool') break;
    results.unshift(message);
  }
  return results;
}

function priorToolCallCount(messages: readonly ModelMessage[]): number {
  let count = 0;
  for (const message of messages) if (message.role === 'assistant') count += message.toolCalls?.length ?? 0;
  return count;
}

interface Answer {
  readonly text: string;
  readonly toolCalls: readonly ModelToolCall[];
}

/**
 * Splits the last user message into directive lines (tool calls) and the rest (echoed). Call ids
 * count on from the calls already in the conversation, so they are unique within a run and the
 * same for the same request.
 */
function answerUserMessage(messages: readonly ModelMessage[]): Answer {
  const echoed: string[] = [];
  const toolCalls: ModelToolCall[] = [];
  let nextId = priorToolCallCount(messages) + 1;
  for (const line of lastUserText(messages).split('\n')) {
    const directive = TOOL_DIRECTIVE.exec(line);
    if (directive === null) {
      echoed.push(line);
      continue;
    }
    toolCalls.push({ id: `call_${nextId}`, name: directive[1] ?? '', argumentsJson: directive[2] ?? '{}' });
    nextId += 1;
  }
  return { text: echoed.join('\n'), toolCalls };
}

/** One line per result: `palyra.echo returned {"text":"hi"}`, or `<name> failed: <reason>`. */
function answerToolResults(results: readonly Extract<ModelMessage, { role: 'tool' }>[]): Answer {
  const lines = results.map((result) =>
    result.isError === true
      ? `${result.toolName} failed: ${result.content}`
      : `${result.toolName} returned ${result.content}`,
  );
  return { text: lines.join('\n'), toolCalls: [] };
}

function promptTokensOf(request: ModelRequest): number {
  let count = countWords(request.system ?? '');
  for (const message of request.messages) {
    count += countWords(message.content);
    if (message.role === 'assistant') {
      for (const call of message.toolCalls ?? []) count += 1 + countWords(call.argumentsJson);
    }
  }
  return count;
}

/**
 * The offline default. Same request, same events, which is what lets a redelivered run replay a
 * half-streamed turn identically.
 *
 * - It answers the last user message with its text exactly, one `text` event per word (with its
 *   trailing whitespace), then `finish` (`stop`) with word counts as usage.
 * - Directive: each line of that message of the form `#tool <palyra.tool.name> <json>` (e.g.
 *   `#tool palyra.echo {"text":"hi"}`) becomes a proposed tool call instead of text, with id
 *   `call_<n>` (n counts the calls in the conversation, from 1) and the JSON as its arguments
 *   (not checked: policy decides). The other lines are echoed, joined by newlines. The finish
 *   reason is `tool_calls` when it proposed any. The tools offered in the request are not
 *   consulted.
 * - When the conversation ends with `tool` results (the call after the tools ran), it answers
 *   with one line per result, `<tool> returned <content>`, or `<tool> failed: <content>` for an
 *   error or denial, and finish reason `stop`.
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
  const results = trailingToolResults(request.messages);
  const answer = results.length > 0 ? answerToolResults(results) : answerUserMessage(request.messages);
  const pieces = words(answer.text);
  for (const text of pieces) {
    if (tokenDelayMs > 0) await abortableDelay(tokenDelayMs, signal);
    else throwIfAborted(signal);
    yield { type: 'text', text };
  }
  for (const call of answer.toolCalls) {
    throwIfAborted(signal);
    yield { type: 'tool_call', id: call.id, name: call.name, argumentsJson: call.argumentsJson };
  }
  throwIfAborted(signal);
  // Every piece is one word with its whitespace, except an answer that is whitespace only.
  const textTokens = pieces.length === 1 && (pieces[0] ?? '').trim() === '' ? 0 : pieces.length;
  yield {
    type: 'finish',
    reason: answer.toolCalls.length > 0 ? 'tool_calls' : 'stop',
    usage: { promptTokens: promptTokensOf(request), completionTokens: textTokens + answer.toolCalls.length },
  };
}
