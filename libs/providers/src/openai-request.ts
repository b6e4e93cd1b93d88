import type {
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import type { ModelMessage, ModelRequest } from './model-provider.js';
import type { ToolNameMap } from './tool-names.js';

/**
 * Which field carries the answer's token limit. OpenAI's current models reject `max_tokens` in
 * favour of `max_completion_tokens`; Ollama, vLLM, llama.cpp and most proxies read `max_tokens`.
 */
export const MAX_TOKENS_FIELDS = ['max_tokens', 'max_completion_tokens'] as const;
export type MaxTokensField = (typeof MAX_TOKENS_FIELDS)[number];

function toMessage(message: ModelMessage, names: ToolNameMap): ChatCompletionMessageParam {
  switch (message.role) {
    case 'user':
      return { role: 'user', content: message.content };
    case 'assistant': {
      const calls = message.toolCalls ?? [];
      if (calls.length === 0) return { role: 'assistant', content: message.content };
      return {
        role: 'assistant',
        // A turn that only called tools has no text; `null` is what the API itself returns then.
        content: message.content === '' ? null : message.content,
        tool_calls: calls.map((call) => ({
          id: call.id,
          type: 'function' as const,
          function: { name: names.toProvider(call.name), arguments: call.argumentsJson },
        })),
      };
    }
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
  }
}

/** A Chat Completions streaming request for one model turn. */
export function toChatCompletionParams(
  request: ModelRequest,
  model: string,
  names: ToolNameMap,
  maxTokensField: MaxTokensField,
): ChatCompletionCreateParamsStreaming {
  const messages: ChatCompletionMessageParam[] = [];
  if (request.system !== undefined && request.system !== '') {
    messages.push({ role: 'system', content: request.system });
  }
  for (const message of request.messages) messages.push(toMessage(message, names));
  const tools: ChatCompletionTool[] = (request.tools ?? []).map((tool) => ({
    type: 'function',
    function: {
      name: names.toProvider(tool.name),
      description: tool.description,
      parameters: { ...tool.parameters },
    },
  }));
  return {
    model,
    messages,
    stream: true,
    stream_options: { include_usage: true },
    ...(tools.length > 0 ? { tools } : {}),
    ...(request.maxTokens === undefined ? {} : { [maxTokensField]: request.maxTokens }),
    ...(request.jsonMode === true ? { response_format: { type: 'json_object' as const } } : {}),
  };
}
