import { RUN_STATES } from '@palyra/core';
import type { RunRecord } from '@palyra/journal';
import Type, { type Static } from 'typebox';
import { Ulid, UnixMs } from './console-schemas.js';

const OptionalTime = Type.Union([UnixMs, Type.Null()]);

export const RunJsonSchema = Type.Object({
  run_id: Ulid,
  session_id: Ulid,
  principal: Type.String(),
  state: Type.Enum(RUN_STATES),
  /** The highest seq journaled so far: the events a stream of this run has to send. */
  last_seq: Type.Integer({ minimum: 0 }),
  cancel_requested: Type.Boolean(),
  cancel_reason: Type.Union([Type.String(), Type.Null()]),
  failure_reason: Type.Union([Type.String(), Type.Null()]),
  created_at_unix_ms: UnixMs,
  updated_at_unix_ms: UnixMs,
  started_at_unix_ms: OptionalTime,
  finished_at_unix_ms: OptionalTime,
  /** When the client's input was closed: the run ends after its current turn. */
  input_closed_at_unix_ms: OptionalTime,
  usage: Type.Object({
    prompt_tokens: Type.Integer({ minimum: 0 }),
    completion_tokens: Type.Integer({ minimum: 0 }),
    model_calls: Type.Integer({ minimum: 0 }),
  }),
});
export type RunJson = Static<typeof RunJsonSchema>;

function time(value: Date | null): number | null {
  return value === null ? null : value.getTime();
}

export function toRunJson(run: RunRecord): RunJson {
  return {
    run_id: run.runId,
    session_id: run.sessionId,
    principal: run.principal,
    state: run.state,
    last_seq: run.lastSeq,
    cancel_requested: run.cancelRequested,
    cancel_reason: run.cancelReason,
    failure_reason: run.failureReason,
    created_at_unix_ms: run.createdAt.getTime(),
    updated_at_unix_ms: run.updatedAt.getTime(),
    started_at_unix_ms: time(run.startedAt),
    finished_at_unix_ms: time(run.finishedAt),
    input_closed_at_unix_ms: time(run.inputClosedAt),
    usage: {
      prompt_tokens: run.promptTokens,
      completion_tokens: run.completionTokens,
      model_calls: run.modelCalls,
    },
  };
}
