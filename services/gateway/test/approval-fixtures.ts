import { type ApprovalPromptPayload, newId } from '@palyra/core';
import type { ApprovalRecord, NewApproval, Repositories, RunRecord } from '@palyra/journal';

/** A worker's prompt for a palyra.http.fetch call, with a one-off and a timeboxed option. */
export const PROMPT: ApprovalPromptPayload = {
  title: 'Allow palyra.http.fetch?',
  risk_level: 'HIGH',
  subject_id: 'palyra.http.fetch',
  summary: 'GET https://example.com/',
  options: [
    {
      option_id: 'allow_once',
      label: 'Allow once',
      description: 'Run this call only',
      default_selected: true,
      decision_scope: 'ONCE',
      timebox_ttl_ms: 0,
    },
    {
      option_id: 'allow_10m',
      label: 'Allow for 10 minutes',
      description: 'Later calls in this session run without asking',
      default_selected: false,
      decision_scope: 'TIMEBOXED',
      timebox_ttl_ms: 600_000,
    },
  ],
  timeout_seconds: 60,
  details_json: '{"url":"https://example.com/"}',
  policy_explanation: 'palyra.http.fetch requires approval',
};

/** An approval request as the worker records it (the worker creates them in production). */
export async function seedApproval(
  repositories: Pick<Repositories, 'approvals'>,
  run: RunRecord,
  overrides: Partial<NewApproval> = {},
): Promise<ApprovalRecord> {
  const { approval } = await repositories.approvals.create(run.tenantId, {
    approvalId: newId(),
    sessionId: run.sessionId,
    runId: run.runId,
    proposalId: newId(),
    principal: run.principal,
    deviceId: run.deviceId,
    channel: run.channel,
    subjectType: 'tool',
    subjectId: 'palyra.http.fetch',
    requestSummary: 'palyra.http.fetch GET https://example.com/',
    prompt: PROMPT,
    policyId: 'palyra.tool_policy',
    policyHash: 'ab'.repeat(32),
    policySummary: 'palyra.http.fetch is in the approval-required set',
    requestedAt: new Date(),
    expiresAt: new Date(Date.now() + 60_000),
    ...overrides,
  });
  return approval;
}
