import {
  ERROR_CODE_TRAITS,
  ERROR_CODES,
  type ErrorCategory,
  type ErrorCode,
  type FieldViolation,
  isPalyraError,
  LIMITS,
} from '@palyra/core';
import { type Static, Type } from 'typebox';

/** A string pattern meaning "has a non-space character"; its violations read "must not be blank". */
export const NOT_BLANK_PATTERN = '\\S';

/** The `$id` every route's 4xx/5xx responses reference; one schema, one component in the OpenAPI doc. */
export const ERROR_ENVELOPE_ID = 'ErrorEnvelope';

const ERROR_CATEGORIES = [
  ...new Set(Object.values(ERROR_CODE_TRAITS).map((traits) => traits.category)),
] as ErrorCategory[];

export const FieldViolationSchema = Type.Object(
  {
    field: Type.String({
      description: 'Where: `body.<path>`, `query.<name>`, `params.<name>` or `headers.<name>`',
    }),
    code: Type.String({ description: 'What kind of problem, e.g. `required`, `minLength`, `invalid`' }),
    message: Type.String(),
  },
  { additionalProperties: false },
);

export const ErrorEnvelopeSchema = Type.Object(
  {
    error: Type.String({ description: 'What is wrong, safe to show; never contains a credential' }),
    code: Type.Unsafe<ErrorCode>({
      type: 'string',
      enum: [...ERROR_CODES],
      description: 'The Palyra error code; the same codes as the gRPC API',
    }),
    category: Type.Unsafe<ErrorCategory>({ type: 'string', enum: ERROR_CATEGORIES }),
    retryable: Type.Boolean({ description: 'Whether the same request can succeed later' }),
    validation_errors: Type.Array(FieldViolationSchema),
  },
  {
    $id: ERROR_ENVELOPE_ID,
    additionalProperties: false,
    description: 'The body of every error response',
  },
);

export type ErrorEnvelope = Static<typeof ErrorEnvelopeSchema>;

export interface ErrorResponse {
  readonly statusCode: number;
  readonly body: ErrorEnvelope;
  /** Set for errors the server must look at (unknown errors, 5xx); logged once with the stack. */
  readonly unexpected: boolean;
}

/** An AJV error as fastify attaches it to a validation failure. */
interface AjvError {
  readonly keyword: string;
  readonly instancePath: string;
  readonly message?: string;
  readonly params: Readonly<Record<string, unknown>>;
}

interface FastifyValidationError {
  readonly validation: readonly AjvError[];
  readonly validationContext?: string;
}

/** fastify's name of each request part -> the prefix of `field` in the envelope. */
const VALIDATION_CONTEXT_PREFIX: Readonly<Record<string, string>> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

function envelope(
  code: ErrorCode,
  message: string,
  violations: readonly FieldViolation[] = [],
): ErrorEnvelope {
  const traits = ERROR_CODE_TRAITS[code];
  return {
    error: message,
    code,
    category: traits.category,
    retryable: traits.retryable,
    validation_errors: violations.map(({ field, code: violationCode, message: text }) => ({
      field,
      code: violationCode,
      message: text,
    })),
  };
}

function isValidationError(error: unknown): error is FastifyValidationError {
  return (
    typeof error === 'object' &&
    error !== null &&
    Array.isArray((error as { validation?: unknown }).validation)
  );
}

/** `/display_name` + `required` of `title` -> `body.display_name.title`. */
function fieldOf(prefix: string, error: AjvError): string {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
  const property =
    error.params.missingProperty ?? error.params.additionalProperty ?? error.params.propertyName;
  if (typeof property === 'string') path.push(property);
  return [prefix, ...path].join('.');
}

function messageOf(error: AjvError): string {
  if (error.keyword === 'required') return 'is required';
  if (error.keyword === 'additionalProperties') return 'is not a known field';
  if (error.keyword === 'pattern' && error.params.pattern === NOT_BLANK_PATTERN) return 'must not be blank';
  if (error.keyword === 'enum' && Array.isArray(error.params.allowedValues)) {
    return `must be one of ${error.params.allowedValues.map((value) => JSON.stringify(value)).join(', ')}`;
  }
  return error.message ?? 'is invalid';
}

function validationEnvelope(error: FastifyValidationError): ErrorEnvelope {
  const prefix = VALIDATION_CONTEXT_PREFIX[error.validationContext ?? 'body'] ?? 'body';
  const seen = new Set<string>();
  const violations: FieldViolation[] = [];
  for (const ajvError of error.validation) {
    const field = fieldOf(prefix, ajvError);
    const message = messageOf(ajvError);
    // anyOf/oneOf failures repeat one field per branch; one line per field and problem is enough.
    const key = `${field}\u0000${ajvError.keyword}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    violations.push({ field, code: ajvError.keyword, message: `${field} ${message}` });
  }
  const [first] = violations;
  const summary =
    first === undefined
      ? 'request is invalid'
      : violations.length === 1
        ? first.message
        : `${first.message} (and ${violations.length - 1} more)`;
  return envelope('INVALID_ARGUMENT', summary, violations);
}

/**
 * fastify's own request errors, answered with the closest Palyra code. The HTTP status stays
 * fastify's where no code has it (415), so clients and proxies still see the standard status.
 */
function fastifyClientError(
  bodyLimitBytes: number,
  error: {
    code?: unknown;
    statusCode?: unknown;
    message?: unknown;
  },
): ErrorResponse | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        statusCode: 413,
        body: envelope(
          'PAYLOAD_TOO_LARGE',
          `request body is larger than the limit of ${bodyLimitBytes} bytes`,
        ),
        unexpected: false,
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        statusCode: 415,
        body: envelope('INVALID_ARGUMENT', 'unsupported content type; send application/json'),
        unexpected: false,
      };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return {
        statusCode: 400,
        body: envelope('INVALID_ARGUMENT', 'request body is not valid JSON'),
        unexpected: false,
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        statusCode: 400,
        body: envelope('INVALID_ARGUMENT', 'request body is empty but content-type is application/json'),
        unexpected: false,
      };
    default:
      break;
  }
  const statusCode = error.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    // fastify's messages for client errors name the problem and never echo headers.
    const message = typeof error.message === 'string' && error.message !== '' ? error.message : 'bad request';
    const code: ErrorCode =
      statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : statusCode === 429 ? 'RATE_LIMITED' : 'INVALID_ARGUMENT';
    return { statusCode, body: envelope(code, message), unexpected: false };
  }
  return undefined;
}

/**
 * The one mapping from anything thrown to an HTTP error: a PalyraError answers with its code's
 * status and message (the same table as gRPC); validation failures name every bad field; fastify's
 * client errors keep their status; everything else is INTERNAL without internals.
 */
export function toErrorResponse(
  error: unknown,
  bodyLimitBytes: number = LIMITS.httpBodyBytes,
): ErrorResponse {
  if (isPalyraError(error)) {
    const traits = ERROR_CODE_TRAITS[error.code];
    return {
      statusCode: traits.http,
      body: envelope(error.code, error.message, error.violations),
      unexpected: error.code === 'INTERNAL',
    };
  }
  if (isValidationError(error))
    return { statusCode: 400, body: validationEnvelope(error), unexpected: false };
  if (typeof error === 'object' && error !== null) {
    const known = fastifyClientError(
      bodyLimitBytes,
      error as { code?: unknown; statusCode?: unknown; message?: unknown },
    );
    if (known !== undefined) return known;
  }
  return { statusCode: 500, body: envelope('INTERNAL', 'internal error'), unexpected: true };
}

/** The 404 for a path (or method) no route serves. */
export function routeNotFound(method: string, path: string): ErrorEnvelope {
  return envelope('NOT_FOUND', `no route ${method} ${path}`);
}
