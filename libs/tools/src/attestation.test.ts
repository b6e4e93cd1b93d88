import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson } from '@palyra/core';
import { type AttestationFields, attestationSha256, attestedInputJson } from './attestation.js';

const SUCCESS: AttestationFields = {
  toolName: 'palyra.echo',
  inputJson: '{"text":"hi"}',
  outputJson: '{"text":"hi"}',
  success: true,
  error: '',
  startedAtMs: 1_700_000_000_000,
  finishedAtMs: 1_700_000_000_005,
  timedOut: false,
};

describe('attestationSha256', () => {
  // Golden values computed outside this code base, e.g.
  // printf '%s' '<canonical text below>' | sha256sum
  it('hashes the documented canonical field set (golden value for a success)', () => {
    const canonical =
      '{"error":"","finished_at_unix_ms":1700000000005,"input_json":"{\\"text\\":\\"hi\\"}",' +
      '"output_json":"{\\"text\\":\\"hi\\"}","started_at_unix_ms":1700000000000,"success":true,' +
      '"timed_out":false,"tool_name":"palyra.echo","v":1}';
    assert.equal(
      canonicalJson({
        v: 1,
        tool_name: SUCCESS.toolName,
        input_json: SUCCESS.inputJson,
        output_json: SUCCESS.outputJson,
        success: SUCCESS.success,
        error: SUCCESS.error,
        started_at_unix_ms: SUCCESS.startedAtMs,
        finished_at_unix_ms: SUCCESS.finishedAtMs,
        timed_out: SUCCESS.timedOut,
      }),
      canonical,
    );
    assert.equal(
      attestationSha256(SUCCESS),
      '54d8765c47a288d0ebb4b461cb67b1749284c8109b7b2794a63568fbe7e72975',
    );
  });

  it('hashes a timed-out failure to its golden value', () => {
    assert.equal(
      attestationSha256({
        toolName: 'palyra.sleep',
        inputJson: '{"ms":5000}',
        outputJson: '',
        success: false,
        error: 'timeout: palyra.sleep did not finish within 100 ms',
        startedAtMs: 1_700_000_000_000,
        finishedAtMs: 1_700_000_000_100,
        timedOut: true,
      }),
      '90add13124d8883a957d8fe461f2f45805d618bae3072213c8cdfb797adcc84e',
    );
  });

  it('changes when any attested field changes', () => {
    const base = attestationSha256(SUCCESS);
    const variants: AttestationFields[] = [
      { ...SUCCESS, toolName: 'palyra.sleep' },
      { ...SUCCESS, inputJson: '{"text":"ho"}' },
      { ...SUCCESS, outputJson: '{"text":"ho"}' },
      { ...SUCCESS, success: false },
      { ...SUCCESS, error: 'x' },
      { ...SUCCESS, startedAtMs: SUCCESS.startedAtMs + 1 },
      { ...SUCCESS, finishedAtMs: SUCCESS.finishedAtMs + 1 },
      { ...SUCCESS, timedOut: true },
    ];
    const hashes = new Set(variants.map(attestationSha256));
    assert.equal(hashes.size, variants.length);
    assert.ok(!hashes.has(base));
    assert.match(base, /^[0-9a-f]{64}$/);
  });

  it('attests raw arguments the way executeTool attests parsed ones', () => {
    assert.equal(attestedInputJson('{ "b": 1, "a": [true, null] }'), '{"a":[true,null],"b":1}');
    assert.equal(attestedInputJson('{"b":1,"a":2}'), canonicalJson({ a: 2, b: 1 }));
    assert.equal(attestedInputJson('  '), '{}');
    assert.equal(attestedInputJson('{"text":'), '{"text":');
  });
});
