/**
 * What a fake upstream answers, one step per request, in the order enqueued. The same steps
 * drive the OpenAI and the Anthropic fake; each renders them in its own wire format.
 */

/** A tool call the fake makes; its arguments are sent in `pieces` deltas (default 3). */
export interface FakeToolCall {
  /** Default `call_<n>` (OpenAI) or `toolu_<n>` (Anthropic), n counting from 1 per answer. */
  readonly id?: string;
  /** The wire name, as the client offered it (e.g. `palyra_echo`). */
  readonly name: string;
  /** JSON text sent as is, or an object serialized. */
  readonly arguments: string | Readonly<Record<string, unknown>>;
  readonly pieces?: number;
}

export interface FakeUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

/** How a streamed answer ends after its scripted chunks. */
export type FakeStreamEnd =
  /** Finish reason, usage, and the end marker. */
  | 'finish'
  /** The connection is destroyed (a crash or a reset mid-stream). */
  | 'drop'
  /** Nothing more is sent; the response stays open until the client goes away. */
  | 'hang'
  /** An error event inside the stream (OpenAI `data: {"error":...}`, Anthropic `event: error`). */
  | { readonly error: FakeErrorBody };

/** A streamed answer. */
export interface FakeAnswer {
  /** Text chunks, each sent as one delta. */
  readonly text?: readonly string[];
  readonly toolCalls?: readonly FakeToolCall[];
  /**
   * Reported usage. Default: word counts. `null` sends none (servers that ignore
   * `stream_options.include_usage`).
   */
  readonly usage?: FakeUsage | null;
  /** In the wire format's vocabulary (`stop`, `length`, `tool_calls` / `end_turn`, `refusal`, ...). */
  readonly finishReason?: string;
  /** Pause before each chunk, for slow streams. */
  readonly chunkDelayMs?: number;
  /** The model the answer says it came from. Default: the requested one. */
  readonly model?: string;
  readonly end?: FakeStreamEnd;
}

export interface FakeErrorBody {
  /** OpenAI `error.type` / Anthropic `error.type`. Default from the status. */
  readonly type?: string;
  /** OpenAI `error.code` (e.g. `insufficient_quota`, `context_length_exceeded`). */
  readonly code?: string;
  readonly message?: string;
}

/** An HTTP error answer. */
export interface FakeFailure {
  readonly status: number;
  /** Rendered in the format's error envelope. Ignored when `body` is given. */
  readonly error?: FakeErrorBody;
  /** A raw JSON body instead of the envelope. */
  readonly body?: unknown;
  /** Extra headers, e.g. `{ 'retry-after': '1' }`. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** No answer at all (not even headers) until the client gives up. */
export interface FakeHang {
  readonly hang: true;
}

/** Embedding vectors for one embeddings request (OpenAI fake only). */
export interface FakeEmbeddings {
  readonly vectors: readonly (readonly number[])[];
}

export type FakeStep = FakeAnswer | FakeFailure | FakeHang | FakeEmbeddings;

export function isFakeFailure(step: FakeStep): step is FakeFailure {
  return 'status' in step;
}

export function isFakeHang(step: FakeStep): step is FakeHang {
  return 'hang' in step;
}

export function isFakeEmbeddings(step: FakeStep): step is FakeEmbeddings {
  return 'vectors' in step;
}

/** A conversation as both formats reduce to it, for the default answer. */
export interface FakeConversation {
  /** The last user message's text (text blocks joined). */
  readonly lastUserText: string;
  /** Tool results at the end of the conversation, in order (the model is called back). */
  readonly trailingToolResults: readonly {
    readonly name: string;
    readonly content: string;
    readonly isError: boolean;
  }[];
  /** Names of the tools offered, as sent. */
  readonly offeredTools: readonly string[];
  /** Words in the whole request (system, messages), for a plausible prompt usage. */
  readonly promptWords: number;
}

const WORD = /\s*\S+\s*/g;
const TOOL_DIRECTIVE = /^\s*#tool\s+(\S+)(?:\s+(.*\S))?\s*$/;

export function countWords(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

/** A word with its trailing whitespace per chunk, so chunks concatenate to the text. */
export function wordChunks(text: string): string[] {
  return text.match(WORD) ?? (text === '' ? [] : [text]);
}

function wireToolName(name: string, offered: readonly string[]): string {
  if (offered.includes(name)) return name;
  const sanitized = name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
  return offered.find((tool) => tool === sanitized) ?? sanitized;
}

/**
 * What the fakes answer when nothing is enqueued, mirroring the deterministic provider so the
 * same conversation drives either: after tool results, one line per result (`<tool> returned
 * <content>` or `<tool> failed: <content>`); otherwise the last user message echoed word by
 * word, except lines `#tool <name> <json>`, which become tool calls (the name matched to the
 * offered tool it was mapped to, e.g. `palyra.echo` -> `palyra_echo`).
 */
export function defaultAnswer(conversation: FakeConversation): FakeAnswer {
  if (conversation.trailingToolResults.length > 0) {
    const text = conversation.trailingToolResults
      .map((result) =>
        result.isError
          ? `${result.name} failed: ${result.content}`
          : `${result.name} returned ${result.content}`,
      )
      .join('\n');
    const chunks = wordChunks(text);
    return {
      text: chunks,
      usage: { promptTokens: conversation.promptWords, completionTokens: chunks.length },
    };
  }
  const echoed: string[] = [];
  const toolCalls: FakeToolCall[] = [];
  for (const line of conversation.lastUserText.split('\n')) {
    const directive = TOOL_DIRECTIVE.exec(line);
    if (directive === null) echoed.push(line);
    else {
      toolCalls.push({
        name: wireToolName(directive[1] ?? '', conversation.offeredTools),
        arguments: directive[2] ?? '{}',
      });
    }
  }
  const chunks = wordChunks(echoed.join('\n'));
  return {
    text: chunks,
    toolCalls,
    usage: { promptTokens: conversation.promptWords, completionTokens: chunks.length + toolCalls.length },
  };
}

/** Splits `text` into `pieces` nearly equal parts (fewer when it is shorter), in order. */
export function splitInto(text: string, pieces: number): string[] {
  const count = Math.max(1, Math.min(Math.floor(pieces), text.length));
  const size = Math.ceil(text.length / count);
  const parts: string[] = [];
  for (let start = 0; start < text.length; start += size) parts.push(text.slice(start, start + size));
  return parts.length === 0 ? [''] : parts;
}

export function argumentsText(call: FakeToolCall): string {
  return typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
}
