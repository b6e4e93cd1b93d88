import type { RunQueue } from '@palyra/bus';
import type { Logger } from '@palyra/core';
import type { Repositories } from '@palyra/journal';

/**
 * The in-process bus forgets its queue when the process stops, while the database remembers every
 * run. At start, every unfinished run goes back on the queue; the worker continues it from the
 * journal exactly as it would a redelivery. Returns how many runs were re-enqueued.
 */
export async function requeueUnfinishedRuns(
  repositories: Pick<Repositories, 'tenants' | 'runs'>,
  runQueue: RunQueue,
  logger: Logger,
): Promise<number> {
  let requeued = 0;
  let tenantCursor: string | undefined;
  do {
    const tenants = await repositories.tenants.list(
      tenantCursor === undefined ? {} : { cursor: tenantCursor },
    );
    for (const tenant of tenants.items) {
      let runCursor: string | null = null;
      do {
        const runs = await repositories.runs.listUnfinished(tenant.tenantId, { cursor: runCursor });
        for (const run of runs.items) {
          await runQueue.enqueue({ tenantId: run.tenantId, sessionId: run.sessionId, runId: run.runId });
          requeued += 1;
        }
        runCursor = runs.nextCursor;
      } while (runCursor !== null);
    }
    tenantCursor = tenants.nextCursor ?? undefined;
  } while (tenantCursor !== undefined);
  if (requeued > 0) logger.info({ requeued }, 'unfinished runs requeued');
  return requeued;
}
