import { PalyraError } from '@palyra/core';

/**
 * Every authentication failure is PERMISSION_DENIED (Palyra v1 behaviour). Messages name what is
 * wrong and never carry the credential, so callers and logs can show them as they are.
 */
export function permissionDenied(message: string): PalyraError {
  return new PalyraError('PERMISSION_DENIED', message);
}
