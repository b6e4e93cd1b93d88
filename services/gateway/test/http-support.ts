import { after, before } from 'node:test';
import { type Authenticator, createApiKeyVerifier, createAuthenticator } from '@palyra/auth';
import { type Bus, createInProcessBus } from '@palyra/bus';
import { LIMITS, type LogFields, type Logger, newId } from '@palyra/core';
import {
  connectPostgres,
  createRepositories,
  type Database,
  migrate,
  type Repositories,
} from '@palyra/journal';
import { createMetrics } from '@palyra/telemetry';
import { createTestDatabase } from '@palyra/testkit';
import type { LightMyRequestResponse } from 'fastify';
import { SignJWT } from 'jose';
import { Type } from 'typebox';
import { createGateway, type Gateway, type GatewaySettings } from '../src/app.js';
import { callerOf, type HttpRoutes } from '../src/http/http-context.js';

/**
 * Real gateways (createGateway: the wiring palyrad and the standalone gateway use) over a real
 * Postgres database of the test's own, driven with fastify's `inject()`. Several gateways can
 * share one database, as replicas do.
 */

export const ADMIN_TOKEN = 'palyra-http-test-admin-token-0123456789';
export const JWT = {
  secret: 'palyra-http-test-jwt-secret-0123456789abcdef',
  issuer: 'palyra-http-test',
  audience: 'palyra',
} as const;

export interface LogRecord {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: LogFields;
}

/** A Logger that keeps what it is told, so tests can assert what an operator would read. */
export function recordingLogger(records: LogRecord[] = []): Logger & { readonly records: LogRecord[] } {
  const method =
    (level: LogRecord['level'], bindings: LogFields) =>
    (fieldsOrMessage: LogFields | string, message?: string): void => {
      if (typeof fieldsOrMessage === 'string')
        records.push({ level, message: fieldsOrMessage, fields: bindings });
      else records.push({ level, message: message ?? '', fields: { ...bindings, ...fieldsOrMessage } });
    };
  const build = (bindings: LogFields): Logger & { readonly records: LogRecord[] } => ({
    records,
    debug: method('debug', bindings),
    info: method('info', bindings),
    warn: method('warn', bindings),
    error: method('error', bindings),
    child: (more) => build({ ...bindings, ...more }),
  });
  return build({});
}

/** `GET /test/v1/caller`: echoes the authenticated caller (a tenant route, for auth tests). */
export const callerProbeRoutes: HttpRoutes = (app) => {
  app.get(
    '/test/v1/caller',
    {
      config: { auth: 'tenant' },
      schema: {
        summary: 'Echo the authenticated caller (test route)',
        tags: ['test'],
        response: {
          200: Type.Object({
            tenant_id: Type.String(),
            principal: Type.String(),
            device_id: Type.String(),
            credential: Type.String(),
            roles: Type.Array(Type.String()),
            is_admin: Type.Boolean(),
          }),
        },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      return {
        tenant_id: caller.tenantId,
        principal: caller.principal,
        device_id: caller.deviceId,
        credential: caller.credential,
        roles: [...caller.roles],
        is_admin: caller.isAdmin,
      };
    },
  );
};

export interface GatewayOptions {
  readonly settings?: Partial<GatewaySettings>;
  readonly httpRoutes?: readonly HttpRoutes[];
  readonly logger?: Logger;
  /** Another repositories object (e.g. over a closed database); default the testbed's. */
  readonly repositories?: Repositories;
}

export interface HttpTestbed {
  readonly database: Database;
  readonly databaseUrl: string;
  readonly repositories: Repositories;
  readonly bus: Bus;
  readonly authenticator: Authenticator;
  /** A gateway built (not listening) on the shared database and bus; closed after the test. */
  gateway(options?: GatewayOptions): Gateway;
  /** A tenant id of this test, created (active). */
  tenant(prefix?: string): Promise<string>;
  /** A JWT for the tenant signed with the configured secret; `expiresInSeconds` < 0 mints an expired one. */
  jwt(
    tenantId: string,
    subject: string,
    options?: { readonly roles?: readonly string[]; readonly expiresInSeconds?: number },
  ): Promise<string>;
}

export const OPERATOR_HEADERS = { authorization: `Bearer ${ADMIN_TOKEN}` } as const;

/** Headers of a tenant call with a bearer credential and a fresh device. */
export function tenantHeaders(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'x-palyra-device-id': newId(), ...extra };
}

export function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  return JSON.parse(response.body) as T;
}

export interface Envelope {
  readonly error: string;
  readonly code: string;
  readonly category: string;
  readonly retryable: boolean;
  readonly validation_errors: { field: string; code: string; message: string }[];
}

export const BASE_SETTINGS: GatewaySettings = {
  grpc: { bindAddr: '127.0.0.1', port: 0, maxMessageBytes: LIMITS.grpcMessageBytes },
  http: { bindAddr: '127.0.0.1', port: 0 },
  stream: { liveBufferEvents: 1024 },
};

type Cleanup = () => Promise<unknown> | unknown;

/** Where a testbed registers its cleanup: a TestContext (`t`), or a suite's hooks (`useHttpTestbed`). */
export interface CleanupScope {
  after(fn: () => Promise<void>): void;
}

/**
 * One testbed for a whole `describe` (a database costs about a second): call it inside the
 * describe; the returned function gives the testbed inside tests. Dropped after the suite.
 */
export function useHttpTestbed(): () => HttpTestbed {
  let testbed: HttpTestbed | undefined;
  const hooks: (() => Promise<void>)[] = [];
  before(async () => {
    testbed = await openHttpTestbed({ after: (fn) => hooks.push(fn) });
  });
  after(async () => {
    for (const hook of hooks) await hook();
  });
  return () => {
    if (testbed === undefined) throw new Error('the HTTP testbed is not open yet');
    return testbed;
  };
}

export async function openHttpTestbed(scope: CleanupScope): Promise<HttpTestbed> {
  const cleanups: Cleanup[] = [];
  scope.after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });
  const testDatabase = await createTestDatabase();
  cleanups.push(() => testDatabase.drop());
  const database = await connectPostgres({ url: testDatabase.url, poolSize: 6 });
  cleanups.push(() => database.close());
  await migrate(database);
  const repositories = createRepositories(database);
  const bus = createInProcessBus();
  cleanups.push(() => bus.close());
  const authenticator = createAuthenticator(
    { adminToken: ADMIN_TOKEN, jwt: { secret: JWT.secret, issuer: JWT.issuer, audience: JWT.audience } },
    { apiKeys: createApiKeyVerifier(repositories.apiKeys) },
  );
  let tenants = 0;
  return {
    database,
    databaseUrl: testDatabase.url,
    repositories,
    bus,
    authenticator,
    gateway(options = {}) {
      const gateway = createGateway({
        repositories: options.repositories ?? repositories,
        bus,
        database,
        authenticator,
        logger: options.logger ?? recordingLogger(),
        metrics: createMetrics({ defaultMetrics: false }),
        settings: { ...BASE_SETTINGS, ...options.settings },
        version: { version: '0.1.0-test', gitHash: 'test-hash', buildProfile: 'test' },
        httpRoutes: options.httpRoutes ?? [],
      });
      cleanups.push(() => gateway.close());
      return gateway;
    },
    async tenant(prefix = 't') {
      tenants += 1;
      const tenantId = `${prefix}-${tenants}-${newId().slice(-6).toLowerCase()}`;
      await repositories.tenants.ensure(tenantId);
      return tenantId;
    },
    async jwt(tenantId, subject, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const expiresIn = options.expiresInSeconds ?? 300;
      return new SignJWT({ tenant: tenantId, ...(options.roles ? { roles: [...options.roles] } : {}) })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(JWT.issuer)
        .setAudience(JWT.audience)
        .setSubject(subject)
        .setIssuedAt(expiresIn < 0 ? now + expiresIn - 60 : now)
        .setExpirationTime(now + expiresIn)
        .sign(new TextEncoder().encode(JWT.secret));
    },
  };
}
