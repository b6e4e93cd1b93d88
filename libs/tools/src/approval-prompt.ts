import {
  type ApprovalOptionPayload,
  type ApprovalPromptPayload,
  canonicalJson,
  redactString,
} from '@palyra/core';
import { cutText } from './output-limit.js';
import type { PolicyDecision } from './policy.js';
import { redactArguments } from './redact-url.js';
import type { ToolDefinition } from './tool-definition.js';

/** Option ids a client answers with (ToolApprovalResponse carries the scope, these name the choice). */
export const APPROVAL_OPTION_IDS = {
  allowOnce: 'allow_once',
  allowSession: 'allow_session',
  deny: 'deny',
} as const;

const SUMMARY_MAX_CHARS = 300;

export interface ApprovalPromptResult {
  readonly prompt: ApprovalPromptPayload;
  /** One line for ToolApprovalRequest.request_summary and the approval record. */
  readonly requestSummary: string;
}

const OPTIONS: readonly ApprovalOptionPayload[] = [
  {
    option_id: APPROVAL_OPTION_IDS.allowOnce,
    label: 'Allow once',
    description: 'Run this call; ask again next time',
    default_selected: false,
    decision_scope: 'ONCE',
    timebox_ttl_ms: 0,
  },
  {
    option_id: APPROVAL_OPTION_IDS.allowSession,
    label: 'Allow for this session',
    description: 'Run this call and further calls of this tool in this session without asking',
    default_selected: false,
    decision_scope: 'SESSION',
    timebox_ttl_ms: 0,
  },
  {
    option_id: APPROVAL_OPTION_IDS.deny,
    label: 'Deny',
    description: 'Do not run this call; the model is told it was denied',
    // No answer means no (timeout and half-close deny), so the preselected choice is the same.
    default_selected: true,
    decision_scope: 'ONCE',
    timebox_ttl_ms: 0,
  },
];

/**
 * The prompt of a `tool_approval_request` and its one-line summary. Arguments are redacted
 * (header values under sensitive names, bearer tokens, keys) before they appear in either:
 * the prompt is journaled and shown to whoever answers, possibly on another device.
 */
export function approvalPrompt(
  tool: ToolDefinition | undefined,
  call: { readonly name: string; readonly argumentsJson: string },
  decision: Extract<PolicyDecision, { kind: 'ask' }>,
  timeoutMs: number,
): ApprovalPromptResult {
  const redactedInput = redactArguments(decision.input);
  const described = tool?.describeCall?.(redactedInput) ?? canonicalJson(redactedInput);
  const action = cutText(redactString(described).value, SUMMARY_MAX_CHARS);
  const summary = `${call.name}: ${action}`;
  const details = {
    tool_name: call.name,
    description: tool?.description ?? '',
    arguments: redactedInput,
    risk_level: decision.riskLevel,
    sensitive: tool?.sensitive ?? true,
  };
  return {
    prompt: {
      title: `Allow ${call.name}?`,
      risk_level: decision.riskLevel,
      subject_id: call.name,
      summary,
      options: OPTIONS,
      timeout_seconds: Math.max(1, Math.ceil(timeoutMs / 1000)),
      details_json: canonicalJson(details),
      policy_explanation: decision.reason,
    },
    requestSummary: `${summary} (risk ${decision.riskLevel})`,
  };
}
