import { redactString } from '@palyra/core';
import type { ProviderErrorKind } from './provider-error.js';

/** What an upstream said when it refused a request, as read from the status and error body. */
export interface UpstreamFailure {
  /** HTTP status; undefined for an error event inside a stream that had already started. */
  readonly status: number | undefined;
  /** OpenAI `error.code` (e.g. `insufficient_quota`, `context_length_exceeded`). */
  readonly code?: string | undefined;
  /** OpenAI `error.type` or Anthropic `error.type` (e.g. `overloaded_error`). */
  readonly type?: string | undefined;
  readonly message?: string | undefined;
}

const QUOTA = /insufficient_quota|billing|credit balance|exceeded your current quota/i;
// OpenAI, Anthropic, vLLM, llama.cpp server and Ollama word this differently.
const CONTEXT =
  /context_length_exceeded|prompt is too long|maximum context length|context length|context window|context size|exceed_context_size|too many tokens|request_too_large/i;
const CONTENT = /content_policy_violation|content_filter|content management policy|safety system/i;
const RATE_LIMIT_TYPES = new Set(['rate_limit_error', 'rate_limit_exceeded', 'requests', 'tokens']);
const OUTAGE_TYPES = new Set([
  'overloaded_error',
  'api_error',
  'server_error',
  'internal_error',
  'timeout_error',
]);

/**
 * Classifies a refusal. Specific causes (quota, context, content policy) are read from the code,
 * type and message before the status, because providers send them with generic statuses (quota
 * as 429, context as 400 or 413). Statuses that say "later" (408, 409, 429, 5xx) are transient.
 */
export function classifyUpstreamFailure(failure: UpstreamFailure): ProviderErrorKind {
  const { status } = failure;
  const text = [failure.code, failure.type, failure.message].filter(Boolean).join(' ');
  if (status === 401 || status === 403 || failure.type === 'authentication_error') return 'auth';
  if (failure.type === 'permission_error') return 'auth';
  if (status === 402 || QUOTA.test(text)) return 'quota';
  if (status === 413 || CONTEXT.test(text)) return 'context_too_long';
  if (CONTENT.test(text)) return 'content_policy';
  if (status === 429 || (failure.type !== undefined && RATE_LIMIT_TYPES.has(failure.type))) {
    return 'rate_limited';
  }
  if (status === 408 || status === 409 || (status !== undefined && status >= 500)) return 'unavailable';
  if (status === undefined) {
    // An error event mid-stream: the server broke off; nothing says the request itself was bad
    // unless the type says so.
    return failure.type === 'invalid_request_error' ? 'invalid_request' : 'unavailable';
  }
  if (failure.type !== undefined && OUTAGE_TYPES.has(failure.type)) return 'unavailable';
  return 'invalid_request';
}

const MAX_UPSTREAM_MESSAGE_CHARS = 240;

/**
 * An upstream error message fit for our messages and logs: credentials removed (the known key
 * verbatim, plus anything shaped like a bearer token or key), whitespace collapsed, truncated.
 * Upstream messages can quote a partial key ("Incorrect API key provided: sk-ab***yz") or parts
 * of the prompt, so auth failures never include them at all (see the adapters).
 */
export function safeUpstreamMessage(message: string | undefined, secrets: readonly string[] = []): string {
  if (message === undefined) return '';
  let text = message;
  for (const secret of secrets) if (secret.length >= 4) text = text.replaceAll(secret, '<redacted>');
  text = redactString(text).value.replace(/\s+/g, ' ').trim();
  return text.length > MAX_UPSTREAM_MESSAGE_CHARS ? `${text.slice(0, MAX_UPSTREAM_MESSAGE_CHARS)}...` : text;
}

/** Headers as both SDKs and node:http expose them. */
export interface HeaderReader {
  get(name: string): string | null;
}

/**
 * How long the upstream asked us to wait: `retry-after-ms` (OpenAI), else `Retry-After` in
 * seconds or as an HTTP date. Undefined when absent or unreadable; never negative.
 */
export function parseRetryAfterMs(headers: HeaderReader | undefined, nowMs = Date.now()): number | undefined {
  if (headers === undefined) return undefined;
  const milliseconds = headers.get('retry-after-ms');
  if (milliseconds !== null && milliseconds.trim() !== '') {
    const value = Number(milliseconds);
    if (Number.isFinite(value) && value >= 0) return Math.ceil(value);
  }
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter === undefined || retryAfter === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.ceil(Number(retryAfter) * 1000);
  const date = Date.parse(retryAfter);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
