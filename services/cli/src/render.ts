import type {
  RunEvent,
  RunOutcome,
  ToolApprovalRequestEvent,
  ToolApprovalResponseEvent,
} from '@palyra/client';
import { CANCELLED_BY_REQUEST } from '@palyra/core';
import type { CliIo } from './io.js';

export interface RenderOptions {
  /** Hide ACCEPTED / IN_PROGRESS / DONE lines (failures, tools and approvals still show). */
  readonly quiet?: boolean;
}

const TOOL_TEXT_LIMIT = 200;

function clip(text: string, limit = TOOL_TEXT_LIMIT): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= limit ? flat : `${flat.slice(0, limit - 1)}…`;
}

/**
 * Streams a run to the terminal: answer tokens go to stdout exactly as received (concatenating
 * them reproduces the answer, so nothing is added between chunks); everything else (status,
 * tools, approvals, notices) goes to stderr, so `palyra chat "..." > answer.txt` captures only
 * the answer.
 */
export class RunRenderer {
  readonly #io: CliIo;
  readonly #quiet: boolean;
  readonly #toolNames = new Map<string, string>();
  /** stdout holds a partial line (the answer so far did not end with a newline). */
  #midLine = false;
  #wroteAnswer = false;

  constructor(io: CliIo, options: RenderOptions = {}) {
    this.#io = io;
    this.#quiet = options.quiet ?? false;
  }

  render(event: RunEvent): void {
    switch (event.type) {
      case 'token':
        if (event.text === '') return;
        this.#io.stdout.write(event.text);
        this.#wroteAnswer = true;
        this.#midLine = !event.text.endsWith('\n');
        return;
      case 'status':
        // A cancel is reported once, as `cancelled`, by finish().
        if (event.kind === 'FAILED' && event.message === CANCELLED_BY_REQUEST) return;
        if (event.kind === 'FAILED' || !this.#quiet) {
          this.notice(event.message === '' ? `[${event.kind}]` : `[${event.kind}] ${event.message}`);
        }
        return;
      case 'tool_proposal':
        this.#toolNames.set(event.proposalId, event.toolName);
        this.notice(`[tool] ${event.toolName} proposed ${clip(event.inputJson)}`);
        return;
      case 'tool_approval_request':
        this.#toolNames.set(event.proposalId, event.toolName);
        this.notice(approvalSummary(event));
        return;
      case 'tool_approval_response':
        this.notice(`[approval] ${approvalOutcome(event)}${event.reason ? `: ${event.reason}` : ''}`);
        return;
      case 'tool_decision':
        this.notice(
          `[tool] ${this.#toolName(event.proposalId)} ${event.decision}${event.reason ? `: ${event.reason}` : ''}`,
        );
        return;
      case 'tool_result':
        this.notice(
          event.success
            ? `[tool] ${this.#toolName(event.proposalId)} ok ${clip(event.outputJson)}`
            : `[tool] ${this.#toolName(event.proposalId)} failed: ${clip(event.error || event.outputJson)}`,
        );
        return;
      case 'tool_attestation':
        if (!this.#quiet) {
          this.notice(`[tool] ${this.#toolName(event.proposalId)} attested sha256=${event.executionSha256}`);
        }
        return;
      case 'journal_event':
      case 'a2ui_update':
        return;
    }
  }

  /** Ends the answer with a newline (if it has none) and reports a cancelled run. */
  finish(outcome: RunOutcome | undefined, cancelRequested: boolean): void {
    if (this.#wroteAnswer && this.#midLine) {
      this.#io.stdout.write('\n');
      this.#midLine = false;
    }
    if (outcome?.status === 'FAILED' && (cancelRequested || outcome.message === CANCELLED_BY_REQUEST)) {
      this.notice('cancelled');
    }
  }

  /** A line on stderr. On a terminal, first ends the answer's partial line so they do not mix. */
  notice(line: string): void {
    if (this.#midLine && this.#io.stdout.isTTY === true && this.#io.stderr.isTTY === true) {
      this.#io.stdout.write('\n');
      this.#midLine = false;
    }
    this.#io.stderr.write(`${line}\n`);
  }

  #toolName(proposalId: string): string {
    return this.#toolNames.get(proposalId) ?? 'tool';
  }
}

/** What a person needs to decide: tool, risk, the prompt's title and summary, input, policy, time. */
export function approvalSummary(event: ToolApprovalRequestEvent): string {
  const prompt = event.prompt;
  const risk = prompt?.riskLevel ?? 'UNSPECIFIED';
  const lines = [`[approval] ${event.toolName} needs approval (risk ${risk})`];
  if (prompt?.title) lines.push(`  ${clip(prompt.title)}`);
  const summary = prompt?.summary || event.requestSummary;
  if (summary) lines.push(`  ${clip(summary)}`);
  lines.push(`  input: ${clip(event.inputJson || '{}', 1000)}`);
  if (prompt?.policyExplanation) lines.push(`  policy: ${clip(prompt.policyExplanation)}`);
  if (prompt !== undefined && prompt.timeoutSeconds > 0) {
    lines.push(`  no answer within ${prompt.timeoutSeconds} s denies it`);
  }
  return lines.join('\n');
}

function approvalOutcome(event: ToolApprovalResponseEvent): string {
  if (!event.approved) return 'denied';
  switch (event.scope) {
    case 'SESSION':
      return 'approved for this session';
    case 'TIMEBOXED':
      return `approved for ${Math.round(event.scopeTtlMs / 1000)} s`;
    default:
      return 'approved';
  }
}
