import { canonicalJson } from '@palyra/core';
import { storedJsonBytes, TOOL_OUTPUT_MAX_BYTES } from '../output-limit.js';
import type { ToolDefinition } from '../tool-definition.js';

export const SESSION_HISTORY_MAX_LIMIT = 50;
export const SESSION_HISTORY_DEFAULT_LIMIT = 20;

interface HistoryEntry {
  readonly role: 'user' | 'assistant';
  readonly content: string;
  readonly at_unix_ms: number;
}

export function createSessionHistoryTool(): ToolDefinition {
  return {
    name: 'palyra.session.history',
    description:
      'Read the latest messages of this session (user and assistant turns, oldest first). Read-only.',
    inputSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        limit: {
          type: 'integer',
          description: 'How many of the latest messages to return',
          minimum: 1,
          maximum: SESSION_HISTORY_MAX_LIMIT,
          default: SESSION_HISTORY_DEFAULT_LIMIT,
        },
      },
    },
    sensitive: false,
    riskLevel: 'LOW',
    async execute(input, context) {
      const { limit = SESSION_HISTORY_DEFAULT_LIMIT } = input as { readonly limit?: number };
      const history = await context.readSessionHistory(limit);
      const messages: HistoryEntry[] = history
        .slice(-limit)
        .map(({ role, content, atUnixMs }) => ({ role, content, at_unix_ms: atUnixMs }));
      // Long transcripts lose their oldest messages first: the latest ones matter most to a model.
      let omitted = 0;
      while (
        messages.length > 0 &&
        storedJsonBytes(canonicalJson({ messages, omitted })) > TOOL_OUTPUT_MAX_BYTES
      ) {
        messages.shift();
        omitted += 1;
      }
      return { messages, omitted };
    },
  };
}
