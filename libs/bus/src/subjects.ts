import { invalidArgument, isTenantId } from '@palyra/core';

// Run ids are ULIDs in practice; the bus only insists on a single safe subject token so a
// malformed id can never widen a subscription (`.`, `*`, `>` and whitespace are excluded).
const SUBJECT_TOKEN = /^[A-Za-z0-9_-]{1,128}$/;

/** Throws INVALID_ARGUMENT unless the tenant id can be used as one subject token. */
export function requireTenantToken(tenantId: string): string {
  if (!isTenantId(tenantId)) throw invalidArgument('tenant_id', 'tenant_id is not a valid tenant id');
  return tenantId;
}

/** Throws INVALID_ARGUMENT unless the value is a single safe subject token. */
export function requireSubjectToken(value: string, field: string): string {
  if (!SUBJECT_TOKEN.test(value)) throw invalidArgument(field, `${field} is not a valid identifier`);
  return value;
}

/**
 * Subject names under one root (the lower-cased prefix, `palyra` in production). Every subject
 * carries the tenant; per-run subjects also carry the run id.
 */
export interface Subjects {
  readonly root: string;
  /** `<root>.runs.<tenant>`: the RUNS work queue. */
  runs(tenantId: string): string;
  /** `<root>.runs.*`: everything the RUNS stream captures. */
  readonly allRuns: string;
  /** `<root>.runs_dlq.<tenant>`: dead letters. */
  runsDeadLetter(tenantId: string): string;
  readonly allRunsDeadLetter: string;
  /** `<root>.run.<tenant>.<run>.events`: live fan-out of journaled events (core NATS). */
  runEvents(tenantId: string, runId: string): string;
  /** `<root>.run.<tenant>.<run>.control`: signals to the worker holding the run (core NATS). */
  runControl(tenantId: string, runId: string): string;
}

export function createSubjects(root: string): Subjects {
  const runToken = (tenantId: string, runId: string): string =>
    `${requireTenantToken(tenantId)}.${requireSubjectToken(runId, 'run_id')}`;
  return {
    root,
    runs: (tenantId) => `${root}.runs.${requireTenantToken(tenantId)}`,
    allRuns: `${root}.runs.*`,
    runsDeadLetter: (tenantId) => `${root}.runs_dlq.${requireTenantToken(tenantId)}`,
    allRunsDeadLetter: `${root}.runs_dlq.*`,
    runEvents: (tenantId, runId) => `${root}.run.${runToken(tenantId, runId)}.events`,
    runControl: (tenantId, runId) => `${root}.run.${runToken(tenantId, runId)}.control`,
  };
}
