import { TextDecoder } from 'node:util';
import { canonicalJson } from '@palyra/core';
import type { Dispatcher } from 'undici';
import { createPinnedAgent } from '../http/pinned-agent.js';
import { createTargetGuard, type TargetGuard } from '../http/target-guard.js';
import { cutText, storedJsonBytes, TOOL_OUTPUT_MAX_BYTES } from '../output-limit.js';
import { redactUrl } from '../redact-url.js';
import type { HttpFetchSettings } from '../settings.js';
import { type ToolDefinition, ToolError } from '../tool-definition.js';

const METHODS = ['GET', 'HEAD'] as const;
type Method = (typeof METHODS)[number];

interface HttpFetchInput {
  readonly url: string;
  readonly method?: Method;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface HttpFetchOutput {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly truncated: boolean;
  readonly final_url: string;
}

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/**
 * Headers the model may not set: framing and connection management belong to the client, `host`
 * would let a request reach a different virtual host than the checked URL names, and bodies
 * arrive uncompressed so the size limit counts what the model reads.
 */
const FORBIDDEN_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  'host',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'accept-encoding',
  'proxy-authorization',
  'proxy-connection',
]);

/** Response headers worth showing a model; cookies and server internals stay out. */
const RESPONSE_HEADERS: readonly string[] = [
  'content-type',
  'content-length',
  'content-language',
  'content-disposition',
  'last-modified',
  'etag',
  'cache-control',
  'expires',
  'date',
  'location',
  'retry-after',
];

const USER_AGENT = 'Palyra-HttpFetch/1';

export const httpFetchInputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['url'],
  properties: {
    url: {
      type: 'string',
      description: 'Absolute http or https URL to fetch',
      minLength: 1,
      maxLength: 2048,
      pattern: '^[Hh][Tt][Tt][Pp][Ss]?://',
    },
    method: {
      type: 'string',
      description: 'HEAD fetches only the status and headers',
      enum: [...METHODS],
      default: 'GET',
    },
    headers: {
      type: 'object',
      description: 'Extra request headers (name -> value)',
      maxProperties: 16,
      propertyNames: { type: 'string', pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$" },
      additionalProperties: { type: 'string', maxLength: 1024, pattern: '^[^\\r\\n\\u0000]*$' },
    },
  },
} as const;

function headerValue(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function safeHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of RESPONSE_HEADERS) {
    const value = headerValue(headers, name);
    if (value !== undefined) out[name] = cutText(value, 1024);
  }
  return out;
}

function decoderFor(contentType: string | undefined): TextDecoder {
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8');
  } catch {
    // An unknown label: UTF-8 with replacement characters beats failing the call.
    return new TextDecoder('utf-8');
  }
}

async function readBody(
  body: Dispatcher.ResponseData['body'],
  maxBytes: number,
  decoder: TextDecoder,
): Promise<{ text: string; truncated: boolean }> {
  let received = 0;
  let text = '';
  for await (const chunk of body) {
    const bytes = chunk as Buffer;
    const room = maxBytes - received;
    if (bytes.length > room) {
      // Leaving the loop destroys the stream; stream mode keeps a split character out of the text.
      text += decoder.decode(bytes.subarray(0, room), { stream: true });
      return { text, truncated: true };
    }
    received += bytes.length;
    text += decoder.decode(bytes, { stream: true });
  }
  return { text: text + decoder.decode(), truncated: false };
}

/**
 * Cuts the body until the output fits the tool output limit. Escaping can grow text up to
 * twelve-fold once the output is stored as a string, so the cut assumes the average growth of the
 * body so far and repeats (rarely more than twice) when the kept part grows more than average.
 */
function fitOutput(output: HttpFetchOutput): HttpFetchOutput {
  const stored = (value: HttpFetchOutput): number => storedJsonBytes(canonicalJson(value));
  const overhead = stored({ ...output, body: '', truncated: true });
  let fitted = output;
  for (let size = stored(fitted); size > TOOL_OUTPUT_MAX_BYTES && fitted.body !== ''; size = stored(fitted)) {
    const bytesPerChar = (size - overhead) / fitted.body.length;
    const keep = Math.min(
      fitted.body.length - 1,
      Math.floor(Math.max(0, TOOL_OUTPUT_MAX_BYTES - overhead) / bytesPerChar),
    );
    fitted = { ...fitted, body: cutText(fitted.body, keep), truncated: true };
  }
  return fitted;
}

function describeNetworkError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && !code.startsWith('UND_ERR_')) return code;
  return error instanceof Error ? error.message : String(error);
}

function requestHeaders(input: HttpFetchInput): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    const lower = name.toLowerCase();
    if (FORBIDDEN_REQUEST_HEADERS.has(lower) || lower.startsWith('proxy-')) {
      throw new ToolError('invalid_input', `header ${name} cannot be set`);
    }
    headers[lower] = value;
  }
  return headers;
}

async function follow(
  settings: HttpFetchSettings,
  guard: TargetGuard,
  start: URL,
  method: Method,
  userHeaders: Record<string, string>,
  signal: AbortSignal,
): Promise<HttpFetchOutput> {
  const { agent, pin } = createPinnedAgent(settings.timeoutMs);
  try {
    let current = start;
    let headers = userHeaders;
    for (let redirects = 0; ; redirects++) {
      pin(await guard.check(current, signal));
      const response = await agent.request({
        origin: current.origin,
        path: `${current.pathname}${current.search}`,
        method,
        headers: { 'user-agent': USER_AGENT, ...headers, 'accept-encoding': 'identity' },
        signal,
      });
      const location = headerValue(response.headers, 'location');
      if (REDIRECT_STATUSES.has(response.statusCode) && location !== undefined) {
        await response.body.dump();
        if (redirects >= settings.maxRedirects) {
          throw new ToolError(
            'too_many_redirects',
            `${redactUrl(start.href)} redirected more than ${settings.maxRedirects} times (PALYRA_HTTP_FETCH_MAX_REDIRECTS)`,
          );
        }
        if (!URL.canParse(location, current.href)) {
          throw new ToolError('network_error', `${redactUrl(current.href)} redirected to an invalid URL`);
        }
        const next = new URL(location, current);
        // Headers the model chose for one origin (credentials, say) never travel to another.
        if (next.origin !== current.origin) headers = {};
        current = next;
        continue;
      }
      let body = { text: '', truncated: false };
      if (method === 'HEAD') await response.body.dump();
      else {
        const contentType = headerValue(response.headers, 'content-type');
        const maxBytes = Math.min(settings.maxResponseBytes, TOOL_OUTPUT_MAX_BYTES);
        body = await readBody(response.body, maxBytes, decoderFor(contentType));
      }
      return fitOutput({
        status: response.statusCode,
        headers: safeHeaders(response.headers),
        body: body.text,
        truncated: body.truncated,
        final_url: current.href,
      });
    }
  } finally {
    await agent.destroy();
  }
}

export function createHttpFetchTool(settings: HttpFetchSettings): ToolDefinition {
  const guard = createTargetGuard(
    {
      allowPrivateTargets: settings.allowPrivateTargets,
      allowedPrivateCidrs: settings.allowedPrivateCidrs ?? [],
    },
    settings.lookup,
  );
  return {
    name: 'palyra.http.fetch',
    description:
      'Fetch an http(s) URL with GET or HEAD. Returns the status, selected response headers, the body as ' +
      'text (cut at a size limit, then `truncated` is true) and the final URL after redirects. Only ' +
      'public internet addresses can be reached.',
    inputSchema: httpFetchInputSchema,
    sensitive: true,
    riskLevel: 'HIGH',
    describeCall(input) {
      const { url, method = 'GET' } = input as HttpFetchInput;
      return `${method} ${cutText(redactUrl(url), 300)}`;
    },
    async execute(input, context) {
      const args = input as HttpFetchInput;
      if (!URL.canParse(args.url)) throw new ToolError('invalid_input', 'url is not an absolute URL');
      const headers = requestHeaders(args);
      const deadline = AbortSignal.timeout(settings.timeoutMs);
      const signal = AbortSignal.any([context.signal, deadline]);
      try {
        return await follow(settings, guard, new URL(args.url), args.method ?? 'GET', headers, signal);
      } catch (error) {
        // The caller's abort (cancel, call timeout) is the caller's to report. Messages name the
        // URL with credentials redacted: errors are journaled.
        if (context.signal.aborted) throw error;
        if (deadline.aborted) {
          throw new ToolError(
            'timeout',
            `${redactUrl(args.url)} took longer than ${settings.timeoutMs} ms (PALYRA_HTTP_FETCH_TIMEOUT_MS)`,
          );
        }
        if (error instanceof ToolError) throw error;
        throw new ToolError(
          'network_error',
          `could not fetch ${redactUrl(args.url)}: ${describeNetworkError(error)}`,
          {
            cause: error,
          },
        );
      }
    },
  };
}
