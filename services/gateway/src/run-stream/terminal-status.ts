import { ERROR_CODE_TRAITS, ERROR_CODES, type ErrorCode, GrpcStatus } from '@palyra/core';
import { type CallStatus, callStatus } from '../grpc/grpc-status.js';

/** The `reason` of a run_failed that is a cancel: the stream still ends OK. */
export const CANCELLED_REASON = 'cancelled';

export interface TerminalOutcome {
  readonly outcome: 'done' | 'failed' | 'cancelled';
  /** How the call ends after the terminal status event. */
  readonly status: CallStatus;
}

const OK = callStatus(GrpcStatus.OK, 'OK');

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/**
 * run_completed -> OK; run_failed with reason `cancelled` -> OK; any other run_failed -> the gRPC
 * status of its PalyraError `code` with its message (UNKNOWN when the worker gave no known code).
 */
export function terminalOutcome(kind: 'run_completed' | 'run_failed', payload: unknown): TerminalOutcome {
  if (kind === 'run_completed') return { outcome: 'done', status: OK };
  const fields = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
  if (fields.reason === CANCELLED_REASON) return { outcome: 'cancelled', status: OK };
  const message = typeof fields.message === 'string' && fields.message !== '' ? fields.message : 'run failed';
  const grpc = isErrorCode(fields.code) ? ERROR_CODE_TRAITS[fields.code].grpc : GrpcStatus.UNKNOWN;
  return { outcome: 'failed', status: callStatus(grpc, message) };
}
