import type { AuthConfig } from '@palyra/auth';
import {
  bytes,
  type ConfigOf,
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
      description: 'Address the HTTP server (/healthz, /readyz, /metrics) listens on',
      default: '0.0.0.0',
    }),
    port: port('PALYRA_DAEMON_PORT', { description: 'HTTP listen port (0 = ephemeral)', default: 7142 }),
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
