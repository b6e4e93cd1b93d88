import type { ModelMessage, ModelTool } from './model-provider.js';

/** What OpenAI and Anthropic accept as a tool name. */
export const PROVIDER_TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const MAX_LENGTH = 64;

/**
 * The names one request's tools travel under, and the way back. Built per request from the tools
 * offered and the names already used in the conversation, so the same Palyra name always maps to
 * the same wire name within a conversation and two Palyra names never share one.
 */
export interface ToolNameMap {
  /** The wire name for a Palyra name (names not seen at build time get one too, stably). */
  toProvider(palyraName: string): string;
  /** The Palyra name for a wire name the model used; unknown names come back unchanged. */
  toPalyra(providerName: string): string;
}

function sanitize(name: string): string {
  const replaced = name.replace(/[^a-zA-Z0-9_-]/g, '_');
  return (replaced === '' ? 'tool' : replaced).slice(0, MAX_LENGTH);
}

function withSuffix(base: string, suffix: number): string {
  const tail = `_${suffix}`;
  return base.slice(0, MAX_LENGTH - tail.length) + tail;
}

/** Palyra names in the order they are first met: offered tools, then calls in the history. */
function namesIn(tools: readonly ModelTool[], messages: readonly ModelMessage[]): string[] {
  const names: string[] = tools.map((tool) => tool.name);
  for (const message of messages) {
    if (message.role === 'assistant') for (const call of message.toolCalls ?? []) names.push(call.name);
    else if (message.role === 'tool') names.push(message.toolName);
  }
  return names;
}

/**
 * `palyra.echo` -> `palyra_echo`. Names that are already valid keep their spelling (when no other
 * name claimed it first); a collision (`a.b` and `a_b`) gets `_2`, `_3`, ... Valid names are
 * placed first so a tool literally named `a_b` keeps its name and `a.b` is the one suffixed.
 */
export function createToolNameMap(
  tools: readonly ModelTool[] = [],
  messages: readonly ModelMessage[] = [],
): ToolNameMap {
  const toWire = new Map<string, string>();
  const toPalyra = new Map<string, string>();
  const assign = (palyraName: string): string => {
    const existing = toWire.get(palyraName);
    if (existing !== undefined) return existing;
    const base = sanitize(palyraName);
    let wire = base;
    for (let suffix = 2; toPalyra.has(wire); suffix += 1) wire = withSuffix(base, suffix);
    toWire.set(palyraName, wire);
    toPalyra.set(wire, palyraName);
    return wire;
  };
  const unique = [...new Set(namesIn(tools, messages))];
  for (const name of unique) if (PROVIDER_TOOL_NAME.test(name)) assign(name);
  for (const name of unique) assign(name);
  return {
    toProvider: assign,
    toPalyra: (providerName) => toPalyra.get(providerName) ?? providerName,
  };
}
