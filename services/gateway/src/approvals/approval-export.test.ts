import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson, GENESIS_HASH, newId, sha256Hex } from '@palyra/core';
import type { ApprovalRecord } from '@palyra/journal';
import {
  APPROVAL_EXPORT_CHUNK_BYTES,
  APPROVAL_EXPORT_SCHEMA,
  approvalExportText,
  chunkUtf8,
  toApprovalExportRecord,
  verifyApprovalExport,
} from './approval-export.js';

function approval(index: number, detailsBytes = 16): ApprovalRecord {
  const requestedAt = new Date(Date.UTC(2026, 0, 1, 12, 0, index));
  return {
    tenantId: 'acme',
    approvalId: newId(requestedAt.getTime()),
    sessionId: newId(),
    runId: newId(),
    proposalId: newId(),
    principal: `user:${index % 2 === 0 ? 'alice' : 'bob'}`,
    deviceId: newId(),
    channel: '',
    subjectType: 'tool',
    subjectId: 'palyra.http.fetch',
    requestSummary: `fetch #${index}`,
    prompt: { title: 'Allow fetch?', details_json: 'é'.repeat(detailsBytes / 2), options: [] },
    policyId: 'tool_policy',
    policyHash: 'f'.repeat(64),
    policySummary: 'approval required',
    requestedAt,
    expiresAt: new Date(requestedAt.getTime() + 60_000),
    decision: index % 3 === 0 ? null : 'allow',
    decisionScope: index % 3 === 0 ? null : 'once',
    decisionScopeTtlMs: 0,
    decisionReason: index % 3 === 0 ? '' : 'ok',
    decidedBy: index % 3 === 0 ? '' : 'user:alice',
    resolvedAt: index % 3 === 0 ? null : new Date(requestedAt.getTime() + 1_000),
  };
}

async function* fromArray<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

async function exportBytes(records: readonly ApprovalRecord[], format: 'ndjson' | 'json'): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of chunkUtf8(approvalExportText(fromArray(records), format))) {
    chunks.push(Buffer.from(chunk));
  }
  return chunks;
}

async function ndjson(records: readonly ApprovalRecord[]): Promise<string> {
  return Buffer.concat(await exportBytes(records, 'ndjson')).toString('utf8');
}

function lines(text: string): string[] {
  return text.split('\n').slice(0, -1);
}

function relink(text: string, mutate: (lines: Record<string, unknown>[]) => void): string {
  const parsed = lines(text).map((line) => JSON.parse(line) as Record<string, unknown>);
  mutate(parsed);
  return `${parsed.map((line) => JSON.stringify(line)).join('\n')}\n`;
}

describe('approval export', () => {
  it('an NDJSON export verifies, and its checksums follow the documented formula', async () => {
    const records = [approval(1), approval(2), approval(3)];
    const text = await ndjson(records);
    const verification = verifyApprovalExport(text);
    assert.equal(verification.ok, true);
    assert.ok(verification.ok);
    assert.equal(verification.records, 3);

    const [first, , , trailer] = lines(text).map((line) => JSON.parse(line) as Record<string, unknown>);
    const recordChecksum = sha256Hex(canonicalJson(toApprovalExportRecord(records[0] as ApprovalRecord)));
    assert.deepEqual(first, {
      chain_checksum_sha256: sha256Hex(`${APPROVAL_EXPORT_SCHEMA}\n1\n${GENESIS_HASH}\n${recordChecksum}`),
      prev_checksum_sha256: GENESIS_HASH,
      record: JSON.parse(canonicalJson(toApprovalExportRecord(records[0] as ApprovalRecord))),
      record_checksum_sha256: recordChecksum,
      record_type: 'entry',
      schema: APPROVAL_EXPORT_SCHEMA,
      sequence: 1,
    });
    assert.deepEqual(trailer, {
      exported_records: 3,
      final_chain_checksum_sha256: verification.finalChecksum,
      record_type: 'trailer',
      schema: APPROVAL_EXPORT_SCHEMA,
    });
  });

  it('an empty export is a trailer alone and verifies', async () => {
    const text = await ndjson([]);
    assert.deepEqual(verifyApprovalExport(text), { ok: true, records: 0, finalChecksum: GENESIS_HASH });
  });

  it('detects an altered record, even with its own checksum recomputed', async () => {
    const text = await ndjson([approval(1), approval(2), approval(3)]);
    const altered = relink(text, (parsed) => {
      const record = parsed[1]?.record as Record<string, unknown>;
      record.decision = 'deny';
      (parsed[1] as Record<string, unknown>).record_checksum_sha256 = sha256Hex(canonicalJson(record));
    });
    assert.deepEqual(verifyApprovalExport(altered), {
      ok: false,
      line: 2,
      reason: 'chain_checksum_sha256 does not match the chain',
    });
    const unlinked = relink(text, (parsed) => {
      (parsed[0]?.record as Record<string, unknown>).principal = 'user:mallory';
    });
    assert.deepEqual(verifyApprovalExport(unlinked), {
      ok: false,
      line: 1,
      reason: 'record_checksum_sha256 does not match the record',
    });
  });

  it('detects dropped, reordered and truncated lines and a forged trailer', async () => {
    const text = await ndjson([approval(1), approval(2), approval(3)]);
    const all = lines(text);
    const dropped = `${[all[0], all[2], all[3]].join('\n')}\n`;
    assert.deepEqual(verifyApprovalExport(dropped), {
      ok: false,
      line: 2,
      reason: 'sequence is 3, expected 2',
    });
    const reordered = `${[all[1], all[0], all[2], all[3]].join('\n')}\n`;
    assert.deepEqual(verifyApprovalExport(reordered), {
      ok: false,
      line: 1,
      reason: 'sequence is 2, expected 1',
    });
    const cut = `${all.slice(0, 3).join('\n')}\n`;
    assert.deepEqual(verifyApprovalExport(cut), {
      ok: false,
      line: 4,
      reason: 'the export ends without a trailer (truncated?)',
    });
    assert.equal(verifyApprovalExport(text.slice(0, -10)).ok, false);
    const forged = relink(text, (parsed) => {
      (parsed[3] as Record<string, unknown>).exported_records = 2;
    });
    assert.deepEqual(verifyApprovalExport(forged), {
      ok: false,
      line: 4,
      reason: 'trailer counts 2 records, the export has 3',
    });
    assert.deepEqual(verifyApprovalExport('not json\n'), {
      ok: false,
      line: 1,
      reason: 'line is not valid JSON',
    });
  });

  it('chunks are at most 64 KiB and concatenate to the document, multi-byte characters included', async () => {
    // ~40 KiB of two-byte characters per record: records straddle chunk boundaries.
    const records = [approval(1, 40_000), approval(2, 40_000), approval(3, 40_000), approval(4, 40_000)];
    const chunks = await exportBytes(records, 'ndjson');
    assert.ok(chunks.length >= 3, `expected several chunks, got ${chunks.length}`);
    for (const chunk of chunks.slice(0, -1)) assert.equal(chunk.length, APPROVAL_EXPORT_CHUNK_BYTES);
    assert.ok((chunks.at(-1)?.length ?? 0) <= APPROVAL_EXPORT_CHUNK_BYTES);
    const verification = verifyApprovalExport(Buffer.concat(chunks));
    assert.ok(verification.ok);
    assert.equal(verification.records, 4);
  });

  it('the JSON format is an array of the same records', async () => {
    const records = [approval(1), approval(2)];
    const parsed = JSON.parse(Buffer.concat(await exportBytes(records, 'json')).toString('utf8')) as unknown;
    assert.deepEqual(
      parsed,
      records.map((record) => JSON.parse(canonicalJson(toApprovalExportRecord(record)))),
    );
    assert.deepEqual(JSON.parse(Buffer.concat(await exportBytes([], 'json')).toString('utf8')), []);
  });
});
