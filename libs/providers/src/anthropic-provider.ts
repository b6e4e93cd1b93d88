import Anthropic from '@anthropic-ai/sdk';
import type { Secret } from '@palyra/config';
import { type Logger, silentLogger } from '@palyra/core';
import { throwIfAborted } from './abort.js';
import { toAnthropicParams } from './anthropic-request.js';
import { AnthropicStreamAssembler } from './anthropic-stream-assembler.js';
import { createAttemptSignal } from './attempt-signal.js';
import type { ModelProvider, ModelRequest, ModelStreamEvent } from './model-provider.js';
import { ProviderError } from './provider-error.js';
import { attemptFailure, type FailureContext, type UpstreamErrorFacts } from './provider-failure.js';
import { sdkLogger } from './sdk-logger.js';
import { createToolNameMap } from './tool-names.js';
import { estimatePromptTokens } from './usage-estimate.js';

export interface AnthropicSettings {
  /** The configured provider name, used in errors, logs and metrics. Default `anthropic`. */
  readonly name?: string;
  /** Without the version segment, e.g. `https://api.anthropic.com`. */
  readonly baseUrl: string;
  readonly apiKey: Secret<string>;
  /** Used when a request names no model. */
  readonly model?: string | undefined;
  /** `max_tokens` is required by the API; used when a request sets no maxTokens. */
  readonly defaultMaxTokens: number;
  /** Longest wait for the response headers and between two stream events. */
  readonly requestTimeoutMs: number;
  readonly logger?: Logger | undefined;
}

const DEFAULT_NAME = 'anthropic';

/**
 * The SDK's retries are off (the router retries), its own tracing is off (the orchestrator traces
 * model calls once, for every provider alike), and the key is passed explicitly so the SDK reads
 * no `ANTHROPIC_*` variable or profile file.
 */
function createClient(settings: AnthropicSettings, logger: Logger): Anthropic {
  const apiKey = settings.apiKey.reveal();
  return new Anthropic({
    baseURL: settings.baseUrl,
    apiKey,
    // The SDK sends the key as a bearer token; Anthropic-format proxies and older API versions
    // read `x-api-key`, so it goes in both.
    defaultHeaders: { 'x-api-key': apiKey },
    webhookKey: null,
    timeout: settings.requestTimeoutMs,
    maxRetries: 0,
    openTelemetry: false,
    logger: sdkLogger(logger, 'anthropic'),
    logLevel: 'warn',
  });
}

function factsOf(error: unknown): UpstreamErrorFacts | undefined {
  if (error instanceof Anthropic.APIUserAbortError) return undefined;
  if (error instanceof Anthropic.APIConnectionTimeoutError) return { kind: 'timeout' };
  if (error instanceof Anthropic.APIConnectionError) return { kind: 'connection', cause: error.cause };
  if (error instanceof Anthropic.APIError) {
    const body = error.error as { error?: { type?: unknown; message?: unknown } } | undefined;
    const type = typeof body?.error?.type === 'string' ? body.error.type : (error.type ?? undefined);
    const message = typeof body?.error?.message === 'string' ? body.error.message : undefined;
    return {
      kind: 'response',
      status: error.status,
      type,
      code: error.errorCode ?? undefined,
      message,
      headers: error.headers,
      requestId: error.requestID ?? undefined,
    };
  }
  if (error instanceof SyntaxError) return { kind: 'malformed', cause: error };
  if (error instanceof TypeError) return { kind: 'connection', cause: error };
  return undefined;
}

/**
 * The Messages API with SSE streaming: system prompt, tool_use blocks (inputs assembled from
 * `input_json_delta`), tool results as `tool_result` blocks in user turns, usage from
 * `message_start` and `message_delta`. One attempt per call (the router retries). `refusal`
 * ends the answer with finish reason `content_filter`. JSON mode becomes a system instruction.
 */
export function createAnthropicProvider(settings: AnthropicSettings): ModelProvider {
  const name = settings.name ?? DEFAULT_NAME;
  const client = createClient(settings, settings.logger ?? silentLogger);
  const apiKey = settings.apiKey.reveal();

  async function* stream(request: ModelRequest, signal: AbortSignal): AsyncGenerator<ModelStreamEvent> {
    throwIfAborted(signal);
    const model = request.model ?? settings.model;
    if (model === undefined) {
      throw new ProviderError({
        kind: 'invalid_request',
        provider: name,
        message: `model provider ${name} has no model configured and the request named none`,
      });
    }
    const names = createToolNameMap(request.tools, request.messages);
    const params = toAnthropicParams(request, model, names, settings.defaultMaxTokens);
    const attempt = createAttemptSignal(signal, settings.requestTimeoutMs);
    const context: FailureContext = {
      provider: name,
      model,
      baseUrl: settings.baseUrl,
      idleTimeoutMs: settings.requestTimeoutMs,
      secrets: [apiKey],
      caller: signal,
      attempt,
    };
    try {
      const assembler = new AnthropicStreamAssembler(names);
      try {
        const events = await client.messages.create(params, { signal: attempt.signal });
        for await (const event of events) {
          attempt.pause();
          yield* assembler.push(event);
          attempt.resume();
        }
      } catch (error) {
        throw attemptFailure(factsOf(error), context, error);
      }
      if (attempt.signal.aborted) throw attemptFailure(undefined, context, attempt.signal.reason);
      if (!assembler.stopped) {
        // The connection closed cleanly mid-answer (a proxy timing out, say): not an answer.
        throw new ProviderError({
          kind: 'unavailable',
          provider: name,
          model,
          message: `model provider ${name} ended the stream before message_stop`,
        });
      }
      yield* assembler.finish(estimatePromptTokens(request));
    } finally {
      attempt.dispose();
    }
  }

  return { name, stream };
}
