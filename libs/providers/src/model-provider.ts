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

export const MODEL_MESSAGE_ROLES = ['user', 'assistant', 'tool'] as const;
export type ModelMessageRole = (typeof MODEL_MESSAGE_ROLES)[number];

export interface ModelMessage {
  readonly role: ModelMessageRole;
  readonly content: string;
}

/** A tool the model may call; `parameters` is a JSON Schema object. */
export interface ModelTool {
  readonly name: string;
  readonly description: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

export interface ModelRequest {
  readonly model: string;
  readonly system?: string;
  /** Oldest first; the last message is what the model answers. */
  readonly messages: readonly ModelMessage[];
  readonly maxTokens?: number;
  readonly tools?: readonly ModelTool[];
}

export const FINISH_REASONS = ['stop', 'length', 'tool_calls', 'content_filter'] as const;
export type FinishReason = (typeof FINISH_REASONS)[number];

export interface ModelUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

export type ModelStreamEvent =
  /** A piece of the answer; pieces concatenate to the answer exactly. */
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'tool_call'; readonly id: string; readonly name: string; readonly argumentsJson: string }
  | { readonly type: 'finish'; readonly reason: FinishReason; readonly usage: ModelUsage };
