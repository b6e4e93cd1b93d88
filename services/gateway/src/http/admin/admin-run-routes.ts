import { PalyraError } from '@palyra/core';
import { Type } from 'typebox';
import { requestRunCancel } from '../../run-stream/run-signals.js';
import { NOT_BLANK_PATTERN } from '../error-envelope.js';
import type { HttpRoutes } from '../http-context.js';
import { ADMIN_TAGS, type AdminContext, adminPath, OPERATOR_ONLY } from './admin-context.js';
import { TenantId } from './admin-schemas.js';

/** Recorded as the run's `cancel_requested_by` and in the journal's run_cancel_requested event. */
export const OPERATOR_REQUESTER = 'operator';
export const OPERATOR_CANCEL_REASON = 'cancelled by operator';

const ULID_PATTERN = '^[0-7][0-9A-HJKMNP-TV-Z]{25}$';

const CancelBody = Type.Object(
  {
    tenant_id: TenantId,
    reason: Type.Optional(
      Type.String({
        maxLength: 1024,
        pattern: NOT_BLANK_PATTERN,
        description: `default "${OPERATOR_CANCEL_REASON}"`,
      }),
    ),
  },
  { additionalProperties: false },
);

const CancelledRunSchema = Type.Object({
  tenant_id: TenantId,
  run_id: Type.String(),
  session_id: Type.String(),
  state: Type.String({ description: 'the run state when the request was recorded' }),
  cancel_requested: Type.Boolean({ description: 'false when the run had already finished' }),
  cancel_reason: Type.Union([Type.String(), Type.Null()]),
  cancel_requested_by: Type.Union([Type.String(), Type.Null()]),
});

/** `POST /admin/v1/runs/{run_id}/cancel`: any tenant's run, as AbortRun does for a tenant. */
export function adminRunRoutes(context: AdminContext): HttpRoutes {
  const { runs, journal } = context.repositories;
  const signals = { runs, journal, control: context.control };
  return (app) => {
    app.post(
      adminPath('/runs/:run_id/cancel'),
      {
        config: OPERATOR_ONLY,
        schema: {
          summary: 'Request that a run be cancelled',
          description:
            'Sets the durable cancel flag (the first request wins), journals it with requested_by ' +
            '`operator`, and wakes the worker, which ends the run as cancelled at its next step. A ' +
            'finished run is returned unchanged with cancel_requested false.',
          tags: [ADMIN_TAGS.runs],
          params: Type.Object(
            { run_id: Type.String({ pattern: ULID_PATTERN }) },
            { additionalProperties: false },
          ),
          body: CancelBody,
          response: { 202: CancelledRunSchema },
        },
      },
      async (request, reply) => {
        const { run_id: runId } = request.params;
        const { tenant_id: tenantId, reason } = request.body;
        const run = await runs.get(tenantId, runId);
        if (run === null) {
          throw new PalyraError('RUN_NOT_FOUND', `run ${runId} not found in tenant ${tenantId}`, {
            details: { tenantId, runId },
          });
        }
        const updated = await requestRunCancel(
          signals,
          run,
          reason?.trim() ?? OPERATOR_CANCEL_REASON,
          OPERATOR_REQUESTER,
        );
        return reply.status(202).send({
          tenant_id: updated.tenantId,
          run_id: updated.runId,
          session_id: updated.sessionId,
          state: updated.state,
          cancel_requested: updated.cancelRequested,
          cancel_reason: updated.cancelReason,
          cancel_requested_by: updated.cancelRequestedBy,
        });
      },
    );
  };
}
