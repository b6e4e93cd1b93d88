import type { status as GrpcStatusEnum } from '@grpc/grpc-js';
import { ERROR_CODE_TRAITS, GrpcStatus, type GrpcStatusCode, isPalyraError } from '@palyra/core';
import type { LogFields, Logger } from '@palyra/telemetry';

/** What grpc-js takes to end a call: a unary callback's error or a stream's 'error' event. */
export interface CallStatus {
  readonly code: GrpcStatusEnum;
  readonly details: string;
}

/** Wire code -> name, for metric labels (`code="NOT_FOUND"`): a closed set of 17. */
export const GRPC_STATUS_NAMES: Readonly<Record<number, string>> = Object.freeze(
  Object.fromEntries(Object.entries(GrpcStatus).map(([name, code]) => [code, name])),
);

export function statusName(code: number): string {
  return GRPC_STATUS_NAMES[code] ?? 'UNKNOWN';
}

export function callStatus(code: GrpcStatusCode, details: string): CallStatus {
  // grpc-js's `status` enum has the same numeric values as core's GrpcStatus.
  return { code: code as number as GrpcStatusEnum, details };
}

export const INTERNAL_ERROR_DETAILS = 'internal error';

/**
 * The gateway's one error mapping: a PalyraError becomes its code's gRPC status with its message
 * (messages are written to be shown to callers); anything else is logged once with its stack and
 * becomes INTERNAL 'internal error', so no internals leak. Server-side PalyraErrors (category
 * `server`) are logged too: the caller cannot fix them.
 */
export function toCallStatus(error: unknown, logger: Logger, fields: LogFields): CallStatus {
  if (isPalyraError(error)) {
    const traits = ERROR_CODE_TRAITS[error.code];
    if (traits.category === 'server') logger.error({ ...fields, err: error }, 'call failed');
    return callStatus(traits.grpc, error.message);
  }
  logger.error({ ...fields, err: error }, 'call failed with an unexpected error');
  return callStatus(GrpcStatus.INTERNAL, INTERNAL_ERROR_DETAILS);
}
