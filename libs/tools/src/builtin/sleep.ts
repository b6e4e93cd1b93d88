import { setTimeout as delay } from 'node:timers/promises';
import type { ToolDefinition } from '../tool-definition.js';

export const SLEEP_MAX_MS = 5_000;

export function createSleepTool(): ToolDefinition {
  return {
    name: 'palyra.sleep',
    description: `Wait for the given number of milliseconds (at most ${SLEEP_MAX_MS}) and report how long it slept.`,
    inputSchema: {
      type: 'object',
      additionalProperties: false,
      required: ['ms'],
      properties: {
        ms: { type: 'integer', description: 'Milliseconds to wait', minimum: 0, maximum: SLEEP_MAX_MS },
      },
    },
    sensitive: false,
    riskLevel: 'LOW',
    async execute(input, context) {
      const { ms } = input as { readonly ms: number };
      // Rejects with an AbortError the moment the signal aborts (cancel, call timeout).
      await delay(ms, undefined, { signal: context.signal });
      return { slept_ms: ms };
    },
  };
}
