import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type HeaderLookup, MAX_BEARER_TOKEN_LENGTH } from '@palyra/auth';
import { newId, PalyraError } from '@palyra/core';
import { base64url, type CryptoKey, exportJWK, exportSPKI, generateKeyPair, type JWK, SignJWT } from 'jose';

export const ISSUER = 'https://idp.example.test/';
export const AUDIENCE = 'palyra-gateway';
export const ADMIN_TOKEN = 'operator-admin-token-0123456789';
export const DEVICE_ID = newId();

export interface SigningKey {
  readonly alg: 'RS256' | 'ES256';
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
  readonly publicKeyPem: string;
}

export async function createSigningKey(alg: 'RS256' | 'ES256', kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { alg, kid, privateKey, publicJwk, publicKeyPem: await exportSPKI(publicKey) };
}

export interface JwksServer {
  readonly url: string;
  /** Number of JWKS requests served so far. */
  readonly requests: () => number;
  close(): Promise<void>;
}

/** A real HTTP JWKS endpoint on 127.0.0.1, ephemeral port. */
export async function startJwksServer(keys: readonly JWK[]): Promise<JwksServer> {
  let requests = 0;
  const server: Server = createServer((request, response) => {
    requests += 1;
    if (request.url !== '/.well-known/jwks.json') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

export interface TokenOptions {
  /** Claims merged over the defaults; a value of `undefined` removes a default claim. */
  readonly claims?: Record<string, unknown>;
  readonly header?: Record<string, unknown>;
}

/** Signs a JWT with standard valid claims unless overridden. */
export async function signToken(
  key: CryptoKey | Uint8Array,
  alg: string,
  kid: string | undefined,
  options: TokenOptions = {},
): Promise<string> {
  const now = nowSeconds();
  const claims: Record<string, unknown> = {
    iss: ISSUER,
    aud: AUDIENCE,
    sub: 'user:alice',
    tenant: 'acme',
    iat: now,
    exp: now + 300,
    ...options.claims,
  };
  for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
  return new SignJWT(claims)
    .setProtectedHeader({ alg, typ: 'JWT', ...(kid === undefined ? {} : { kid }), ...options.header })
    .sign(key);
}

export async function signWith(key: SigningKey, options: TokenOptions = {}): Promise<string> {
  return signToken(key.privateKey, key.alg, key.kid, options);
}

/** The classic unsigned token: `alg: none` and an empty signature, built by hand. */
export function unsignedToken(alg = 'none', claims: Record<string, unknown> = {}): string {
  const now = nowSeconds();
  const header = base64url.encode(JSON.stringify({ alg, typ: 'JWT' }));
  const payload = base64url.encode(
    JSON.stringify({
      iss: ISSUER,
      aud: AUDIENCE,
      sub: 'user:alice',
      tenant: 'acme',
      exp: now + 300,
      ...claims,
    }),
  );
  return `${header}.${payload}.`;
}

export function headers(values: Record<string, string | undefined>): HeaderLookup {
  return (name) => values[name];
}

/** Headers of a well-formed call carrying `token`. */
export function callHeaders(token: string, extra: Record<string, string | undefined> = {}): HeaderLookup {
  return headers({ authorization: `Bearer ${token}`, 'x-palyra-device-id': DEVICE_ID, ...extra });
}

/**
 * Asserts a PERMISSION_DENIED rejection with exactly `message`, and that no part of the error a
 * caller or a log could see carries the credential.
 */
export async function assertDenied(
  promise: Promise<unknown>,
  message: string,
  secret?: string,
  code: PalyraError['code'] = 'PERMISSION_DENIED',
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof PalyraError, `expected PalyraError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.equal(error.message, message);
    if (secret !== undefined) {
      const visible = [
        error.message,
        error.stack ?? '',
        JSON.stringify(error.details),
        String(error.cause ?? ''),
      ];
      for (const text of visible) {
        assert.ok(!text.includes(secret), 'error must not carry the credential');
        // Any recognisable piece of a JWT (its signature) must not leak either.
        const signature = secret.split('.')[2];
        if (signature !== undefined && signature.length > 8) assert.ok(!text.includes(signature));
      }
    }
    return true;
  });
}

export const OVERSIZED_TOKEN = 'x'.repeat(MAX_BEARER_TOKEN_LENGTH + 1);
