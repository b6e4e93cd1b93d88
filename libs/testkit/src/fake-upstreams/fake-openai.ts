import { createHash } from 'node:crypto';
import {
  argumentsText,
  countWords,
  type FakeAnswer,
  type FakeConversation,
  type FakeEmbeddings,
  type FakeErrorBody,
  isFakeEmbeddings,
  splitInto,
} from './fake-script.js';
import { type FakeExchange, type FakeUpstream, startFakeServer, streamingRoute } from './fake-server.js';

const DEFAULT_ERRORS: Readonly<Record<number, Required<Pick<FakeErrorBody, 'type' | 'message'>>>> = {
  400: { type: 'invalid_request_error', message: 'Invalid request.' },
  401: { type: 'invalid_request_error', message: 'Incorrect API key provided: sk-fake***1234.' },
  403: { type: 'invalid_request_error', message: 'You are not allowed to use this model.' },
  404: { type: 'invalid_request_error', message: 'The model does not exist.' },
  429: { type: 'requests', message: 'Rate limit reached for requests.' },
  500: { type: 'server_error', message: 'The server had an error while processing your request.' },
  502: { type: 'server_error', message: 'Bad gateway.' },
  503: { type: 'server_error', message: 'The engine is currently overloaded, please try again later.' },
};

/** OpenAI's error envelope: `{"error": {"message", "type", "param", "code"}}`. */
export function openAIErrorBody(status: number, error: FakeErrorBody = {}): unknown {
  const fallback = DEFAULT_ERRORS[status] ?? { type: 'server_error', message: `HTTP ${status}` };
  return {
    error: {
      message: error.message ?? fallback.message,
      type: error.type ?? fallback.type,
      param: null,
      code: error.code ?? (status === 429 ? 'rate_limit_exceeded' : null),
    },
  };
}

interface ChatMessage {
  readonly role?: string;
  readonly content?: unknown;
  readonly tool_call_id?: string;
  readonly tool_calls?: readonly { readonly id?: string; readonly function?: { readonly name?: string } }[];
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part: { text?: unknown }) => (typeof part?.text === 'string' ? part.text : ''))
      .join('');
  }
  return '';
}

/** Reads a Chat Completions body the way the default answer needs it. */
function conversationOf(body: Record<string, unknown>): FakeConversation {
  const messages = (Array.isArray(body.messages) ? body.messages : []) as ChatMessage[];
  const toolNameById = new Map<string, string>();
  let lastUserText = '';
  let promptWords = 0;
  for (const message of messages) {
    promptWords += countWords(contentText(message.content));
    if (message.role === 'user') lastUserText = contentText(message.content);
    for (const call of message.tool_calls ?? []) {
      if (call.id !== undefined) toolNameById.set(call.id, call.function?.name ?? 'tool');
    }
  }
  const trailingToolResults: FakeConversation['trailingToolResults'][number][] = [];
  for (let index = messages.length - 1; index >= 0 && messages[index]?.role === 'tool'; index -= 1) {
    const message = messages[index] as ChatMessage;
    trailingToolResults.unshift({
      name: toolNameById.get(message.tool_call_id ?? '') ?? 'tool',
      content: contentText(message.content),
      isError: false,
    });
  }
  const tools = (Array.isArray(body.tools) ? body.tools : []) as { function?: { name?: string } }[];
  return {
    lastUserText,
    trailingToolResults,
    offeredTools: tools.flatMap((tool) => (tool.function?.name ? [tool.function.name] : [])),
    promptWords,
  };
}

function frame(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}

async function streamAnswer(
  exchange: FakeExchange,
  answer: FakeAnswer,
  body: Record<string, unknown>,
): Promise<void> {
  const model = answer.model ?? (typeof body.model === 'string' ? body.model : 'fake-model');
  const base = { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_700_000_000, model };
  const chunk = (delta: unknown, finishReason: string | null = null) =>
    frame({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] });
  const frames: string[] = [chunk({ role: 'assistant', content: '' })];
  for (const text of answer.text ?? []) frames.push(chunk({ content: text }));
  for (const [index, call] of (answer.toolCalls ?? []).entries()) {
    const pieces = splitInto(argumentsText(call), call.pieces ?? 3);
    frames.push(
      chunk({
        tool_calls: [
          {
            index,
            id: call.id ?? `call_${index + 1}`,
            type: 'function',
            function: { name: call.name, arguments: '' },
          },
        ],
      }),
    );
    for (const piece of pieces)
      frames.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
  }
  const finishFrames = (): string[] => {
    const hasTools = (answer.toolCalls ?? []).length > 0;
    const finish = [chunk({}, answer.finishReason ?? (hasTools ? 'tool_calls' : 'stop'))];
    const wantsUsage =
      (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
    if (wantsUsage && answer.usage !== null) {
      const usage = answer.usage ?? {
        promptTokens: conversationOf(body).promptWords,
        completionTokens: (answer.text ?? []).length + (answer.toolCalls ?? []).length,
      };
      finish.push(
        frame({
          ...base,
          choices: [],
          usage: {
            prompt_tokens: usage.promptTokens,
            completion_tokens: usage.completionTokens,
            total_tokens: usage.promptTokens + usage.completionTokens,
          },
        }),
      );
    }
    finish.push('data: [DONE]\n\n');
    return finish;
  };
  await exchange.streamAnswer(answer, frames, {
    errorFrame: (error) => frame(openAIErrorBody(500, error)),
    finishFrames,
  });
}

/** Unit vectors derived from each text's SHA-256, so equal texts embed equally. */
function hashVector(text: string, dimensions: number): number[] {
  const digest = createHash('sha256').update(text).digest();
  const vector = Array.from(
    { length: dimensions },
    (_, index) => (digest[index % digest.length] ?? 0) - 127.5,
  );
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0)) || 1;
  return vector.map((value) => value / norm);
}

async function answerEmbeddings(
  exchange: FakeExchange,
  step: FakeAnswer | FakeEmbeddings | undefined,
): Promise<void> {
  const body = exchange.request.body as Record<string, unknown>;
  const input = body.input;
  const texts = Array.isArray(input) ? input.map(String) : [String(input ?? '')];
  let vectors: (readonly number[])[];
  if (step === undefined) vectors = texts.map((text) => hashVector(text, 8));
  else if (isFakeEmbeddings(step)) vectors = [...step.vectors];
  else {
    exchange.error(500, { message: 'fake upstream: a chat step met an embeddings request' });
    return;
  }
  exchange.json(200, {
    object: 'list',
    // Reversed on the wire: clients must order by `index`, as the API documents.
    data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })).reverse(),
    model: typeof body.model === 'string' ? body.model : 'fake-embeddings',
    usage: {
      prompt_tokens: texts.reduce((sum, text) => sum + countWords(text), 0),
      total_tokens: texts.reduce((sum, text) => sum + countWords(text), 0),
    },
  });
}

/**
 * A fake OpenAI-compatible server: `POST /v1/chat/completions` (SSE streaming only) and
 * `POST /v1/embeddings`. `url` ends in `/v1`, like OpenAI's base URL. Scripted steps answer the
 * next requests in order; with the queue empty, chat echoes (see `defaultAnswer`) and
 * embeddings are hash-derived unit vectors. The usage chunk is sent only when the request asked
 * for it (`stream_options.include_usage`), as OpenAI does.
 */
export function startFakeOpenAI(): Promise<FakeUpstream> {
  return startFakeServer({
    basePath: '/v1',
    errorBody: openAIErrorBody,
    routes: {
      'POST /v1/chat/completions': streamingRoute({
        requestName: 'chat',
        conversationOf,
        stream: streamAnswer,
      }),
      'POST /v1/embeddings': answerEmbeddings,
    },
  });
}
