import { isIP } from 'node:net';
import type { AuthConfig } from '@palyra/auth';
import {
  bytes,
  type ConfigOf,
  custom,
  durationMs,
  enumOf,
  int,
  list,
  optional,
  port,
  secret,
  text,
  url,
} from '@palyra/config';
import { LIMITS } from '@palyra/core';
import { LOG_LEVELS } from '@palyra/telemetry';
import { z } from 'zod';

/** fastify's `trustProxy`: false, true (every hop), a hop count, or trusted addresses/CIDRs. */
export type TrustProxySetting = boolean | number | readonly string[];

/** proxy-addr's names for address ranges, accepted next to addresses and CIDRs. */
const TRUST_PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

function isTrustedAddress(entry: string): boolean {
  if (TRUST_PROXY_RANGES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

const trustProxySchema = z.string().transform((raw, ctx): TrustProxySetting => {
  const value = raw.toLowerCase();
  if (value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0 || !entries.every(isTrustedAddress)) {
    ctx.addIssue({ code: 'custom', message: 'must be true, false, a hop count, or addresses/CIDRs' });
    return z.NEVER;
  }
  return Object.freeze(entries);
});

/**
 * Everything the gateway's transports need, without its dependencies (database, NATS): palyrad
 * embeds the gateway with these same variables and chooses PGlite / the in-process bus itself.
 */
export const gatewayServerConfigSpec = {
  grpc: {
    bindAddr: text('PALYRA_GATEWAY_GRPC_BIND_ADDR', {
      description: 'Address the gRPC server listens on',
      default: '0.0.0.0',
    }),
    port: port('PALYRA_GATEWAY_GRPC_PORT', {
      description: 'gRPC listen port (0 = ephemeral)',
      default: 7443,
    }),
    maxMessageBytes: bytes('PALYRA_GRPC_MAX_MESSAGE_BYTES', {
      description: 'Largest gRPC message accepted or sent',
      default: LIMITS.grpcMessageBytes,
      min: 64 * 1024,
      max: 64 * 1024 * 1024,
    }),
  },
  http: {
    bindAddr: text('PALYRA_DAEMON_BIND_ADDR', {
      description: 'Address the HTTP server (the HTTP API, /healthz, /readyz, /metrics) listens on',
      default: '0.0.0.0',
    }),
    port: port('PALYRA_DAEMON_PORT', { description: 'HTTP listen port (0 = ephemeral)', default: 7142 }),
  },
  httpApi: {
    trustProxy: custom('PALYRA_HTTP_TRUST_PROXY', trustProxySchema, {
      type: 'trust_proxy',
      expected:
        'true, false, a hop count, or comma-separated addresses/CIDRs (or loopback, linklocal, uniquelocal)',
      description:
        'Which proxies in front of the HTTP server to believe about the client address (X-Forwarded-For), for per-IP rate limits and logs: false = the TCP peer is the client; a hop count or the balancer addresses behind a load balancer; true trusts any sender, so only behind a proxy that overwrites the header',
      default: false,
      format: (value) => (typeof value === 'object' ? value.join(',') : String(value)),
    }),
    rateLimitPerTenantPerMinute: int('PALYRA_HTTP_RATE_LIMIT_PER_TENANT_PER_MINUTE', {
      description:
        'HTTP requests per tenant per minute on tenant routes (/console/v1), counted by all replicas together in the database; 0 = no limit',
      default: 3000,
      min: 0,
      max: 10_000_000,
    }),
    rateLimitPerIpPerMinute: int('PALYRA_HTTP_RATE_LIMIT_PER_IP_PER_MINUTE', {
      description:
        'HTTP requests per client address per minute (IPv6 by /64) on every route but /healthz, /readyz and /metrics, counted before authentication by all replicas together; 0 = no limit',
      default: 1200,
      min: 0,
      max: 10_000_000,
    }),
  },
  metricsServer: {
    port: optional(
      port('PALYRA_METRICS_PORT', {
        description:
          'When set, /metrics is served only on this port (same bind address as the HTTP server) instead of the main HTTP port, so scrapes stay on a private port (0 = ephemeral)',
      }),
    ),
  },
  stream: {
    liveBufferEvents: int('PALYRA_STREAM_LIVE_BUFFER_EVENTS', {
      description:
        'Live run events held per stream while it catches up or its client is slow; beyond this the buffer is dropped and the stream catches up from the journal',
      default: 1024,
      min: 16,
      max: 1_000_000,
    }),
  },
  shutdownGraceMs: durationMs('PALYRA_SHUTDOWN_GRACE_MS', {
    description: 'Deadline for draining streams and in-flight calls on SIGTERM before connections are cut',
    default: 25_000,
  }),
  shutdownDelayMs: durationMs('PALYRA_SHUTDOWN_DELAY_MS', {
    description:
      'On SIGTERM, how long to keep accepting connections after readiness turns false (new RunStreams are refused with UNAVAILABLE) before closing the listeners, so load balancers stop routing here first; counts against the grace',
    default: 0,
  }),
  logLevel: enumOf('PALYRA_LOG_LEVEL', LOG_LEVELS, { description: 'Log level', default: 'info' }),
  gitHash: text('PALYRA_GIT_HASH', {
    description: 'Git commit reported by GetHealth (set by the image build)',
    default: 'unknown',
  }),
  auth: {
    adminToken: optional(
      secret('PALYRA_ADMIN_TOKEN', { description: 'Operator admin token (>= 16 characters)', minLength: 16 }),
    ),
    adminBoundPrincipal: optional(
      text('PALYRA_ADMIN_BOUND_PRINCIPAL', {
        description: 'When set, the admin token is accepted only with this x-palyra-principal',
      }),
    ),
    jwt: {
      jwksUrl: optional(
        url('PALYRA_JWT_JWKS_URL', {
          description: 'JWKS URL to verify JWTs with',
          protocols: ['https', 'http'],
        }),
      ),
      publicKey: optional(
        text('PALYRA_JWT_PUBLIC_KEY', { description: 'PEM public key or certificate to verify JWTs with' }),
      ),
      secret: optional(
        secret('PALYRA_JWT_SECRET', {
          description: 'HMAC secret to verify JWTs with (>= 32 bytes)',
          minLength: 32,
        }),
      ),
      algorithms: optional(
        list('PALYRA_JWT_ALGORITHMS', {
          description: 'Narrows the algorithms allowed for the key source (never widens)',
        }),
      ),
      issuer: optional(text('PALYRA_JWT_ISSUER', { description: 'Required `iss` of JWTs' })),
      audience: optional(list('PALYRA_JWT_AUDIENCE', { description: 'Accepted `aud` values of JWTs' })),
      tenantClaim: optional(
        text('PALYRA_JWT_TENANT_CLAIM', {
          description: 'JWT claim carrying the tenant id (default `tenant`)',
        }),
      ),
      clockToleranceSec: optional(
        int('PALYRA_JWT_CLOCK_TOLERANCE_SEC', {
          description: 'Clock skew allowed on exp/nbf in seconds (default 30)',
          min: 0,
          max: 300,
        }),
      ),
    },
  },
};

/** The standalone gateway: Postgres and NATS are required. */
export const gatewayConfigSpec = {
  ...gatewayServerConfigSpec,
  database: {
    url: url('PALYRA_DATABASE_URL', {
      description: 'Postgres connection URL',
      protocols: ['postgres', 'postgresql'],
    }),
    poolSize: int('PALYRA_DATABASE_POOL_SIZE', {
      description: 'Postgres connections per replica',
      default: 10,
      min: 1,
      max: 1000,
    }),
  },
  nats: {
    url: list('PALYRA_NATS_URL', { description: 'NATS server URL(s), comma-separated' }),
    streamPrefix: text('PALYRA_NATS_STREAM_PREFIX', {
      description: 'Prefix of JetStream stream names; its lower-case form is the subject root',
      default: 'PALYRA',
      pattern: /^[A-Z][A-Z0-9_]{0,31}$/,
      patternDescription: '1-32 characters of A-Z, 0-9 or _, starting with a letter',
    }),
  },
};

export type GatewayServerConfig = ConfigOf<typeof gatewayServerConfigSpec>;
export type GatewayConfig = ConfigOf<typeof gatewayConfigSpec>;

/** Maps the auth variables onto @palyra/auth's config; `createAuthenticator` validates the rest. */
export function toAuthConfig(auth: GatewayServerConfig['auth']): AuthConfig {
  const { jwt } = auth;
  const hasJwt = jwt.jwksUrl !== undefined || jwt.publicKey !== undefined || jwt.secret !== undefined;
  return {
    ...(auth.adminToken === undefined ? {} : { adminToken: auth.adminToken.reveal() }),
    ...(auth.adminBoundPrincipal === undefined ? {} : { adminBoundPrincipal: auth.adminBoundPrincipal }),
    ...(hasJwt
      ? {
          jwt: {
            ...(jwt.jwksUrl === undefined ? {} : { jwksUrl: jwt.jwksUrl }),
            ...(jwt.publicKey === undefined ? {} : { publicKeyPem: jwt.publicKey }),
            ...(jwt.secret === undefined ? {} : { secret: jwt.secret.reveal() }),
            ...(jwt.algorithms === undefined ? {} : { algorithms: jwt.algorithms }),
            issuer: jwt.issuer ?? '',
            audience: jwt.audience ?? [],
            ...(jwt.tenantClaim === undefined ? {} : { tenantClaim: jwt.tenantClaim }),
            ...(jwt.clockToleranceSec === undefined ? {} : { clockToleranceSec: jwt.clockToleranceSec }),
          },
        }
      : {}),
  };
}
