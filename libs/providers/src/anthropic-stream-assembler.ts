import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import type { FinishReason, ModelStreamEvent } from './model-provider.js';
import type { ToolNameMap } from './tool-names.js';
import { estimateTokens } from './usage-estimate.js';

interface PartialToolUse {
  readonly id: string;
  readonly name: string;
  /** `input` from content_block_start when no deltas follow (an input sent whole). */
  readonly initialInput: unknown;
  json: string;
}

const STOP_REASON: Readonly<Record<string, FinishReason>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  pause_turn: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

function hasKeys(value: unknown): boolean {
  return value !== null && typeof value === 'object' && Object.keys(value).length > 0;
}

/**
 * Turns Messages API stream events into port events: text deltas as they arrive; each tool_use
 * block assembled from its `input_json_delta` pieces and emitted when the block stops; the
 * finish (stop reason and usage from `message_start` and `message_delta`) at the end.
 */
export class AnthropicStreamAssembler {
  readonly #names: ToolNameMap;
  readonly #toolUses = new Map<number, PartialToolUse>();
  #stopReason: string | undefined;
  #inputTokens: number | undefined;
  #outputTokens: number | undefined;
  #model: string | undefined;
  #answerText = '';
  #stopped = false;

  constructor(names: ToolNameMap) {
    this.#names = names;
  }

  /** True once `message_stop` arrived: the answer is complete. */
  get stopped(): boolean {
    return this.#stopped;
  }

  push(event: RawMessageStreamEvent): ModelStreamEvent[] {
    switch (event.type) {
      case 'message_start': {
        const { usage, model } = event.message;
        if (typeof model === 'string' && model !== '') this.#model = model;
        if (usage) {
          // Cached prompt tokens are prompt tokens too (billed differently; budgets count them).
          this.#inputTokens =
            (usage.input_tokens ?? 0) +
            (usage.cache_creation_input_tokens ?? 0) +
            (usage.cache_read_input_tokens ?? 0);
          this.#outputTokens = usage.output_tokens ?? undefined;
        }
        return [];
      }
      case 'content_block_start': {
        const block = event.content_block;
        if (block.type === 'text' && block.text !== '') {
          this.#answerText += block.text;
          return [{ type: 'text', text: block.text }];
        }
        if (block.type === 'tool_use') {
          this.#toolUses.set(event.index, {
            id: block.id,
            name: block.name,
            initialInput: block.input,
            json: '',
          });
        }
        return [];
      }
      case 'content_block_delta': {
        const { delta } = event;
        if (delta.type === 'text_delta' && delta.text !== '') {
          this.#answerText += delta.text;
          return [{ type: 'text', text: delta.text }];
        }
        if (delta.type === 'input_json_delta') {
          const toolUse = this.#toolUses.get(event.index);
          if (toolUse !== undefined) toolUse.json += delta.partial_json;
        }
        return [];
      }
      case 'content_block_stop': {
        const toolUse = this.#toolUses.get(event.index);
        if (toolUse === undefined) return [];
        this.#toolUses.delete(event.index);
        return [this.#toolCall(toolUse)];
      }
      case 'message_delta': {
        if (event.delta.stop_reason) this.#stopReason = event.delta.stop_reason;
        const usage = event.usage;
        // output_tokens is cumulative; newer API versions also restate the input counts here.
        if (typeof usage?.output_tokens === 'number') this.#outputTokens = usage.output_tokens;
        if (typeof usage?.input_tokens === 'number') {
          this.#inputTokens =
            usage.input_tokens +
            (usage.cache_creation_input_tokens ?? 0) +
            (usage.cache_read_input_tokens ?? 0);
        }
        return [];
      }
      case 'message_stop':
        this.#stopped = true;
        return [];
      default:
        return [];
    }
  }

  #toolCall(toolUse: PartialToolUse): ModelStreamEvent {
    let argumentsJson = toolUse.json;
    if (argumentsJson.trim() === '') {
      argumentsJson = hasKeys(toolUse.initialInput) ? JSON.stringify(toolUse.initialInput) : '{}';
    }
    this.#answerText += toolUse.name + argumentsJson;
    return { type: 'tool_call', id: toolUse.id, name: this.#names.toPalyra(toolUse.name), argumentsJson };
  }

  /** Tool uses never stopped (a truncated stream), then the finish. */
  finish(estimatedPromptTokens: number): ModelStreamEvent[] {
    const events: ModelStreamEvent[] = [];
    for (const toolUse of this.#toolUses.values()) events.push(this.#toolCall(toolUse));
    this.#toolUses.clear();
    const reason = (this.#stopReason === undefined ? undefined : STOP_REASON[this.#stopReason]) ?? 'stop';
    const reported = this.#inputTokens !== undefined && this.#outputTokens !== undefined;
    const usage = reported
      ? { promptTokens: this.#inputTokens ?? 0, completionTokens: this.#outputTokens ?? 0 }
      : {
          promptTokens: this.#inputTokens ?? estimatedPromptTokens,
          completionTokens: this.#outputTokens ?? estimateTokens(this.#answerText),
          estimated: true,
        };
    events.push({ type: 'finish', reason, usage, ...(this.#model ? { model: this.#model } : {}) });
    return events;
  }
}
