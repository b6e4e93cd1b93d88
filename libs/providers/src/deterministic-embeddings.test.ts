import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDeterministicEmbeddingsProvider } from './deterministic-embeddings.js';

function cosine(a: readonly number[], b: readonly number[]): number {
  return a.reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);
}

describe('deterministic embeddings', () => {
  it('gives unit vectors of the configured size, the same for the same text', async () => {
    const provider = createDeterministicEmbeddingsProvider({ dimensions: 64 });
    const signal = new AbortController().signal;
    const first = await provider.embed(['The cat sat on the mat', 'the CAT sat on the mat'], signal);
    assert.equal(first.model, 'deterministic-hash-64');
    assert.equal(first.promptTokens, 12);
    assert.equal(first.vectors.length, 2);
    const [a, b] = first.vectors as [number[], number[]];
    assert.equal(a.length, 64);
    assert.ok(Math.abs(cosine(a, a) - 1) < 1e-9);
    assert.deepEqual(a, b, 'case does not matter');
  });

  it('scores texts that share words above texts that share none', async () => {
    const provider = createDeterministicEmbeddingsProvider();
    const { vectors } = await provider.embed(
      ['deploy the helm chart to staging', 'helm chart deploy failed on staging', 'banana bread recipe'],
      new AbortController().signal,
    );
    const [query, related, unrelated] = vectors as [number[], number[], number[]];
    assert.ok(cosine(query, related) > cosine(query, unrelated));
  });

  it('embeds an empty text as a zero vector', async () => {
    const { vectors } = await createDeterministicEmbeddingsProvider({ dimensions: 4 }).embed(
      [''],
      new AbortController().signal,
    );
    assert.deepEqual(vectors, [[0, 0, 0, 0]]);
  });
});
