/**
 * The port the orchestrator calls a model through. Adapters (deterministic, OpenAI-compatible,
 * Anthropic) stream what the model produces as it arrives: text as it is generated, tool calls
 * once complete, and one `finish` with the usage at the end.
 */
export interface ModelProvider {
  /** Adapter name for logs, metrics and spans (`gen_ai.system`), e.g. `deterministic`. */
  readonly name: string;
  /**
   * Streams one model turn. The iterable ends after the `finish` event. When `signal` aborts, the
   * stream stops promptly and throws an error named `AbortError` (see `isAbortError`). Transient
   * upstream failures throw a retryable `PalyraError` (`UNAVAILABLE`, `RATE_LIMITED`, ...).
   */
  stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<ModelStreamEvent>;
}

/** A tool call as the model made it; `name` is the Palyra tool name (adapters map provider names back). */
export interface ModelToolCall {
  readonly id: string;
  readonly name: string;
  /** The arguments as the model wrote them (JSON text, possibly malformed). */
  readonly argumentsJson: string;
}

export type ModelMessage =
  | { readonly role: 'user'; readonly content: string }
  | {
      readonly role: 'assistant';
      readonly content: string;
      /** The calls this turn made; their results follow as `tool` messages, in the same order. */
      readonly toolCalls?: readonly ModelToolCall[];
    }
  | {
      readonly role: 'tool';
      readonly toolCallId: string;
      readonly toolName: string;
      /** The result (or the denial / error text) the model sees. */
      readonly content: string;
      readonly isError?: boolean;
    };
export type ModelMessageRole = ModelMessage['role'];

/**
 * A tool the model may call; `name` is the Palyra name (e.g. `palyra.echo`), `parameters` a JSON
 * Schema object. Adapters map names to what their API accepts (`[a-zA-Z0-9_-]{1,64}`).
 */
export interface ModelTool {
  readonly name: string;
  readonly description: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

export interface ModelRequest {
  /** Upstream model name; absent = the adapter's configured model (the router sets it per target). */
  readonly model?: string;
  readonly system?: string;
  /** Oldest first; the last message is what the model answers. */
  readonly messages: readonly ModelMessage[];
  readonly maxTokens?: number;
  readonly tools?: readonly ModelTool[];
  /** Ask for a JSON object answer (OpenAI `response_format: json_object`). */
  readonly jsonMode?: boolean;
}

export const FINISH_REASONS = ['stop', 'length', 'tool_calls', 'content_filter'] as const;
export type FinishReason = (typeof FINISH_REASONS)[number];

export interface ModelUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  /**
   * True when the upstream reported no usage (servers that ignore `stream_options.include_usage`)
   * and the counts are estimated from the text (about 4 characters per token).
   */
  readonly estimated?: boolean;
}

export type ModelStreamEvent =
  /** A piece of the answer; pieces concatenate to the answer exactly. */
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'tool_call'; readonly id: string; readonly name: string; readonly argumentsJson: string }
  | {
      readonly type: 'finish';
      readonly reason: FinishReason;
      readonly usage: ModelUsage;
      /** Which provider and model answered (after failover, not necessarily the first target). */
      readonly provider?: string;
      readonly model?: string;
    };

/** Text embeddings (memory, reflection). */
export interface EmbeddingsProvider {
  readonly name: string;
  embed(
    texts: readonly string[],
    signal: AbortSignal,
  ): Promise<{ readonly vectors: number[][]; readonly model: string; readonly promptTokens: number }>;
}
