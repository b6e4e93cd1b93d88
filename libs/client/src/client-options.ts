import { type ChannelCredentials, type ChannelOptions, credentials } from '@grpc/grpc-js';
import { isCanonicalUlid } from '@palyra/core';
import { invalidArgument } from './client-error.js';

export interface PalyraClientOptions {
  /**
   * Gateway address(es): `host:port`, `grpc://host:port` (plaintext) or `grpcs://host:port` (TLS).
   * With several, calls go to the first one and a run stream that loses its gateway resumes on the
   * next one (usually a single load-balancer address is enough).
   */
  readonly url: string | readonly string[];
  /**
   * Bearer token (JWT or the admin token), sent as `authorization: Bearer <token>`. Only GetHealth
   * works without one; other calls are then rejected by the gateway.
   */
  readonly token?: string;
  /** `x-palyra-principal`. */
  readonly principal: string;
  /** `x-palyra-device-id`, a canonical ULID. */
  readonly deviceId: string;
  /** `x-palyra-channel`, optional. */
  readonly channel?: string;
  /** `x-palyra-tenant`: selects the tenant for the admin token; must match a JWT's tenant. */
  readonly tenant?: string;
  /** `false` for plaintext, an object for TLS. Default: TLS only for `grpcs://` addresses. */
  readonly tls?: false | { readonly ca?: Buffer | string };
  /** Extra grpc-js channel options, merged over the defaults below. */
  readonly grpcOptions?: ChannelOptions;
  /** Deadline of unary calls. Default 30 000 ms. RunStream has none. */
  readonly callTimeoutMs?: number;
  /** Resume policy of run streams (see RunHandle). */
  readonly resume?: ResumePolicy | false;
}

/** How a run stream re-attaches after losing its gateway. Attempts reset after any new event. */
export interface ResumePolicy {
  /** Reconnects in a row without receiving an event before giving up. Default 5. */
  readonly maxAttempts?: number;
  /** First backoff; doubles per attempt with full jitter. Default 100 ms. */
  readonly initialDelayMs?: number;
  /** Backoff cap. Default 2000 ms. */
  readonly maxDelayMs?: number;
}

export const DEFAULT_RESUME_POLICY: Required<ResumePolicy> = Object.freeze({
  maxAttempts: 5,
  initialDelayMs: 100,
  maxDelayMs: 2000,
});

export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
export const DEFAULT_CALL_TIMEOUT_MS = 30_000;

/**
 * Defaults for every channel:
 * - 4 MiB messages each way (the gateway's limit; larger fails fast on our side).
 * - Keepalive pings every 30 s while calls are open (not when idle), 10 s to answer: a gateway
 *   that vanished without a TCP reset is detected in well under a minute, so a run stream can
 *   resume elsewhere. grpc-js servers do not police ping rates; a grpc-go or C-core server needs
 *   its keepalive enforcement min time at or below 30 s.
 * - The global subchannel pool (`use_local_subchannel_pool` off): clients created for the same
 *   address share one HTTP/2 connection instead of opening one each.
 * - Reconnect backoff capped at 5 s, so a restarted gateway is dialled again quickly.
 */
export const DEFAULT_CHANNEL_OPTIONS: Readonly<ChannelOptions> = Object.freeze({
  'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
  'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
  'grpc.keepalive_time_ms': 30_000,
  'grpc.keepalive_timeout_ms': 10_000,
  'grpc.keepalive_permit_without_calls': 0,
  'grpc.use_local_subchannel_pool': 0,
  'grpc.max_reconnect_backoff_ms': 5_000,
});

export interface Endpoint {
  /** `host:port` as grpc-js wants it. */
  readonly target: string;
  readonly tls: boolean;
}

/** Parses one address. A bare `host:port` is plaintext unless `tls` says otherwise. */
export function parseEndpoint(url: string): Endpoint {
  const trimmed = url.trim();
  const match = /^(grpcs?):\/\/(.+)$/i.exec(trimmed);
  const scheme = match?.[1]?.toLowerCase();
  const target = (match?.[2] ?? trimmed).replace(/\/+$/, '');
  if (target === '' || /[\s/]/.test(target)) {
    throw invalidArgument(`url must be host:port, grpc://host:port or grpcs://host:port, got "${url}"`);
  }
  if (scheme === undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    throw invalidArgument(`url scheme must be grpc:// or grpcs://, got "${url}"`);
  }
  return { target, tls: scheme === 'grpcs' };
}

export function endpointsOf(url: string | readonly string[]): Endpoint[] {
  const list = typeof url === 'string' ? [url] : [...url];
  if (list.length === 0) throw invalidArgument('url is required');
  return list.map(parseEndpoint);
}

export function channelCredentials(endpoint: Endpoint, tls: PalyraClientOptions['tls']): ChannelCredentials {
  if (tls === false) return credentials.createInsecure();
  if (tls === undefined && !endpoint.tls) return credentials.createInsecure();
  const ca = tls?.ca;
  return credentials.createSsl(ca === undefined ? null : Buffer.from(ca));
}

/** Checks the identity headers locally, so a typo fails before any network round trip. */
export function validateIdentity(options: PalyraClientOptions): void {
  if (options.token !== undefined) {
    if (options.token.trim() === '') throw invalidArgument('token must not be empty when set');
    if (/\s/.test(options.token)) throw invalidArgument('token must not contain whitespace');
  }
  if (options.principal.trim() === '') throw invalidArgument('principal is required');
  if (!isCanonicalUlid(options.deviceId)) throw invalidArgument('deviceId must be a canonical ULID');
  if (options.channel !== undefined && options.channel.trim() === '') {
    throw invalidArgument('channel must not be empty when set');
  }
  if (options.tenant !== undefined && options.tenant.trim() === '') {
    throw invalidArgument('tenant must not be empty when set');
  }
}
