import { createHash } from 'node:crypto';
import { throwIfAborted } from './abort.js';
import type { EmbeddingsProvider } from './model-provider.js';

export interface DeterministicEmbeddingsOptions {
  /** Vector length. Default 256. */
  readonly dimensions?: number;
}

const TERM = /[\p{L}\p{N}]+/gu;

/**
 * Offline embeddings by feature hashing: each lower-cased word adds +1 or -1 (from its SHA-256)
 * at a position (also from its hash), and the vector is scaled to unit length. Texts sharing
 * words get a positive cosine similarity, so memory search works offline and identically on
 * every run; it knows nothing of meaning (synonyms do not match).
 */
export function createDeterministicEmbeddingsProvider(
  options: DeterministicEmbeddingsOptions = {},
): EmbeddingsProvider {
  const dimensions = options.dimensions ?? 256;
  if (!Number.isSafeInteger(dimensions) || dimensions < 1) {
    throw new RangeError('dimensions must be a positive integer');
  }
  const model = `deterministic-hash-${dimensions}`;
  const embedOne = (text: string): { vector: number[]; terms: number } => {
    const vector = new Array<number>(dimensions).fill(0);
    const terms = text.toLowerCase().match(TERM) ?? [];
    for (const term of terms) {
      const digest = createHash('sha256').update(term).digest();
      const position = digest.readUInt32BE(0) % dimensions;
      vector[position] = (vector[position] ?? 0) + ((digest[4] ?? 0) & 1 ? 1 : -1);
    }
    const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
    return { vector: norm === 0 ? vector : vector.map((value) => value / norm), terms: terms.length };
  };
  return {
    name: 'deterministic',
    async embed(texts, signal) {
      throwIfAborted(signal);
      const embedded = texts.map(embedOne);
      return {
        vectors: embedded.map((item) => item.vector),
        model,
        promptTokens: embedded.reduce((sum, item) => sum + item.terms, 0),
      };
    },
  };
}
