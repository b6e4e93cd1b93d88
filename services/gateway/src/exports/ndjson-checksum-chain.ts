import { canonicalJson, GENESIS_HASH, sha256Hex } from '@palyra/core';

/**
 * NDJSON exports with a running checksum chain, so an auditor holding only the file can tell
 * whether a record was altered, dropped, reordered, or the file cut short. Each export (approvals,
 * a session's journal) has its own schema name S; the format and formula are the same for all.
 *
 * Every line is core's `canonicalJson` of an object (keys sorted, no whitespace), then `\n`:
 *   entry n (n = 1, 2, ...):
 *     {"chain_checksum_sha256": C_n, "prev_checksum_sha256": C_{n-1}, "record": R_n,
 *      "record_checksum_sha256": H_n, "record_type": "entry", "schema": S, "sequence": n}
 *   then one trailer:
 *     {"exported_records": N, "final_chain_checksum_sha256": C_N, "record_type": "trailer", "schema": S}
 * where
 *   H_n = sha256_hex(canonicalJson(R_n))                       (R_n as parsed from the line)
 *   C_0 = "0" x 64
 *   C_n = sha256_hex(S + "\n" + n + "\n" + C_{n-1} + "\n" + H_n)   (n in decimal, UTF-8 throughout)
 * `verifyNdjsonChecksumChain` checks all of it.
 */

/** C_n from C_{n-1} and H_n, as documented above. */
export function chainChecksum(
  schema: string,
  sequence: number,
  previousChecksum: string,
  recordChecksum: string,
): string {
  return sha256Hex(`${schema}\n${sequence}\n${previousChecksum}\n${recordChecksum}`);
}

/** Builds the lines of one export in order. */
export class NdjsonChecksumChain {
  readonly #schema: string;
  #sequence = 0;
  #checksum = GENESIS_HASH;

  constructor(schema: string) {
    this.#schema = schema;
  }

  entry(record: unknown): string {
    this.#sequence += 1;
    const recordChecksum = sha256Hex(canonicalJson(record));
    const checksum = chainChecksum(this.#schema, this.#sequence, this.#checksum, recordChecksum);
    const line = canonicalJson({
      schema: this.#schema,
      record_type: 'entry',
      sequence: this.#sequence,
      prev_checksum_sha256: this.#checksum,
      record_checksum_sha256: recordChecksum,
      chain_checksum_sha256: checksum,
      record,
    });
    this.#checksum = checksum;
    return `${line}\n`;
  }

  trailer(): string {
    const line = canonicalJson({
      schema: this.#schema,
      record_type: 'trailer',
      exported_records: this.#sequence,
      final_chain_checksum_sha256: this.#checksum,
    });
    return `${line}\n`;
  }
}

export type NdjsonChainVerification =
  | { readonly ok: true; readonly records: number; readonly finalChecksum: string }
  | { readonly ok: false; readonly line: number; readonly reason: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Verifies an export of `schema`: every line parses, sequences run 1..N, each line's checksums
 * recompute from its record and the line before, and a trailer with N and C_N ends the file.
 * Reports the first bad line (1-based).
 */
export function verifyNdjsonChecksumChain(
  document: string | Uint8Array,
  schema: string,
): NdjsonChainVerification {
  const text = typeof document === 'string' ? document : Buffer.from(document).toString('utf8');
  const fail = (line: number, reason: string): NdjsonChainVerification => ({ ok: false, line, reason });
  if (text.length > 0 && !text.endsWith('\n')) {
    return fail(text.split('\n').length, 'the export does not end with a newline (truncated?)');
  }
  const lines = text.split('\n').slice(0, -1);
  let checksum = GENESIS_HASH;
  let count = 0;
  for (const [index, raw] of lines.entries()) {
    const lineNumber = index + 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return fail(lineNumber, 'line is not valid JSON');
    }
    if (!isObject(parsed)) return fail(lineNumber, 'line is not a JSON object');
    if (parsed.schema !== schema) return fail(lineNumber, `schema is not ${schema}`);
    if (parsed.record_type === 'trailer') {
      if (lineNumber !== lines.length) return fail(lineNumber, 'lines follow the trailer');
      if (parsed.exported_records !== count) {
        return fail(
          lineNumber,
          `trailer counts ${String(parsed.exported_records)} records, the export has ${count}`,
        );
      }
      if (parsed.final_chain_checksum_sha256 !== checksum) {
        return fail(lineNumber, 'trailer checksum does not match the chain');
      }
      return { ok: true, records: count, finalChecksum: checksum };
    }
    if (parsed.record_type !== 'entry') return fail(lineNumber, 'record_type is neither entry nor trailer');
    const sequence = count + 1;
    if (parsed.sequence !== sequence) {
      return fail(lineNumber, `sequence is ${String(parsed.sequence)}, expected ${sequence}`);
    }
    if (parsed.prev_checksum_sha256 !== checksum) {
      return fail(lineNumber, 'prev_checksum_sha256 does not match the previous line');
    }
    if (!('record' in parsed)) return fail(lineNumber, 'entry has no record');
    const recordChecksum = sha256Hex(canonicalJson(parsed.record));
    if (parsed.record_checksum_sha256 !== recordChecksum) {
      return fail(lineNumber, 'record_checksum_sha256 does not match the record');
    }
    const expected = chainChecksum(schema, sequence, checksum, recordChecksum);
    if (parsed.chain_checksum_sha256 !== expected) {
      return fail(lineNumber, 'chain_checksum_sha256 does not match the chain');
    }
    checksum = expected;
    count = sequence;
  }
  return fail(lines.length + 1, 'the export ends without a trailer (truncated?)');
}
