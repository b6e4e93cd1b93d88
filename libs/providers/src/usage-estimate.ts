import type { ModelRequest } from './model-provider.js';

// The usual rule of thumb for English text with BPE tokenizers; only used when the upstream
// reports nothing, so budgets see a plausible figure instead of zero.
const CHARS_PER_TOKEN = 4;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** A rough prompt size: system, every message and the tool schemas the model reads. */
export function estimatePromptTokens(request: ModelRequest): number {
  let text = request.system ?? '';
  for (const message of request.messages) {
    text += message.content;
    if (message.role === 'assistant') {
      for (const call of message.toolCalls ?? []) text += call.name + call.argumentsJson;
    }
  }
  for (const tool of request.tools ?? [])
    text += tool.name + tool.description + JSON.stringify(tool.parameters);
  return estimateTokens(text);
}
