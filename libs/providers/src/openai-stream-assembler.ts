import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { FinishReason, ModelStreamEvent, ModelUsage } from './model-provider.js';
import type { ToolNameMap } from './tool-names.js';
import { estimateTokens } from './usage-estimate.js';

interface PartialCall {
  id: string | undefined;
  name: string;
  args: string;
}

const FINISH_REASON: Readonly<Record<string, FinishReason>> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
  function_call: 'tool_calls',
  content_filter: 'content_filter',
};

/**
 * Turns Chat Completions chunks into port events. Text is passed on as it arrives; tool calls are
 * assembled from argument deltas keyed by `index` and emitted complete at the end, with the
 * finish. Tolerates what OpenAI-compatible servers do differently: `finish_reason` null until
 * the last chunk (or never), usage in the finish chunk, in a separate chunk, or missing, whole
 * tool calls in one chunk, a repeated name in every delta, and several calls sent under one
 * index with different ids.
 */
export class OpenAIStreamAssembler {
  readonly #names: ToolNameMap;
  readonly #calls: PartialCall[] = [];
  readonly #byIndex = new Map<number, PartialCall>();
  #finishReason: string | undefined;
  #usage: { prompt: number; completion: number } | undefined;
  #model: string | undefined;
  #answerText = '';

  constructor(names: ToolNameMap) {
    this.#names = names;
  }

  /** The model the upstream says answered (e.g. a dated snapshot of the requested alias). */
  get model(): string | undefined {
    return this.#model;
  }

  /** The text events for one chunk; tool calls and usage are kept for `finish`. */
  push(chunk: ChatCompletionChunk): ModelStreamEvent[] {
    if (typeof chunk.model === 'string' && chunk.model !== '') this.#model = chunk.model;
    if (chunk.usage) {
      this.#usage = {
        prompt: chunk.usage.prompt_tokens ?? 0,
        completion: chunk.usage.completion_tokens ?? 0,
      };
    }
    const events: ModelStreamEvent[] = [];
    for (const choice of chunk.choices ?? []) {
      if (choice.index !== undefined && choice.index !== 0) continue;
      const delta = choice.delta ?? {};
      for (const text of [delta.content, delta.refusal]) {
        if (typeof text === 'string' && text !== '') {
          this.#answerText += text;
          events.push({ type: 'text', text });
        }
      }
      for (const [position, call] of (delta.tool_calls ?? []).entries()) this.#addToolDelta(call, position);
      if (choice.finish_reason) this.#finishReason = choice.finish_reason;
    }
    return events;
  }

  #addToolDelta(delta: ChatCompletionChunk.Choice.Delta.ToolCall, position: number): void {
    const index = typeof delta.index === 'number' ? delta.index : position;
    let call = this.#byIndex.get(index);
    if (call === undefined || (delta.id && call.id && delta.id !== call.id)) {
      call = { id: delta.id || undefined, name: '', args: '' };
      this.#byIndex.set(index, call);
      this.#calls.push(call);
    }
    if (delta.id && call.id === undefined) call.id = delta.id;
    const name = delta.function?.name;
    if (name && name !== call.name) call.name = call.name === '' ? name : call.name + name;
    const args = delta.function?.arguments;
    if (args) call.args += args;
  }

  /**
   * The complete tool calls, then the finish. `promptTokens` is the estimate used when the
   * upstream sent no usage.
   */
  finish(estimatedPromptTokens: number): ModelStreamEvent[] {
    const events: ModelStreamEvent[] = [];
    for (const [position, call] of this.#calls.entries()) {
      if (call.name === '') continue;
      this.#answerText += call.name + call.args;
      events.push({
        type: 'tool_call',
        id: call.id ?? `call_${position}`,
        name: this.#names.toPalyra(call.name),
        argumentsJson: call.args.trim() === '' ? '{}' : call.args,
      });
    }
    const mapped = this.#finishReason === undefined ? undefined : FINISH_REASON[this.#finishReason];
    // Some servers say `stop` after calling tools; the calls are what the caller must act on,
    // unless the answer was cut off or filtered (the calls may then be incomplete).
    const cutShort = mapped === 'length' || mapped === 'content_filter';
    const reason: FinishReason = events.length > 0 && !cutShort ? 'tool_calls' : (mapped ?? 'stop');
    const usage: ModelUsage = this.#usage
      ? { promptTokens: this.#usage.prompt, completionTokens: this.#usage.completion }
      : {
          promptTokens: estimatedPromptTokens,
          completionTokens: estimateTokens(this.#answerText),
          estimated: true,
        };
    events.push({ type: 'finish', reason, usage, ...(this.#model ? { model: this.#model } : {}) });
    return events;
  }
}
