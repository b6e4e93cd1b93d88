import type { PlannedToolCallPayload } from '@palyra/core';
import type { StoredJournalEvent } from '@palyra/journal';
import type { ModelMessage } from '@palyra/providers';
import {
  approvalResponseOf,
  inputText,
  modelTokenPayload,
  payloadRecord,
  reasonOf,
  statusOf,
  stringField,
} from './journal-payloads.js';

/** A client message the run must answer (a `message_received` event). */
export interface RunInput {
  readonly eventId: string;
  readonly chainSeq: number;
  readonly text: string;
  readonly recordedAtUs: number;
}

/** What happened to one tool call the model asked for, as journaled so far. */
export interface ToolCallState {
  readonly callId: string;
  readonly toolName: string;
  readonly argumentsJson: string;
  /** Set once `tool_proposed` is journaled. */
  proposalId: string | undefined;
  approvalRequired: boolean;
  /** Set once `tool_approval_requested` is journaled. */
  approvalRequest: { readonly approvalId: string; readonly payload: unknown } | undefined;
  /** Set once the `tool_approval_responded` echo is journaled. */
  approvalResponse: { readonly approved: boolean; readonly reason: string } | undefined;
  /** Set once `tool_decided` is journaled. */
  decision: { readonly kind: 'ALLOW' | 'DENY'; readonly reason: string } | undefined;
  /** Set once `tool_executed` is journaled. */
  result: { readonly success: boolean; readonly outputJson: string; readonly error: string } | undefined;
  attested: boolean;
}

/** One model turn: the chunks journaled for it so far, concatenated. */
export interface TurnState {
  readonly turn: number;
  readonly inReplyTo: string;
  text: string;
  /** A chunk with `is_final` was journaled: the turn is complete. */
  final: boolean;
  /** The tools the turn asked for (from its final chunk); empty for an answer. */
  toolCalls: ToolCallState[];
}

export type TerminalState = 'done' | 'failed' | 'cancelled';

/** Previous runs' conversation, as the model sees it: text only. */
export interface ConversationMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string;
}

/** The agent a run executes, as journaled on its IN_PROGRESS status. */
export interface RunAgentRef {
  readonly agentId: string;
  readonly configHash: string;
}

/**
 * What the journal says about a run, rebuilt on every delivery and kept current in memory while
 * the worker writes. Pure: no I/O.
 *
 * An input is answered when its latest turn is final and asked for no tools. A turn that asked
 * for tools is followed by the tools' events and then by another turn. "Latest" also matters when
 * a resumed turn could not reproduce its journaled prefix: the worker then closes the old turn
 * with an empty final chunk and answers in a new turn, so the old turn must not count.
 */
export class RunProgress {
  /** Highest run seq journaled. */
  lastSeq: number;
  /** Highest turn number journaled (0 before the first). */
  lastTurn = 0;
  hasInProgressStatus = false;
  agent: RunAgentRef | undefined;
  /** Set when a terminal event (`run_completed` / `run_failed`) is journaled. */
  terminal: TerminalState | undefined;
  /** Lowest chain seq seen among the run's events: the run's place in its session chain. */
  firstChainSeq: number | undefined;
  /** Highest chain seq among the inputs and signals read, for incremental re-reads. */
  lastInputChainSeq = 0;
  /** `tool_proposed` events journaled in the run (the per-run tool call limit counts these). */
  proposedToolCalls = 0;
  readonly #inputs: RunInput[] = [];
  readonly #inputIds = new Set<string>();
  /** Every turn per input event id, in turn order. */
  readonly #turns = new Map<string, TurnState[]>();
  readonly #byProposal = new Map<string, ToolCallState>();

  private constructor(lastSeq: number) {
    this.lastSeq = lastSeq;
  }

  /**
   * `events` are the run's stream events (with a seq) in seq order, `inputs` its events without a
   * seq in chain order; `lastSeq` is the run row's `last_seq` (the journal may be read partly).
   */
  static fromJournal(
    events: readonly StoredJournalEvent[],
    inputs: readonly StoredJournalEvent[],
    lastSeq = 0,
  ): RunProgress {
    const progress = new RunProgress(lastSeq);
    for (const event of events) progress.#applyStreamEvent(event);
    progress.addInputs(inputs);
    return progress;
  }

  /** Adds inputs read later (duplicates ignored). Returns how many new messages were added. */
  addInputs(events: readonly StoredJournalEvent[]): number {
    let added = 0;
    for (const event of events) {
      this.#noteChainSeq(event.chainSeq);
      this.lastInputChainSeq = Math.max(this.lastInputChainSeq, event.chainSeq);
      if (event.kind !== 'message_received' || this.#inputIds.has(event.eventId)) continue;
      this.#inputIds.add(event.eventId);
      this.#inputs.push({
        eventId: event.eventId,
        chainSeq: event.chainSeq,
        text: inputText(event),
        recordedAtUs: event.recordedAtUs,
      });
      added += 1;
    }
    if (added > 0) this.#inputs.sort((a, b) => a.chainSeq - b.chainSeq);
    return added;
  }

  get inputs(): readonly RunInput[] {
    return this.#inputs;
  }

  /** The first input, in chain order, that is not answered yet. */
  nextPendingInput(): RunInput | undefined {
    return this.#inputs.find((input) => !isAnswer(this.latestTurn(input.eventId)));
  }

  /** The latest turn replying to the input, if any. */
  latestTurn(inputId: string): TurnState | undefined {
    return this.#turns.get(inputId)?.at(-1);
  }

  /** How many turns the input has had (the per-input model turn limit counts these). */
  turnCount(inputId: string): number {
    return this.#turns.get(inputId)?.length ?? 0;
  }

  /** Starts a new turn answering `inputId`; it becomes the input's latest turn. */
  beginTurn(inputId: string): TurnState {
    this.lastTurn += 1;
    const turn: TurnState = {
      turn: this.lastTurn,
      inReplyTo: inputId,
      text: '',
      final: false,
      toolCalls: [],
    };
    this.#turnsOf(inputId).push(turn);
    return turn;
  }

  /** Records the tools a turn asked for as its final chunk is written. */
  planToolCalls(turn: TurnState, calls: readonly PlannedToolCallPayload[]): void {
    turn.toolCalls = calls.map(newToolCallState);
  }

  /** Records a `tool_proposed` written by this delivery. */
  noteProposed(call: ToolCallState, proposalId: string, approvalRequired: boolean): void {
    call.proposalId = proposalId;
    call.approvalRequired = approvalRequired;
    this.#byProposal.set(proposalId, call);
    this.proposedToolCalls += 1;
  }

  /**
   * The run's own conversation as the model sees it: each input, its tool turns with their results,
   * and its answer; up to and including `untilInputId` when given (without its unfinished turn).
   */
  conversation(untilInputId?: string): ModelMessage[] {
    const messages: ModelMessage[] = [];
    for (const input of this.#inputs) {
      messages.push({ role: 'user', content: input.text });
      const turns = this.#turns.get(input.eventId) ?? [];
      const last = turns.at(-1);
      for (const turn of turns) {
        if (!turn.final) continue;
        if (turn.toolCalls.length > 0) messages.push(...toolExchange(turn));
        else if (turn === last && input.eventId !== untilInputId) {
          messages.push({ role: 'assistant', content: turn.text });
        }
      }
      if (input.eventId === untilInputId) break;
    }
    return messages;
  }

  /** The run's inputs and final answers, text only (what later runs see as history). */
  transcript(): ConversationMessage[] {
    const messages: ConversationMessage[] = [];
    for (const input of this.#inputs) {
      messages.push({ role: 'user', content: input.text });
      const last = this.latestTurn(input.eventId);
      if (isAnswer(last)) messages.push({ role: 'assistant', content: last.text });
    }
    return messages;
  }

  #turnsOf(inputId: string): TurnState[] {
    let turns = this.#turns.get(inputId);
    if (turns === undefined) {
      turns = [];
      this.#turns.set(inputId, turns);
    }
    return turns;
  }

  #applyStreamEvent(event: StoredJournalEvent): void {
    this.#noteChainSeq(event.chainSeq);
    if (event.runSeq !== null) this.lastSeq = Math.max(this.lastSeq, event.runSeq);
    switch (event.kind) {
      case 'run_status':
        if (statusOf(event) === 'IN_PROGRESS') {
          this.hasInProgressStatus = true;
          const payload = payloadRecord(event);
          const agentId = stringField(payload, 'agent_id');
          const configHash = stringField(payload, 'agent_config_hash');
          if (agentId !== undefined && configHash !== undefined) this.agent = { agentId, configHash };
        }
        break;
      case 'model_token':
        this.#applyToken(event);
        break;
      case 'tool_proposed':
        this.#applyProposal(event);
        break;
      case 'tool_approval_requested': {
        const call = this.#callOf(event);
        const approvalId = stringField(payloadRecord(event), 'approval_id');
        if (call !== undefined && approvalId !== undefined) {
          call.approvalRequest = { approvalId, payload: event.payload };
        }
        break;
      }
      case 'tool_approval_responded': {
        const call = this.#callOf(event);
        const response = approvalResponseOf(event);
        if (call !== undefined && response !== undefined) call.approvalResponse = response;
        break;
      }
      case 'tool_decided': {
        const call = this.#callOf(event);
        const payload = payloadRecord(event);
        const kind = stringField(payload, 'kind');
        if (call !== undefined && (kind === 'ALLOW' || kind === 'DENY')) {
          call.decision = { kind, reason: stringField(payload, 'reason') ?? '' };
        }
        break;
      }
      case 'tool_executed': {
        const call = this.#callOf(event);
        const payload = payloadRecord(event);
        if (call !== undefined) {
          call.result = {
            success: payload?.success === true,
            outputJson: stringField(payload, 'output_json') ?? '',
            error: stringField(payload, 'error') ?? '',
          };
        }
        break;
      }
      case 'tool_attested': {
        const call = this.#callOf(event);
        if (call !== undefined) call.attested = true;
        break;
      }
      case 'run_completed':
        this.terminal = 'done';
        break;
      case 'run_failed':
        this.terminal = reasonOf(event) === 'cancelled' ? 'cancelled' : 'failed';
        break;
      default:
        break;
    }
  }

  #applyToken(event: StoredJournalEvent): void {
    const payload = modelTokenPayload(event);
    if (payload === undefined) return;
    this.lastTurn = Math.max(this.lastTurn, payload.turn);
    const turns = this.#turnsOf(payload.in_reply_to);
    let current = turns.at(-1);
    if (current === undefined || payload.turn > current.turn) {
      current = { turn: payload.turn, inReplyTo: payload.in_reply_to, text: '', final: false, toolCalls: [] };
      turns.push(current);
    } else if (payload.turn !== current.turn) {
      return; // an older turn's chunk after a newer one: not written by this worker
    }
    current.text += payload.text;
    if (payload.is_final && !current.final) {
      current.final = true;
      current.toolCalls = (payload.tool_calls ?? []).map(newToolCallState);
    }
  }

  #applyProposal(event: StoredJournalEvent): void {
    const payload = payloadRecord(event);
    const proposalId = stringField(payload, 'proposal_id');
    const callId = stringField(payload, 'call_id');
    const turnNumber = payload?.turn;
    if (proposalId === undefined || callId === undefined || typeof turnNumber !== 'number') return;
    this.proposedToolCalls += 1;
    for (const turns of this.#turns.values()) {
      const turn = turns.find((candidate) => candidate.turn === turnNumber);
      const call = turn?.toolCalls.find((candidate) => candidate.callId === callId);
      if (call === undefined) continue;
      call.proposalId = proposalId;
      call.approvalRequired = payload?.approval_required === true;
      this.#byProposal.set(proposalId, call);
      return;
    }
  }

  #callOf(event: StoredJournalEvent): ToolCallState | undefined {
    const proposalId = stringField(payloadRecord(event), 'proposal_id');
    return proposalId === undefined ? undefined : this.#byProposal.get(proposalId);
  }

  #noteChainSeq(chainSeq: number): void {
    if (this.firstChainSeq === undefined || chainSeq < this.firstChainSeq) this.firstChainSeq = chainSeq;
  }
}

/** A final turn that asked for no tools: the input's answer. */
function isAnswer(turn: TurnState | undefined): turn is TurnState {
  return turn?.final === true && turn.toolCalls.length === 0;
}

function newToolCallState(call: PlannedToolCallPayload): ToolCallState {
  return {
    callId: call.call_id,
    toolName: call.tool_name,
    argumentsJson: call.arguments_json,
    proposalId: undefined,
    approvalRequired: false,
    approvalRequest: undefined,
    approvalResponse: undefined,
    decision: undefined,
    result: undefined,
    attested: false,
  };
}

/** A tool turn as the model sees it: its text with the calls, then one result per call. */
function toolExchange(turn: TurnState): ModelMessage[] {
  const messages: ModelMessage[] = [
    {
      role: 'assistant',
      content: turn.text,
      toolCalls: turn.toolCalls.map((call) => ({
        id: call.callId,
        name: call.toolName,
        argumentsJson: call.argumentsJson,
      })),
    },
  ];
  for (const call of turn.toolCalls) {
    messages.push({
      role: 'tool',
      toolCallId: call.callId,
      toolName: call.toolName,
      ...toolResultContent(call),
    });
  }
  return messages;
}

/** What the model is told about a call: its output, or why it did not run. */
export function toolResultContent(call: ToolCallState): { content: string; isError: boolean } {
  if (call.result?.success === true) return { content: call.result.outputJson, isError: false };
  if (call.decision?.kind === 'DENY') return { content: `denied: ${call.decision.reason}`, isError: true };
  const error = call.result?.error ?? 'the tool did not run';
  return { content: `error: ${error}`, isError: true };
}
