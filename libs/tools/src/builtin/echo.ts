import type { ToolDefinition } from '../tool-definition.js';

/** 16 KiB of text; the schema counts characters (code points), the cap is about payload size. */
export const ECHO_MAX_TEXT_CHARS = 16 * 1024;

export function createEchoTool(): ToolDefinition {
  return {
    name: 'palyra.echo',
    description: 'Return the given text unchanged. Useful to test tool calling.',
    inputSchema: {
      type: 'object',
      additionalProperties: false,
      required: ['text'],
      properties: {
        text: { type: 'string', description: 'Text to echo back', maxLength: ECHO_MAX_TEXT_CHARS },
      },
    },
    sensitive: false,
    riskLevel: 'LOW',
    async execute(input) {
      const { text } = input as { readonly text: string };
      return { text };
    },
  };
}
