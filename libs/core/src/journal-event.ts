/**
 * What the journal records. Kinds are finer than Palyra's `JournalEvent.EventKind`, so the journal
 * alone can replay a RunStream; `PALYRA_EVENT_KIND_OF` maps each onto the wire enum.
 */
/** The kinds of a tool call's life, in the order they happen (approval only when required). */
export const TOOL_EVENT_KINDS = [
  'tool_proposed',
  'tool_approval_requested',
  'tool_approval_responded',
  'tool_decided',
  'tool_executed',
  'tool_attested',
] as const;

export const JOURNAL_EVENT_KINDS = [
  'message_received',
  'run_status',
  'model_token',
  ...TOOL_EVENT_KINDS,
  'a2ui_updated',
  'usage_recorded',
  'run_completed',
  'run_failed',
  'run_cancel_requested',
  'client_event',
] as const;
export type JournalEventKind = (typeof JOURNAL_EVENT_KINDS)[number];

export const EVENT_ACTORS = ['user', 'agent', 'system', 'plugin'] as const;
export type EventActor = (typeof EVENT_ACTORS)[number];

export type PalyraEventKind =
  | 'EVENT_KIND_MESSAGE_RECEIVED'
  | 'EVENT_KIND_MODEL_TOKEN'
  | 'EVENT_KIND_TOOL_PROPOSED'
  | 'EVENT_KIND_TOOL_EXECUTED'
  | 'EVENT_KIND_A2UI_UPDATED'
  | 'EVENT_KIND_RUN_COMPLETED'
  | 'EVENT_KIND_RUN_FAILED'
  | 'EVENT_KIND_UNSPECIFIED';

export const PALYRA_EVENT_KIND_OF: Readonly<Record<JournalEventKind, PalyraEventKind>> = {
  message_received: 'EVENT_KIND_MESSAGE_RECEIVED',
  run_status: 'EVENT_KIND_UNSPECIFIED',
  model_token: 'EVENT_KIND_MODEL_TOKEN',
  tool_proposed: 'EVENT_KIND_TOOL_PROPOSED',
  tool_approval_requested: 'EVENT_KIND_TOOL_PROPOSED',
  tool_approval_responded: 'EVENT_KIND_TOOL_PROPOSED',
  tool_decided: 'EVENT_KIND_TOOL_PROPOSED',
  tool_executed: 'EVENT_KIND_TOOL_EXECUTED',
  tool_attested: 'EVENT_KIND_TOOL_EXECUTED',
  a2ui_updated: 'EVENT_KIND_A2UI_UPDATED',
  usage_recorded: 'EVENT_KIND_UNSPECIFIED',
  run_completed: 'EVENT_KIND_RUN_COMPLETED',
  run_failed: 'EVENT_KIND_RUN_FAILED',
  run_cancel_requested: 'EVENT_KIND_RUN_FAILED',
  client_event: 'EVENT_KIND_UNSPECIFIED',
};

export function isJournalEventKind(value: string): value is JournalEventKind {
  return (JOURNAL_EVENT_KINDS as readonly string[]).includes(value);
}

/**
 * One event of a run's stream as it travels from the orchestrator to gateways: the journaled
 * record, already durable. `seq` is the per-run sequence (1-based) clients resume from.
 */
export interface RunEventRecord {
  readonly tenantId: string;
  readonly sessionId: string;
  readonly runId: string;
  readonly seq: number;
  readonly eventId: string;
  readonly kind: JournalEventKind;
  readonly actor: EventActor;
  readonly payload: unknown;
  readonly timestampUnixMs: number;
}
