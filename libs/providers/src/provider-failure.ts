import { ModelAbortError } from './abort.js';
import type { AttemptSignal } from './attempt-signal.js';
import { ProviderError } from './provider-error.js';
import {
  classifyUpstreamFailure,
  type HeaderReader,
  parseRetryAfterMs,
  safeUpstreamMessage,
} from './upstream-failure.js';

/** An SDK error reduced to what both SDKs can tell us. */
export type UpstreamErrorFacts =
  | {
      readonly kind: 'response';
      /** Undefined for an error event inside a stream. */
      readonly status: number | undefined;
      readonly code?: string | undefined;
      readonly type?: string | undefined;
      readonly message?: string | undefined;
      readonly headers?: HeaderReader | undefined;
      readonly requestId?: string | undefined;
    }
  | { readonly kind: 'connection'; readonly cause: unknown }
  /** The SDK's own request timeout (same length as ours) fired before our idle timer. */
  | { readonly kind: 'timeout' }
  | { readonly kind: 'malformed'; readonly cause: unknown };

export interface FailureContext {
  /** The configured provider name. */
  readonly provider: string;
  readonly model: string | undefined;
  readonly baseUrl: string;
  readonly idleTimeoutMs: number;
  /** Values that must never appear in a message (the API key). */
  readonly secrets: readonly string[];
  readonly caller: AbortSignal;
  readonly attempt: AttemptSignal;
}

function causeText(cause: unknown): string {
  if (!(cause instanceof Error)) return 'connection failed';
  // undici wraps the socket error: "fetch failed" with cause "connect ECONNREFUSED 127.0.0.1:9".
  const inner = cause.cause instanceof Error ? cause.cause : cause;
  const code = (inner as { code?: unknown }).code;
  return typeof code === 'string' ? code : inner.message;
}

function hostOf(baseUrl: string): string {
  return URL.canParse(baseUrl) ? new URL(baseUrl).host : 'the configured base URL';
}

/**
 * The error an attempt ends with. The caller's abort wins over everything (it is not a failure
 * of the upstream), then our idle timeout, then what the upstream said.
 */
export function attemptFailure(
  facts: UpstreamErrorFacts | undefined,
  context: FailureContext,
  raw: unknown,
): Error {
  if (context.caller.aborted) return new ModelAbortError(context.caller);
  const { provider, model } = context;
  if (context.attempt.timedOut || facts?.kind === 'timeout') {
    return new ProviderError({
      kind: 'timeout',
      provider,
      model,
      message: `model provider ${provider} sent nothing for ${context.idleTimeoutMs} ms`,
    });
  }
  if (facts === undefined) {
    return new ProviderError({
      kind: 'unavailable',
      provider,
      model,
      message: `model provider ${provider} call failed: ${safeUpstreamMessage(
        raw instanceof Error ? raw.message : String(raw),
        context.secrets,
      )}`,
      cause: raw,
    });
  }
  switch (facts.kind) {
    case 'connection':
      return new ProviderError({
        kind: 'unavailable',
        provider,
        model,
        message: `could not reach model provider ${provider} at ${hostOf(context.baseUrl)}: ${safeUpstreamMessage(
          causeText(facts.cause),
          context.secrets,
        )}`,
        cause: facts.cause,
      });
    case 'malformed':
      return new ProviderError({
        kind: 'unavailable',
        provider,
        model,
        message: `model provider ${provider} sent a stream that is not valid JSON server-sent events`,
      });
    case 'response': {
      const kind = classifyUpstreamFailure(facts);
      const upstreamCode = facts.code ?? facts.type;
      const where =
        facts.status === undefined ? 'reported an error mid-stream' : `answered HTTP ${facts.status}`;
      const label = upstreamCode === undefined ? '' : ` (${upstreamCode})`;
      // Auth failures quote nothing: their messages echo part of the key.
      const detail = kind === 'auth' ? '' : safeUpstreamMessage(facts.message, context.secrets);
      return new ProviderError({
        kind,
        provider,
        model,
        status: facts.status,
        message: `model provider ${provider} ${where}${label}${detail === '' ? '' : `: ${detail}`}`,
        upstreamCode,
        requestId: facts.requestId,
        retryAfterMs: parseRetryAfterMs(facts.headers),
      });
    }
  }
}
