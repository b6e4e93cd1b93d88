import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ERROR_CODE_TRAITS,
  ERROR_CODES,
  type ErrorCode,
  GrpcStatus,
  invalidArgument,
  isPalyraError,
  PalyraError,
  toPalyraError,
} from './errors.js';

const GRPC_VALUES = new Set<number>(Object.values(GrpcStatus));

describe('ERROR_CODES', () => {
  test('are unique UPPER_SNAKE strings and exactly the keys of the traits table', () => {
    assert.equal(new Set(ERROR_CODES).size, ERROR_CODES.length);
    for (const code of ERROR_CODES) assert.match(code, /^[A-Z]+(_[A-Z]+)*$/);
    assert.deepEqual(Object.keys(ERROR_CODE_TRAITS).sort(), [...ERROR_CODES].sort());
  });

  for (const code of ERROR_CODES) {
    test(`${code} maps to a gRPC status, an HTTP error status and a retry policy`, () => {
      const traits = ERROR_CODE_TRAITS[code];
      assert.ok(GRPC_VALUES.has(traits.grpc), `${code}: gRPC ${traits.grpc}`);
      assert.notEqual(traits.grpc, GrpcStatus.OK, `${code} must not map to OK`);
      assert.ok(
        Number.isInteger(traits.http) && traits.http >= 400 && traits.http <= 599,
        `${code}: HTTP ${traits.http}`,
      );
      assert.equal(typeof traits.retryable, 'boolean');
      const error = new PalyraError(code, 'message');
      assert.equal(error.grpcStatus, traits.grpc);
      assert.equal(error.httpStatus, traits.http);
      assert.equal(error.retryable, traits.retryable);
    });
  }

  test('follow the protocol for the codes clients depend on', () => {
    const expected: Partial<Record<ErrorCode, [number, number]>> = {
      INVALID_ARGUMENT: [GrpcStatus.INVALID_ARGUMENT, 400],
      // Every message carries v = 1; other values -> FAILED_PRECONDITION.
      UNSUPPORTED_VERSION: [GrpcStatus.FAILED_PRECONDITION, 400],
      // Palyra v1 answers every auth failure with PERMISSION_DENIED.
      UNAUTHENTICATED: [GrpcStatus.PERMISSION_DENIED, 401],
      PERMISSION_DENIED: [GrpcStatus.PERMISSION_DENIED, 403],
      RUN_NOT_FOUND: [GrpcStatus.NOT_FOUND, 404],
      SESSION_NOT_FOUND: [GrpcStatus.NOT_FOUND, 404],
      PAYLOAD_TOO_LARGE: [GrpcStatus.INVALID_ARGUMENT, 413],
      RATE_LIMITED: [GrpcStatus.RESOURCE_EXHAUSTED, 429],
      BUDGET_EXCEEDED: [GrpcStatus.RESOURCE_EXHAUSTED, 402],
      UNAVAILABLE: [GrpcStatus.UNAVAILABLE, 503],
      INTERNAL: [GrpcStatus.INTERNAL, 500],
    };
    for (const [code, [grpc, http]] of Object.entries(expected) as [ErrorCode, [number, number]][]) {
      assert.equal(ERROR_CODE_TRAITS[code].grpc, grpc, code);
      assert.equal(ERROR_CODE_TRAITS[code].http, http, code);
    }
  });

  test('only transient and rate-limit codes are retryable', () => {
    const retryable = ERROR_CODES.filter((code) => ERROR_CODE_TRAITS[code].retryable).sort();
    assert.deepEqual(retryable, ['DEADLINE_EXCEEDED', 'RATE_LIMITED', 'RESOURCE_EXHAUSTED', 'UNAVAILABLE']);
  });
});

describe('PalyraError', () => {
  test('carries code, message, details, violations and cause', () => {
    const cause = new Error('socket closed');
    const error = new PalyraError('UNAVAILABLE', 'journal unavailable', {
      cause,
      details: { retryAfterMs: 100 },
      violations: [{ field: 'x', code: 'invalid', message: 'x is bad' }],
    });
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'PalyraError');
    assert.equal(error.code, 'UNAVAILABLE');
    assert.equal(error.message, 'journal unavailable');
    assert.equal(error.cause, cause);
    assert.deepEqual(error.details, { retryAfterMs: 100 });
    assert.equal(error.violations.length, 1);
    assert.match(String(error.stack), /PalyraError: journal unavailable/);
  });

  test('defaults to empty details and violations and no cause', () => {
    const error = new PalyraError('NOT_FOUND', 'agent not found');
    assert.deepEqual(error.details, {});
    assert.deepEqual(error.violations, []);
    assert.equal('cause' in error, false);
  });

  test('isPalyraError tells PalyraErrors from other values', () => {
    assert.equal(isPalyraError(new PalyraError('INTERNAL', 'x')), true);
    assert.equal(isPalyraError(new Error('x')), false);
    assert.equal(isPalyraError({ code: 'INTERNAL', message: 'x' }), false);
    assert.equal(isPalyraError(undefined), false);
  });
});

describe('toPalyraError', () => {
  test('returns a PalyraError as is', () => {
    const error = new PalyraError('RUN_NOT_FOUND', 'run not found');
    assert.equal(toPalyraError(error), error);
  });

  test('turns anything else into INTERNAL without exposing internals', () => {
    const internal = new Error('duplicate key value violates constraint "runs_pkey" password=hunter2');
    for (const thrown of [internal, 'a string', 42, undefined, null, { message: 'object' }]) {
      const error = toPalyraError(thrown);
      assert.equal(error.code, 'INTERNAL');
      assert.equal(error.message, 'internal error');
      assert.deepEqual(error.details, {});
      assert.equal(error.grpcStatus, GrpcStatus.INTERNAL);
      assert.equal(error.httpStatus, 500);
    }
    const wrapped = toPalyraError(internal);
    assert.doesNotMatch(wrapped.message, /runs_pkey|hunter2/);
    // The original stays reachable for the one log line that records it.
    assert.equal(wrapped.cause, internal);
  });
});

describe('invalidArgument', () => {
  test('builds INVALID_ARGUMENT with one field violation', () => {
    const error = invalidArgument('agent_id', 'agent_id must be a canonical ULID');
    assert.equal(error.code, 'INVALID_ARGUMENT');
    assert.equal(error.message, 'agent_id must be a canonical ULID');
    assert.deepEqual(error.violations, [
      { field: 'agent_id', code: 'invalid', message: 'agent_id must be a canonical ULID' },
    ]);
  });
});
