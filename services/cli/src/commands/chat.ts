import type { RunEvent, RunOutcome, ToolApprovalRequestEvent } from '@palyra/client';
import { isCanonicalUlid, newId } from '@palyra/core';
import {
  approvalChoices,
  choicesHint,
  type DecisionScope,
  parseApprovalAnswer,
} from '../approval-choices.js';
import type { CliClient, CommandContext } from '../context.js';
import { formatError, usageError } from '../errors.js';
import { envValue, isInteractive } from '../io.js';
import { createPrompter, type Prompter } from '../prompter.js';
import { RunRenderer } from '../render.js';
import type { ConnectionFlags, ResolvedSettings } from '../settings.js';

export interface ChatOptions {
  readonly sessionKey?: string;
  readonly sessionId?: string;
  readonly newSession?: boolean;
  readonly resetSession?: boolean;
  readonly approveAll?: boolean;
  readonly allowSensitiveTools?: boolean;
  readonly quiet?: boolean;
  /**
   * Fallback only, for servers without the awaiting-input flag (original Palyra servers): quiet
   * time after a final chunk before the input is closed. Ours flag the answer, and the input
   * closes at once (RunHandle.halfCloseWhenAwaitingInput).
   */
  readonly answerSettleMs?: number;
}

export interface SessionSelection {
  readonly sessionId?: string;
  readonly sessionKey?: string;
  readonly requireExisting?: boolean;
}

/**
 * The session a chat uses. Without a selector the CLI keeps one conversation per principal and
 * device (`cli:<principal>@<device id>`), so consecutive `palyra chat` calls share context;
 * `--new-session` starts a fresh session under a new id (its key is the id).
 */
export function selectSession(options: ChatOptions, settings: ResolvedSettings): SessionSelection {
  const selectors = [options.sessionId, options.sessionKey, options.newSession ? 'new' : undefined].filter(
    (value) => value !== undefined,
  );
  if (selectors.length > 1) {
    throw usageError('use only one of --session-id, --session-key and --new-session');
  }
  if (options.newSession) return { sessionId: newId() };
  if (options.sessionId !== undefined) {
    if (!isCanonicalUlid(options.sessionId)) throw usageError('--session-id must be a canonical ULID');
    return { sessionId: options.sessionId };
  }
  if (options.sessionKey !== undefined) {
    if (options.sessionKey.trim() === '') throw usageError('--session-key must not be empty');
    return { sessionKey: options.sessionKey.trim() };
  }
  return { sessionKey: `cli:${settings.principal.value ?? ''}@${settings.deviceId.value ?? ''}` };
}

interface Decision {
  readonly approved: boolean;
  readonly reason: string;
  readonly scope: DecisionScope;
  readonly scopeTtlMs: number;
}

const DENIED_ONCE = { approved: false, scope: 'ONCE', scopeTtlMs: 0 } as const;

/** The proposal being asked about, and why its question ended early, if it did. */
interface OpenQuestion {
  readonly proposalId: string;
  withdrawn?: 'interrupted' | 'decided';
}

/**
 * Answers approval requests: --approve-all, the prompt's choices at a terminal (allow once, allow
 * for this session, deny), else a denial. A question is withdrawn when the approval is decided
 * elsewhere (another device, ApprovalsService, the server's timeout): nothing is sent then.
 */
class Approver {
  readonly #ctx: CommandContext;
  readonly #approveAll: boolean;
  readonly #interactive: boolean;
  readonly #prompter: () => Prompter;
  #asking: OpenQuestion | undefined;
  /** Proposals whose answer the server has echoed (proposal ids are unique ULIDs). */
  readonly #answered = new Set<string>();

  constructor(ctx: CommandContext, approveAll: boolean, prompter: () => Prompter) {
    this.#ctx = ctx;
    this.#approveAll = approveAll;
    this.#interactive = isInteractive(ctx.io);
    this.#prompter = prompter;
  }

  /** The decision to send, or undefined when there is nothing to send (decided elsewhere). */
  async decide(event: ToolApprovalRequestEvent, renderer: RunRenderer): Promise<Decision | undefined> {
    // Decided while the request waited in the queue behind an earlier question.
    if (this.#answered.has(event.proposalId)) return undefined;
    if (this.#approveAll) {
      renderer.notice(`[approval] approving ${event.toolName} once (--approve-all)`);
      return { approved: true, reason: 'approved by --approve-all', scope: 'ONCE', scopeTtlMs: 0 };
    }
    if (!this.#interactive) {
      renderer.notice(`[approval] denied ${event.toolName}: not an interactive terminal (use --approve-all)`);
      return { ...DENIED_ONCE, reason: 'denied: non-interactive CLI' };
    }
    const choices = approvalChoices(event.prompt);
    for (const choice of choices) {
      const text = choice.description === '' ? choice.label : `${choice.label}: ${choice.description}`;
      renderer.notice(`  [${choice.key}] ${text}`);
    }
    const question = `Allow ${event.toolName}? ${choicesHint(choices)} `;
    const asking: OpenQuestion = { proposalId: event.proposalId };
    this.#asking = asking;
    try {
      for (;;) {
        const answer = await this.#prompter().question(question, { fresh: true });
        if (asking.withdrawn === 'decided') return undefined;
        // End of input or Ctrl-C: no answer is a denial, as the server treats it.
        if (answer === undefined) return { ...DENIED_ONCE, reason: 'denied at the CLI prompt' };
        const choice = parseApprovalAnswer(answer, choices);
        if (choice === undefined) {
          renderer.notice(`answer ${choices.map((candidate) => candidate.key).join(', ')} (empty = no)`);
          continue;
        }
        return choice.approved
          ? {
              approved: true,
              reason: `approved at the CLI prompt (${choice.label})`,
              scope: choice.scope,
              scopeTtlMs: choice.scopeTtlMs,
            }
          : { ...DENIED_ONCE, reason: 'denied at the CLI prompt' };
      }
    } finally {
      this.#asking = undefined;
    }
  }

  /** The run's events while a question may be open: an answer from elsewhere withdraws it. */
  observe(event: RunEvent): void {
    if (event.type === 'tool_approval_response') this.#answered.add(event.proposalId);
    const asking = this.#asking;
    if (asking === undefined || asking.withdrawn !== undefined) return;
    const decidedElsewhere =
      event.type === 'tool_approval_response' && event.proposalId === asking.proposalId;
    if (!decidedElsewhere && !isTerminal(event)) return;
    asking.withdrawn = 'decided';
    this.#prompter().cancelQuestion();
    // The question's line has no newline yet; the echo or status is rendered after it.
    if (this.#ctx.io.stderr.isTTY === true) this.#ctx.io.stderr.write('\n');
  }

  /** Ctrl-C while asking: the pending question is answered "no". */
  abandonQuestion(): void {
    const asking = this.#asking;
    if (asking === undefined || asking.withdrawn !== undefined) return;
    asking.withdrawn = 'interrupted';
    this.#prompter().cancelQuestion();
  }

  get context(): CommandContext {
    return this.#ctx;
  }
}

interface TurnResult {
  readonly outcome: RunOutcome | undefined;
  readonly sessionId: string | undefined;
  readonly error: unknown;
}

/** One run: stream the answer, answer approvals, cancel on Ctrl-C (a second Ctrl-C detaches). */
function isTerminal(event: RunEvent): boolean {
  return event.type === 'status' && (event.kind === 'DONE' || event.kind === 'FAILED');
}

async function runTurn(
  client: CliClient,
  text: string,
  selection: SessionSelection,
  options: ChatOptions,
  approver: Approver,
): Promise<TurnResult> {
  const io = approver.context.io;
  const renderer = new RunRenderer(io, { quiet: options.quiet });
  let finished = false;
  const handle = client.openRun({
    text,
    ...selection,
    resetSession: options.resetSession,
    allowSensitiveTools: options.allowSensitiveTools,
    // Synchronous, ahead of the loop below (which waits while a question is open).
    onEvent: (event) => {
      if (isTerminal(event)) finished = true;
      approver.observe(event);
    },
  });
  // Our server flags the end of the answer (awaitingInput): the input closes at once. The settle
  // time (default 250 ms) only applies to servers that never set the flag.
  handle.halfCloseWhenAwaitingInput({ fallbackSettleMs: options.answerSettleMs });
  let cancelRequested = false;
  const unsubscribe = io.interrupts.subscribe(() => {
    if (cancelRequested) {
      handle.detach();
      return;
    }
    cancelRequested = true;
    approver.abandonQuestion();
    renderer.notice('cancelling…');
    handle.cancel().catch((error: unknown) => renderer.notice(formatError(error).trimEnd()));
  });
  try {
    for await (const event of handle) {
      renderer.render(event);
      // A request still queued when the run ended (e.g. cancelled elsewhere) needs no answer.
      if (event.type !== 'tool_approval_request' || finished) continue;
      // Sent even after Ctrl-C (the question then answers "no"), so the run never waits for it.
      const decision = await approver.decide(event, renderer);
      if (decision === undefined || handle.inputClosed) continue;
      try {
        handle.approve(
          event.proposalId,
          event.approvalId,
          decision.approved,
          decision.scope,
          decision.reason,
          decision.scopeTtlMs,
        );
      } catch (error) {
        // The run ended while we were asking; its terminal event follows.
        renderer.notice(formatError(error).trimEnd());
      }
    }
    const outcome = await handle.done;
    renderer.finish(outcome, cancelRequested);
    return { outcome, sessionId: handle.sessionId, error: undefined };
  } catch (error) {
    renderer.finish(undefined, cancelRequested);
    return { outcome: undefined, sessionId: handle.sessionId, error };
  } finally {
    unsubscribe();
  }
}

function nextSelection(current: SessionSelection, sessionId: string | undefined): SessionSelection {
  return sessionId === undefined ? current : { sessionId, requireExisting: true };
}

/** `palyra chat [message...]`: one run with the message, or the prompt loop without one. */
export async function runChat(
  ctx: CommandContext,
  words: readonly string[],
  options: ChatOptions,
  flags: ConnectionFlags,
): Promise<number> {
  const message = words.join(' ').trim();
  return ctx.withClient(flags, { requireToken: true }, async (client, settings) => {
    const selection = selectSession(options, settings);
    let prompter: Prompter | undefined;
    const getPrompter = (): Prompter => {
      prompter ??= createPrompter(ctx.io);
      return prompter;
    };
    const approver = new Approver(ctx, options.approveAll ?? false, getPrompter);
    try {
      if (message !== '') {
        const result = await runTurn(client, message, selection, options, approver);
        if (result.error !== undefined) throw result.error;
        return result.outcome?.status === 'DONE' ? 0 : 1;
      }
      return await promptLoop(ctx, client, selection, options, approver, getPrompter());
    } finally {
      prompter?.close();
    }
  });
}

/**
 * The interactive loop: one run per message, all in one session (the first run's session id is
 * pinned for the rest). One run per message rather than one long run with several inputs,
 * because a run has a wall-clock limit and tool budget, and Ctrl-C should cancel one answer,
 * not the whole conversation.
 */
async function promptLoop(
  ctx: CommandContext,
  client: CliClient,
  selection: SessionSelection,
  options: ChatOptions,
  approver: Approver,
  prompter: Prompter,
): Promise<number> {
  const debug = envValue(ctx.io, 'PALYRA_DEBUG') === '1';
  if (isInteractive(ctx.io)) {
    ctx.err(
      'palyra chat: one session, one run per message. Ctrl-C cancels an answer; Ctrl-C on an empty prompt, Ctrl-D or /exit quits.',
    );
  }
  let current = selection;
  let resetSession = options.resetSession;
  let exitCode = 0;
  for (;;) {
    const unsubscribe = ctx.io.interrupts.subscribe(() => {
      if (prompter.currentLine() === '') prompter.close();
      else prompter.clearLine();
    });
    const line = await prompter.question('> ');
    unsubscribe();
    if (line === undefined) break;
    const text = line.trim();
    if (text === '') continue;
    if (text === '/exit' || text === '/quit') break;
    const result = await runTurn(client, text, current, { ...options, resetSession }, approver);
    resetSession = false;
    current = nextSelection(current, result.sessionId);
    if (result.error !== undefined) {
      ctx.io.stderr.write(formatError(result.error, debug));
      exitCode = 1;
    } else {
      exitCode = result.outcome?.status === 'DONE' ? 0 : 1;
    }
  }
  // A person leaving the prompt ends normally; piped input reports how its last message went.
  return isInteractive(ctx.io) ? 0 : exitCode;
}
