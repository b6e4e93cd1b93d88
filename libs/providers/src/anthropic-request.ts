import type {
  ContentBlockParam,
  MessageCreateParamsStreaming,
  MessageParam,
  Tool,
} from '@anthropic-ai/sdk/resources/messages';
import type { ModelMessage, ModelRequest } from './model-provider.js';
import type { ToolNameMap } from './tool-names.js';

// The Messages API has no JSON mode; this instruction is the documented way to ask for JSON.
const JSON_MODE_INSTRUCTION = 'Answer with one JSON object and nothing else.';

type Role = 'user' | 'assistant';

/** Tool inputs travel as objects; arguments a model wrote as malformed JSON go back as `{}`. */
function parseInput(argumentsJson: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(argumentsJson);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // The model wrote something else; its tool result (an error) already tells it so.
  }
  return {};
}

function blocksOf(message: ModelMessage, names: ToolNameMap): { role: Role; blocks: ContentBlockParam[] } {
  switch (message.role) {
    case 'user':
      return {
        role: 'user',
        blocks: message.content === '' ? [] : [{ type: 'text', text: message.content }],
      };
    case 'assistant': {
      const blocks: ContentBlockParam[] = [];
      // The API rejects empty text blocks; a turn that only called tools has none.
      if (message.content !== '') blocks.push({ type: 'text', text: message.content });
      for (const call of message.toolCalls ?? []) {
        blocks.push({
          type: 'tool_use',
          id: call.id,
          name: names.toProvider(call.name),
          input: parseInput(call.argumentsJson),
        });
      }
      return { role: 'assistant', blocks };
    }
    case 'tool':
      // Tool results go back to the model in a user turn, as `tool_result` blocks.
      return {
        role: 'user',
        blocks: [
          {
            type: 'tool_result',
            tool_use_id: message.toolCallId,
            content: message.content,
            ...(message.isError === true ? { is_error: true } : {}),
          },
        ],
      };
  }
}

/**
 * Consecutive messages of one role become one message: results of parallel tool calls form one
 * user turn (as the API requires), and a user message after tool results joins their turn, after
 * them (`tool_result` blocks must come first).
 */
function toMessages(messages: readonly ModelMessage[], names: ToolNameMap): MessageParam[] {
  const merged: { role: Role; blocks: ContentBlockParam[] }[] = [];
  for (const message of messages) {
    const { role, blocks } = blocksOf(message, names);
    if (blocks.length === 0) continue;
    const last = merged.at(-1);
    if (last !== undefined && last.role === role) last.blocks.push(...blocks);
    else merged.push({ role, blocks });
  }
  return merged.map(({ role, blocks }) => ({ role, content: blocks }));
}

function toTool(tool: NonNullable<ModelRequest['tools']>[number], names: ToolNameMap): Tool {
  const schema = tool.parameters;
  return {
    name: names.toProvider(tool.name),
    description: tool.description,
    // input_schema must be an object schema; a tool without parameters takes an empty object.
    input_schema: { ...schema, type: 'object' } as Tool.InputSchema,
  };
}

/** A Messages API streaming request for one model turn. */
export function toAnthropicParams(
  request: ModelRequest,
  model: string,
  names: ToolNameMap,
  defaultMaxTokens: number,
): MessageCreateParamsStreaming {
  const system = [request.system ?? '', request.jsonMode === true ? JSON_MODE_INSTRUCTION : '']
    .filter((part) => part !== '')
    .join('\n\n');
  const tools = (request.tools ?? []).map((tool) => toTool(tool, names));
  return {
    model,
    max_tokens: request.maxTokens ?? defaultMaxTokens,
    messages: toMessages(request.messages, names),
    stream: true,
    ...(system === '' ? {} : { system }),
    ...(tools.length > 0 ? { tools } : {}),
  };
}
