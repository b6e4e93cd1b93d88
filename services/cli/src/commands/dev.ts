import { mintDevelopmentToken } from '@palyra/auth';
import { DEFAULT_TENANT_ID } from '@palyra/core';
import type { CommandContext } from '../context.js';
import { usageError } from '../errors.js';
import { envValue } from '../io.js';

export const DEFAULT_DEV_ISSUER = 'palyra-dev';
export const DEFAULT_DEV_AUDIENCE = 'palyra';

export interface DevTokenOptions {
  readonly secret?: string;
  readonly tenant?: string;
  readonly subject?: string;
  readonly issuer?: string;
  readonly audience?: string;
  readonly roles?: string;
  readonly ttl?: string;
}

/**
 * `palyra dev token`: an HS256 JWT that a gateway with the same PALYRA_JWT_SECRET, issuer and
 * audience accepts. Defaults follow the gateway's variables, so in a shell that has the
 * gateway's env only --subject is needed. Prints the token, and nothing else, on stdout.
 */
export async function devToken(ctx: CommandContext, options: DevTokenOptions): Promise<number> {
  const secret = options.secret ?? envValue(ctx.io, 'PALYRA_JWT_SECRET');
  if (secret === undefined) throw usageError('--secret is required (or set PALYRA_JWT_SECRET)');
  const subject = options.subject?.trim();
  if (subject === undefined || subject === '') throw usageError('--subject is required, e.g. user:alice');
  const audience = options.audience ?? envValue(ctx.io, 'PALYRA_JWT_AUDIENCE')?.split(',')[0]?.trim();
  let ttlSeconds: number | undefined;
  if (options.ttl !== undefined) {
    ttlSeconds = Number(options.ttl);
    if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0)
      throw usageError('--ttl must be a positive integer (seconds)');
  }
  const roles = options.roles
    ?.split(',')
    .map((role) => role.trim())
    .filter((role) => role !== '');
  const token = await mintDevelopmentToken({
    secret,
    tenant: options.tenant ?? envValue(ctx.io, 'PALYRA_TENANT') ?? DEFAULT_TENANT_ID,
    subject,
    issuer: options.issuer ?? envValue(ctx.io, 'PALYRA_JWT_ISSUER') ?? DEFAULT_DEV_ISSUER,
    audience: audience ?? DEFAULT_DEV_AUDIENCE,
    roles,
    ttlSeconds,
    tenantClaim: envValue(ctx.io, 'PALYRA_JWT_TENANT_CLAIM'),
  });
  ctx.out(token);
  return 0;
}
