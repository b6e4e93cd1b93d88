/**
 * The closed list of error codes. Every edge (gRPC, HTTP, worker retry policy) maps each code
 * exactly once through a `Record<ErrorCode, ...>`, so a new code does not compile until mapped.
 */
export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'UNSUPPORTED_VERSION',
  'UNAUTHENTICATED',
  'PERMISSION_DENIED',
  'NOT_FOUND',
  'RUN_NOT_FOUND',
  'SESSION_NOT_FOUND',
  'ALREADY_EXISTS',
  'FAILED_PRECONDITION',
  'SESSION_IDENTITY_MISMATCH',
  'INVALID_STATE_TRANSITION',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'BUDGET_EXCEEDED',
  'RESOURCE_EXHAUSTED',
  'CANCELLED',
  'DEADLINE_EXCEEDED',
  'UNAVAILABLE',
  'UPSTREAM_UNAUTHENTICATED',
  'UPSTREAM_QUOTA_EXCEEDED',
  'CONTEXT_TOO_LONG',
  'CONTENT_POLICY',
  'SCHEMA_BEHIND',
  'CONFIG_INVALID',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Numeric gRPC status codes (the wire values); core stays free of @grpc/grpc-js. */
export const GrpcStatus = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;
export type GrpcStatusCode = (typeof GrpcStatus)[keyof typeof GrpcStatus];

export type ErrorCategory = 'client' | 'auth' | 'conflict' | 'limit' | 'transient' | 'server';

interface CodeTraits {
  readonly grpc: GrpcStatusCode;
  readonly http: number;
  readonly category: ErrorCategory;
  /** Whether retrying the same request later can succeed (drives NAK-with-delay vs TERM). */
  readonly retryable: boolean;
}

export const ERROR_CODE_TRAITS: Readonly<Record<ErrorCode, CodeTraits>> = {
  INVALID_ARGUMENT: { grpc: GrpcStatus.INVALID_ARGUMENT, http: 400, category: 'client', retryable: false },
  UNSUPPORTED_VERSION: {
    grpc: GrpcStatus.FAILED_PRECONDITION,
    http: 400,
    category: 'client',
    retryable: false,
  },
  UNAUTHENTICATED: { grpc: GrpcStatus.PERMISSION_DENIED, http: 401, category: 'auth', retryable: false },
  PERMISSION_DENIED: { grpc: GrpcStatus.PERMISSION_DENIED, http: 403, category: 'auth', retryable: false },
  NOT_FOUND: { grpc: GrpcStatus.NOT_FOUND, http: 404, category: 'client', retryable: false },
  RUN_NOT_FOUND: { grpc: GrpcStatus.NOT_FOUND, http: 404, category: 'client', retryable: false },
  SESSION_NOT_FOUND: { grpc: GrpcStatus.NOT_FOUND, http: 404, category: 'client', retryable: false },
  ALREADY_EXISTS: { grpc: GrpcStatus.ALREADY_EXISTS, http: 409, category: 'conflict', retryable: false },
  FAILED_PRECONDITION: {
    grpc: GrpcStatus.FAILED_PRECONDITION,
    http: 409,
    category: 'conflict',
    retryable: false,
  },
  SESSION_IDENTITY_MISMATCH: {
    grpc: GrpcStatus.FAILED_PRECONDITION,
    http: 409,
    category: 'conflict',
    retryable: false,
  },
  INVALID_STATE_TRANSITION: {
    grpc: GrpcStatus.FAILED_PRECONDITION,
    http: 409,
    category: 'conflict',
    retryable: false,
  },
  PAYLOAD_TOO_LARGE: { grpc: GrpcStatus.INVALID_ARGUMENT, http: 413, category: 'limit', retryable: false },
  RATE_LIMITED: { grpc: GrpcStatus.RESOURCE_EXHAUSTED, http: 429, category: 'limit', retryable: true },
  BUDGET_EXCEEDED: { grpc: GrpcStatus.RESOURCE_EXHAUSTED, http: 402, category: 'limit', retryable: false },
  RESOURCE_EXHAUSTED: { grpc: GrpcStatus.RESOURCE_EXHAUSTED, http: 429, category: 'limit', retryable: true },
  CANCELLED: { grpc: GrpcStatus.CANCELLED, http: 409, category: 'conflict', retryable: false },
  DEADLINE_EXCEEDED: {
    grpc: GrpcStatus.DEADLINE_EXCEEDED,
    http: 504,
    category: 'transient',
    retryable: true,
  },
  UNAVAILABLE: { grpc: GrpcStatus.UNAVAILABLE, http: 503, category: 'transient', retryable: true },
  // A model provider refused our credentials: the operator must fix the key, not the caller.
  UPSTREAM_UNAUTHENTICATED: {
    grpc: GrpcStatus.UNAUTHENTICATED,
    http: 502,
    category: 'server',
    retryable: false,
  },
  UPSTREAM_QUOTA_EXCEEDED: {
    grpc: GrpcStatus.RESOURCE_EXHAUSTED,
    http: 429,
    category: 'limit',
    retryable: false,
  },
  CONTEXT_TOO_LONG: { grpc: GrpcStatus.INVALID_ARGUMENT, http: 400, category: 'client', retryable: false },
  CONTENT_POLICY: {
    grpc: GrpcStatus.FAILED_PRECONDITION,
    http: 422,
    category: 'client',
    retryable: false,
  },
  SCHEMA_BEHIND: { grpc: GrpcStatus.FAILED_PRECONDITION, http: 503, category: 'server', retryable: false },
  CONFIG_INVALID: { grpc: GrpcStatus.FAILED_PRECONDITION, http: 500, category: 'server', retryable: false },
  INTERNAL: { grpc: GrpcStatus.INTERNAL, http: 500, category: 'server', retryable: false },
};

export interface FieldViolation {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

export interface PalyraErrorOptions {
  readonly cause?: unknown;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly violations?: readonly FieldViolation[];
}

/** The one error type that crosses module boundaries. `message` is safe to show to a caller. */
export class PalyraError extends Error {
  override readonly name = 'PalyraError';
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;
  readonly violations: readonly FieldViolation[];

  constructor(code: ErrorCode, message: string, options: PalyraErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
    this.violations = options.violations ?? [];
  }

  get grpcStatus(): GrpcStatusCode {
    return ERROR_CODE_TRAITS[this.code].grpc;
  }

  get httpStatus(): number {
    return ERROR_CODE_TRAITS[this.code].http;
  }

  get retryable(): boolean {
    return ERROR_CODE_TRAITS[this.code].retryable;
  }
}

export function isPalyraError(value: unknown): value is PalyraError {
  return value instanceof PalyraError;
}

/** Wraps anything thrown into a PalyraError; unknown errors become INTERNAL without internals. */
export function toPalyraError(value: unknown): PalyraError {
  if (value instanceof PalyraError) return value;
  return new PalyraError('INTERNAL', 'internal error', { cause: value });
}

export function invalidArgument(field: string, message: string): PalyraError {
  return new PalyraError('INVALID_ARGUMENT', message, {
    violations: [{ field, code: 'invalid', message }],
  });
}
