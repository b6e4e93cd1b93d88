import {
  argumentsText,
  countWords,
  type FakeAnswer,
  type FakeConversation,
  type FakeErrorBody,
  splitInto,
} from './fake-script.js';
import { type FakeExchange, type FakeUpstream, startFakeServer, streamingRoute } from './fake-server.js';

const DEFAULT_ERRORS: Readonly<Record<number, Required<Pick<FakeErrorBody, 'type' | 'message'>>>> = {
  400: { type: 'invalid_request_error', message: 'Invalid request.' },
  401: { type: 'authentication_error', message: 'invalid x-api-key' },
  403: {
    type: 'permission_error',
    message: 'Your API key does not have permission to use the specified resource.',
  },
  404: { type: 'not_found_error', message: 'The requested resource could not be found.' },
  413: { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' },
  429: { type: 'rate_limit_error', message: 'Number of request tokens has exceeded your rate limit.' },
  500: { type: 'api_error', message: 'Internal server error.' },
  529: { type: 'overloaded_error', message: 'Overloaded' },
};

/** Anthropic's error envelope: `{"type": "error", "error": {"type", "message"}}`. */
export function anthropicErrorBody(status: number, error: FakeErrorBody = {}): unknown {
  const fallback = DEFAULT_ERRORS[status] ?? {
    type: status >= 500 ? 'api_error' : 'invalid_request_error',
    message: `HTTP ${status}`,
  };
  return {
    type: 'error',
    error: { type: error.type ?? fallback.type, message: error.message ?? fallback.message },
  };
}

interface Block {
  readonly type?: string;
  readonly text?: unknown;
  readonly id?: string;
  readonly name?: string;
  readonly tool_use_id?: string;
  readonly content?: unknown;
  readonly is_error?: boolean;
}

interface MessageParam {
  readonly role?: string;
  readonly content?: string | readonly Block[];
}

function blocksOf(message: MessageParam): readonly Block[] {
  return typeof message.content === 'string'
    ? [{ type: 'text', text: message.content }]
    : (message.content ?? []);
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value))
    return value.map((block: Block) => (typeof block.text === 'string' ? block.text : '')).join('');
  return '';
}

/** Reads a Messages API body the way the default answer needs it. */
function conversationOf(body: Record<string, unknown>): FakeConversation {
  const messages = (Array.isArray(body.messages) ? body.messages : []) as MessageParam[];
  const toolNameById = new Map<string, string>();
  let lastUserText = '';
  let promptWords = countWords(textOf(body.system));
  for (const message of messages) {
    const blocks = blocksOf(message);
    const texts = blocks.filter((block) => block.type === 'text').map((block) => textOf(block.text));
    promptWords += countWords(texts.join(' '));
    if (message.role === 'user' && texts.length > 0) lastUserText = texts.join('\n');
    for (const block of blocks) {
      if (block.type === 'tool_use' && block.id !== undefined)
        toolNameById.set(block.id, block.name ?? 'tool');
    }
  }
  const last = messages.at(-1);
  const lastBlocks = last?.role === 'user' ? blocksOf(last) : [];
  // Called back after tools: the last user turn carries tool_result blocks (and no new text).
  const results = lastBlocks.filter((block) => block.type === 'tool_result');
  const trailingToolResults =
    results.length > 0 && lastBlocks.every((block) => block.type === 'tool_result')
      ? results.map((block) => ({
          name: toolNameById.get(block.tool_use_id ?? '') ?? 'tool',
          content: textOf(block.content),
          isError: block.is_error === true,
        }))
      : [];
  const tools = (Array.isArray(body.tools) ? body.tools : []) as { name?: string }[];
  return {
    lastUserText,
    trailingToolResults,
    offeredTools: tools.flatMap((tool) => (tool.name ? [tool.name] : [])),
    promptWords,
  };
}

function event(type: string, data: Record<string, unknown>): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
}

async function streamAnswer(
  exchange: FakeExchange,
  answer: FakeAnswer,
  body: Record<string, unknown>,
): Promise<void> {
  const model = answer.model ?? (typeof body.model === 'string' ? body.model : 'fake-model');
  const toolCalls = answer.toolCalls ?? [];
  const usage =
    answer.usage === null
      ? null
      : (answer.usage ?? {
          promptTokens: conversationOf(body).promptWords,
          completionTokens: (answer.text ?? []).length + toolCalls.length,
        });
  const frames: string[] = [
    event('message_start', {
      message: {
        id: 'msg_fake',
        type: 'message',
        role: 'assistant',
        content: [],
        model,
        stop_reason: null,
        stop_sequence: null,
        ...(usage === null ? {} : { usage: { input_tokens: usage.promptTokens, output_tokens: 1 } }),
      },
    }),
    event('ping', {}),
  ];
  let index = 0;
  const text = answer.text ?? [];
  if (text.length > 0) {
    frames.push(event('content_block_start', { index, content_block: { type: 'text', text: '' } }));
    for (const piece of text) {
      frames.push(event('content_block_delta', { index, delta: { type: 'text_delta', text: piece } }));
    }
    frames.push(event('content_block_stop', { index }));
    index += 1;
  }
  for (const [position, call] of toolCalls.entries()) {
    frames.push(
      event('content_block_start', {
        index,
        content_block: {
          type: 'tool_use',
          id: call.id ?? `toolu_${position + 1}`,
          name: call.name,
          input: {},
        },
      }),
    );
    for (const piece of splitInto(argumentsText(call), call.pieces ?? 3)) {
      frames.push(
        event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } }),
      );
    }
    frames.push(event('content_block_stop', { index }));
    index += 1;
  }
  const stopReason = answer.finishReason ?? (toolCalls.length > 0 ? 'tool_use' : 'end_turn');
  await exchange.streamAnswer(answer, frames, {
    errorFrame: (error) => `event: error\ndata: ${JSON.stringify(anthropicErrorBody(529, error))}\n\n`,
    finishFrames: () => [
      event('message_delta', {
        delta: { stop_reason: stopReason, stop_sequence: null },
        ...(usage === null ? {} : { usage: { output_tokens: usage.completionTokens } }),
      }),
      event('message_stop', {}),
    ],
  });
}

/**
 * A fake Anthropic Messages API: `POST /v1/messages` with SSE streaming (`message_start`,
 * `content_block_start/delta/stop` with `text_delta` and `input_json_delta`, `message_delta` with
 * stop reason and usage, `message_stop`, `ping`, `error`). `url` is the origin, like Anthropic's
 * base URL. Scripted steps answer the next requests in order; with the queue empty it echoes
 * (see `defaultAnswer`).
 */
export function startFakeAnthropic(): Promise<FakeUpstream> {
  return startFakeServer({
    basePath: '',
    errorBody: anthropicErrorBody,
    routes: {
      'POST /v1/messages': streamingRoute({ requestName: 'messages', conversationOf, stream: streamAnswer }),
    },
  });
}
