import { LIMITS } from '@palyra/core';

/**
 * Largest tool output, measured as it is stored: `output_json` is a string inside a journal
 * payload, so quotes and control characters are escaped once more. A run journals the output in a
 * `tool_executed` event whose whole payload must stay under the journal limit (256 KiB); the
 * rest of that payload (ids, the error text) fits in the remaining 64 KiB. A larger output would
 * fail the append and so the run, and tool errors must never crash a run.
 */
export const TOOL_OUTPUT_MAX_BYTES = LIMITS.journalPayloadBytes - 64 * 1024;

/** Longest error text of a failed call; longer messages are cut (they are for the model, not logs). */
export const TOOL_ERROR_MAX_CHARS = 2_000;

/** Bytes `json` takes when embedded as a JSON string, e.g. in a journal payload. */
export function storedJsonBytes(json: string): number {
  return Buffer.byteLength(JSON.stringify(json), 'utf8');
}

/** Cuts `text` to at most `maxChars` UTF-16 units without splitting a surrogate pair. */
export function cutText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const end = maxChars > 0 && /[\uD800-\uDBFF]/.test(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
  return text.slice(0, end);
}
