import type { CallerContext } from '@palyra/auth';
import { PalyraError } from '@palyra/core';
import type { RunRecord, RunRepository } from '@palyra/journal';

export const RUN_NOT_FOUND_MESSAGE = 'run not found';

export function runNotFound(runId: string): PalyraError {
  return new PalyraError('RUN_NOT_FOUND', RUN_NOT_FOUND_MESSAGE, { details: { runId } });
}

/**
 * The run, if the caller may see it: its own principal's, or any of its tenant's for a tenant
 * admin. Another principal's run reads as unknown (RUN_NOT_FOUND), so ids reveal nothing.
 */
export async function findVisibleRun(
  runs: Pick<RunRepository, 'get'>,
  caller: CallerContext,
  runId: string,
): Promise<RunRecord> {
  const run = await runs.get(caller.tenantId, runId);
  if (run === null || (run.principal !== caller.principal && !caller.isAdmin)) throw runNotFound(runId);
  return run;
}
