import type { ApprovalRiskLevel } from '@palyra/core';

/** One message of the session transcript, as `palyra.session.history` reads it. */
export interface SessionHistoryMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string;
  readonly atUnixMs: number;
}

/** What a tool may know about the call it serves. Tools get nothing else: no journal, no bus. */
export interface ToolContext {
  readonly tenantId: string;
  readonly sessionId: string;
  readonly runId: string;
  readonly principal: string;
  /** Aborted on cancel or timeout: tools must stop promptly and reject (any error will do). */
  readonly signal: AbortSignal;
  /** Read-only session transcript for palyra.session.history, oldest first, at most `limit` messages. */
  readonly readSessionHistory: (limit: number) => Promise<readonly SessionHistoryMessage[]>;
}

export interface ToolDefinition {
  /** The Palyra name, e.g. `palyra.echo` (lower-case dotted segments; providers see a mangled form). */
  readonly name: string;
  /** Shown to the model: what the tool does and when to use it. */
  readonly description: string;
  /** JSON Schema (draft 2020-12) of the arguments object; compiled once by the registry. */
  readonly inputSchema: Readonly<Record<string, unknown>>;
  /** In the default approval-required set. */
  readonly sensitive: boolean;
  readonly riskLevel: ApprovalRiskLevel;
  /**
   * Runs the tool with arguments that passed `inputSchema` (defaults are not filled in: the tool
   * applies them, so the attested input is exactly what the model sent). Returns a JSON value;
   * throws `ToolError` for expected failures.
   */
  execute(input: unknown, context: ToolContext): Promise<unknown>;
  /**
   * One line for approval prompts, e.g. `GET https://example.com/`. Gets the arguments already
   * redacted (values under sensitive keys are `<redacted>`, so not always schema-valid).
   */
  describeCall?(input: unknown): string;
}

/**
 * Expected failures a model can act on (bad target, too many redirects, ...). The code is a short
 * snake_case word, the message says what went wrong; both are shown to the model.
 */
export class ToolError extends Error {
  override readonly name = 'ToolError';
  readonly code: string;

  constructor(code: string, message: string, options?: { readonly cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}
