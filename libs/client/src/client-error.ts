import { type Metadata, type ServiceError, status } from '@grpc/grpc-js';

/** gRPC status names by wire code, e.g. 14 -> `UNAVAILABLE`. */
export const GRPC_STATUS_NAMES: Readonly<Record<number, string>> = Object.freeze(
  Object.fromEntries(
    Object.entries(status)
      .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
      .map(([name, code]) => [code, name]),
  ),
);

/**
 * Every failure the SDK reports: a gRPC status from the gateway or the transport, or a local
 * validation error (`INVALID_ARGUMENT`, `FAILED_PRECONDITION`) raised before anything is sent.
 * `message` is the server's status message (never the token or metadata values we sent).
 */
export class PalyraClientError extends Error {
  override readonly name = 'PalyraClientError';
  /** gRPC status name, e.g. `PERMISSION_DENIED`, `UNAVAILABLE`. */
  readonly code: string;
  readonly grpcCode: number;
  /** String-valued trailing metadata of the failed call (binary `-bin` entries are skipped). */
  readonly details: Readonly<Record<string, string>>;

  constructor(
    grpcCode: number,
    message: string,
    details: Readonly<Record<string, string>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.grpcCode = grpcCode;
    this.code = GRPC_STATUS_NAMES[grpcCode] ?? `CODE_${grpcCode}`;
    this.details = details;
  }
}

export function isPalyraClientError(value: unknown): value is PalyraClientError {
  return value instanceof PalyraClientError;
}

function isServiceError(value: unknown): value is ServiceError {
  return value instanceof Error && typeof (value as Partial<ServiceError>).code === 'number';
}

function stringMetadata(metadata: Metadata | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (metadata === undefined) return out;
  for (const [key, value] of Object.entries(metadata.getMap())) {
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}

/** Maps a grpc-js error (or anything thrown) to a PalyraClientError; unknown errors become UNKNOWN. */
export function toClientError(error: unknown): PalyraClientError {
  if (error instanceof PalyraClientError) return error;
  if (isServiceError(error)) {
    // grpc-js prefixes `message` with "<code> <NAME>: "; `details` is the server's own message.
    // grpc-js appends an empty "Resolution note: " to connection failures; drop the noise.
    const message = (error.details === '' ? error.message : error.details).replace(
      /\s*Resolution note:\s*$/,
      '',
    );
    return new PalyraClientError(error.code, message, stringMetadata(error.metadata), { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new PalyraClientError(status.UNKNOWN, message, {}, { cause: error });
}

export function invalidArgument(message: string): PalyraClientError {
  return new PalyraClientError(status.INVALID_ARGUMENT, message);
}
