import type { Secret } from '@palyra/config';
import { type Logger, silentLogger } from '@palyra/core';
import OpenAI from 'openai';
import { throwIfAborted } from './abort.js';
import { type AttemptSignal, createAttemptSignal } from './attempt-signal.js';
import type { EmbeddingsProvider, ModelProvider, ModelRequest, ModelStreamEvent } from './model-provider.js';
import { type MaxTokensField, toChatCompletionParams } from './openai-request.js';
import { OpenAIStreamAssembler } from './openai-stream-assembler.js';
import { ProviderError } from './provider-error.js';
import { attemptFailure, type FailureContext, type UpstreamErrorFacts } from './provider-failure.js';
import { sdkLogger } from './sdk-logger.js';
import { createToolNameMap } from './tool-names.js';
import { estimatePromptTokens, estimateTokens } from './usage-estimate.js';

export interface OpenAICompatibleSettings {
  /** The configured provider name, used in errors, logs and metrics. Default `openai_compatible`. */
  readonly name?: string;
  /** Up to and including the version segment, e.g. `https://api.openai.com/v1`, `http://127.0.0.1:11434/v1`. */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer`; local servers without auth need none. */
  readonly apiKey?: Secret<string> | undefined;
  /** Used when a request names no model. */
  readonly model?: string | undefined;
  /** For `createOpenAIEmbeddingsProvider`. */
  readonly embeddingsModel?: string | undefined;
  /** Longest wait for the response headers and between two stream chunks. */
  readonly requestTimeoutMs: number;
  /** Default: `max_completion_tokens` on api.openai.com, `max_tokens` elsewhere. */
  readonly maxTokensField?: MaxTokensField | undefined;
  readonly logger?: Logger | undefined;
}

const DEFAULT_NAME = 'openai_compatible';

function defaultMaxTokensField(baseUrl: string): MaxTokensField {
  return URL.canParse(baseUrl) && new URL(baseUrl).hostname === 'api.openai.com'
    ? 'max_completion_tokens'
    : 'max_tokens';
}

/**
 * One client per provider. The SDK's own retries are off (maxRetries 0): retries, the circuit
 * breaker and failover live in the router, which sees every attempt. Nothing is read from the
 * process environment (`OPENAI_*`): only what the settings say.
 */
function createClient(settings: OpenAICompatibleSettings, logger: Logger): OpenAI {
  const apiKey = settings.apiKey?.reveal();
  return new OpenAI({
    baseURL: settings.baseUrl,
    // The SDK insists on a key; for keyless local servers the header is removed below instead.
    apiKey: apiKey ?? 'unused',
    organization: null,
    project: null,
    webhookSecret: null,
    timeout: settings.requestTimeoutMs,
    maxRetries: 0,
    logger: sdkLogger(logger, 'openai'),
    logLevel: 'warn',
    ...(apiKey === undefined ? { defaultHeaders: { Authorization: null } } : {}),
  });
}

function factsOf(error: unknown): UpstreamErrorFacts | undefined {
  if (error instanceof OpenAI.APIUserAbortError) return undefined;
  if (error instanceof OpenAI.APIConnectionTimeoutError) return { kind: 'timeout' };
  if (error instanceof OpenAI.APIConnectionError) return { kind: 'connection', cause: error.cause };
  if (error instanceof OpenAI.APIError) {
    const body = error.error as { message?: unknown } | undefined;
    return {
      kind: 'response',
      status: error.status,
      code: typeof error.code === 'string' ? error.code : undefined,
      type: typeof error.type === 'string' ? error.type : undefined,
      message: typeof body?.message === 'string' ? body.message : undefined,
      headers: error.headers,
      requestId: error.requestID ?? undefined,
    };
  }
  if (error instanceof SyntaxError) return { kind: 'malformed', cause: error };
  // undici's body read failing mid-stream (connection reset, socket closed by the server).
  if (error instanceof TypeError) return { kind: 'connection', cause: error };
  return undefined;
}

interface Call {
  readonly context: FailureContext;
  readonly attempt: AttemptSignal;
}

function startCall(
  settings: OpenAICompatibleSettings,
  name: string,
  model: string | undefined,
  signal: AbortSignal,
): Call {
  const attempt = createAttemptSignal(signal, settings.requestTimeoutMs);
  const apiKey = settings.apiKey?.reveal();
  return {
    attempt,
    context: {
      provider: name,
      model,
      baseUrl: settings.baseUrl,
      idleTimeoutMs: settings.requestTimeoutMs,
      secrets: apiKey === undefined ? [] : [apiKey],
      caller: signal,
      attempt,
    },
  };
}

function noModel(name: string, what: string): ProviderError {
  return new ProviderError({
    kind: 'invalid_request',
    provider: name,
    message: `model provider ${name} has no ${what} configured and the request named none`,
  });
}

/**
 * Chat Completions with SSE streaming, for OpenAI and the servers that speak its API (Ollama,
 * vLLM, llama.cpp server, LiteLLM). One attempt per call: no retries here (see the router).
 * Text is yielded as each chunk arrives; tool calls are assembled from their argument deltas and
 * yielded complete before the finish. Usage comes from `stream_options.include_usage`; servers
 * that ignore it get an estimate, flagged `usage.estimated`.
 */
export function createOpenAICompatibleProvider(settings: OpenAICompatibleSettings): ModelProvider {
  const name = settings.name ?? DEFAULT_NAME;
  const logger = settings.logger ?? silentLogger;
  const client = createClient(settings, logger);
  const maxTokensField = settings.maxTokensField ?? defaultMaxTokensField(settings.baseUrl);

  async function* stream(request: ModelRequest, signal: AbortSignal): AsyncGenerator<ModelStreamEvent> {
    throwIfAborted(signal);
    const model = request.model ?? settings.model;
    if (model === undefined) throw noModel(name, 'model');
    const names = createToolNameMap(request.tools, request.messages);
    const params = toChatCompletionParams(request, model, names, maxTokensField);
    const { attempt, context } = startCall(settings, name, model, signal);
    try {
      const assembler = new OpenAIStreamAssembler(names);
      try {
        const chunks = await client.chat.completions.create(params, { signal: attempt.signal });
        for await (const chunk of chunks) {
          attempt.pause();
          yield* assembler.push(chunk);
          attempt.resume();
        }
      } catch (error) {
        throw attemptFailure(factsOf(error), context, error);
      }
      // The SDK ends the iteration quietly when its request is aborted; only a stream that got
      // here without an abort is complete.
      if (attempt.signal.aborted) throw attemptFailure(undefined, context, attempt.signal.reason);
      yield* assembler.finish(estimatePromptTokens(request));
    } finally {
      attempt.dispose();
    }
  }

  return { name, stream };
}

/** The `/embeddings` endpoint of the same servers (vectors as floats, in input order). */
export function createOpenAIEmbeddingsProvider(settings: OpenAICompatibleSettings): EmbeddingsProvider {
  const name = settings.name ?? DEFAULT_NAME;
  const client = createClient(settings, settings.logger ?? silentLogger);
  return {
    name,
    async embed(texts, signal) {
      throwIfAborted(signal);
      const model = settings.embeddingsModel;
      if (model === undefined) throw noModel(name, 'embeddings model');
      if (texts.length === 0) return { vectors: [], model, promptTokens: 0 };
      const { attempt, context } = startCall(settings, name, model, signal);
      try {
        // Floats, not the SDK's default base64: not every compatible server implements base64.
        const response = await client.embeddings.create(
          { model, input: [...texts], encoding_format: 'float' },
          { signal: attempt.signal },
        );
        const vectors = [...response.data].sort((a, b) => a.index - b.index).map((item) => item.embedding);
        if (vectors.length !== texts.length) {
          throw new ProviderError({
            kind: 'unavailable',
            provider: name,
            model,
            message: `model provider ${name} returned ${vectors.length} embeddings for ${texts.length} texts`,
          });
        }
        const promptTokens =
          response.usage?.prompt_tokens ?? texts.reduce((sum, text) => sum + estimateTokens(text), 0);
        return { vectors, model: response.model || model, promptTokens };
      } catch (error) {
        if (error instanceof ProviderError) throw error;
        throw attemptFailure(factsOf(error), context, error);
      } finally {
        attempt.dispose();
      }
    },
  };
}
