import { newId } from '@palyra/core';
import type { SessionHistoryMessage, ToolContext } from '../src/tool-definition.js';

/** A context as the orchestrator builds it; tests override what they exercise. */
export function toolContext(overrides: Partial<ToolContext> = {}): ToolContext {
  const history: readonly SessionHistoryMessage[] = [];
  return {
    tenantId: 'default',
    sessionId: newId(),
    runId: newId(),
    principal: 'user:test',
    signal: new AbortController().signal,
    readSessionHistory: async (limit) => history.slice(-limit),
    ...overrides,
  };
}
