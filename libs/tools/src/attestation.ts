import { canonicalJson, sha256Hex } from '@palyra/core';

export interface AttestationFields {
  readonly toolName: string;
  /** canonicalJson of the arguments as executed (the parsed model arguments; no defaults added). */
  readonly inputJson: string;
  /** The output JSON text exactly as in tool_result ('' when the call failed). */
  readonly outputJson: string;
  readonly success: boolean;
  readonly error: string;
  readonly startedAtMs: number;
  readonly finishedAtMs: number;
  readonly timedOut: boolean;
}

/** Version of the attested field set; a change to the set bumps it, so old hashes stay checkable. */
export const ATTESTATION_VERSION = 1;

/**
 * `execution_sha256` of a tool_attestation: sha256 (lower-case hex) of the canonical JSON
 * (keys sorted, no whitespace; core's canonicalJson) of exactly
 * `{ v: 1, tool_name, input_json, output_json, success, error, started_at_unix_ms,
 *    finished_at_unix_ms, timed_out }`,
 * where the two *_json fields are strings and the times integer Unix milliseconds. A client holding
 * the same values recomputes it with any JSON library that sorts keys.
 */
export function attestationSha256(fields: AttestationFields): string {
  return sha256Hex(
    canonicalJson({
      v: ATTESTATION_VERSION,
      tool_name: fields.toolName,
      input_json: fields.inputJson,
      output_json: fields.outputJson,
      success: fields.success,
      error: fields.error,
      started_at_unix_ms: fields.startedAtMs,
      finished_at_unix_ms: fields.finishedAtMs,
      timed_out: fields.timedOut,
    }),
  );
}

/**
 * The `input_json` to attest for a call known by its raw arguments (a denied call, or one attested
 * again after a redelivery): the same text `executeTool` attests for the parsed arguments, so
 * every attestation of a run uses one rule. Empty arguments are `{}`, as the policy reads them;
 * arguments that are not JSON are attested as sent.
 */
export function attestedInputJson(argumentsJson: string): string {
  if (argumentsJson.trim() === '') return '{}';
  try {
    return canonicalJson(JSON.parse(argumentsJson));
  } catch {
    return argumentsJson;
  }
}
