import { canonicalJson, type Logger, silentLogger } from '@palyra/core';
import { raceAbort, ToolAbortError } from './abort.js';
import { attestationSha256 } from './attestation.js';
import { cutText, storedJsonBytes, TOOL_ERROR_MAX_CHARS, TOOL_OUTPUT_MAX_BYTES } from './output-limit.js';
import type { ToolRegistry } from './registry.js';
import { type ToolContext, ToolError } from './tool-definition.js';

export interface ToolExecution {
  readonly success: boolean;
  /** The result's canonical JSON text; '' when the call failed. */
  readonly outputJson: string;
  /** `<code>: <message>` when the call failed (codes below), '' on success. Shown to the model. */
  readonly error: string;
  readonly timedOut: boolean;
  readonly startedAtMs: number;
  readonly finishedAtMs: number;
  /** attestationSha256 over this execution (inputJson = canonicalJson(input)). */
  readonly executionSha256: string;
}

export interface ExecuteToolOptions {
  /** Unexpected tool failures are logged here with their stack (the model only hears "internal"). */
  readonly logger?: Logger;
}

/** Raised on our own controller when the call outlives its timeout. */
class ToolTimeoutError extends Error {
  override readonly name = 'ToolTimeoutError';
}

interface Outcome {
  readonly success: boolean;
  readonly outputJson: string;
  readonly error: string;
  readonly timedOut: boolean;
}

function failure(code: string, message: string, timedOut = false): Outcome {
  return {
    success: false,
    outputJson: '',
    error: cutText(`${code}: ${message}`, TOOL_ERROR_MAX_CHARS),
    timedOut,
  };
}

/**
 * Runs one allowed call. Tool failures never throw: an unknown tool, arguments that fail the
 * schema, a ToolError, an unexpected error, a non-JSON or oversized result and a timeout all
 * come back as `success: false` with an error the model can read (codes: unknown_tool,
 * invalid_input, timeout, output_too_large, internal, or the tool's own ToolError code). Only the
 * caller's abort (`context.signal`: cancel, run deadline) rejects, with an error named
 * `AbortError`, because then the run stops rather than tells the model. A tool that ignores its
 * signal is abandoned at the deadline, not awaited.
 */
export async function executeTool(
  registry: ToolRegistry,
  name: string,
  input: unknown,
  context: ToolContext,
  timeoutMs: number,
  options: ExecuteToolOptions = {},
): Promise<ToolExecution> {
  if (context.signal.aborted) throw new ToolAbortError(context.signal);
  const logger = options.logger ?? silentLogger;
  const startedAtMs = Date.now();
  let inputJson = '';
  const finish = (outcome: Outcome): ToolExecution => {
    const finishedAtMs = Date.now();
    return {
      ...outcome,
      startedAtMs,
      finishedAtMs,
      executionSha256: attestationSha256({
        toolName: name,
        inputJson,
        startedAtMs,
        finishedAtMs,
        ...outcome,
      }),
    };
  };

  try {
    inputJson = canonicalJson(input);
  } catch {
    return finish(failure('invalid_input', 'the arguments are not a JSON value'));
  }
  const tool = registry.get(name);
  if (tool === undefined) return finish(failure('unknown_tool', `unknown tool ${name}`));
  const validation = registry.validateInput(name, input);
  if (!validation.ok) return finish(failure('invalid_input', validation.summary));

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new ToolTimeoutError(`${name} did not finish within ${timeoutMs} ms`));
  }, timeoutMs);
  const onAbort = (): void => controller.abort(context.signal.reason);
  context.signal.addEventListener('abort', onAbort, { once: true });
  const toolContext: ToolContext = {
    tenantId: context.tenantId,
    sessionId: context.sessionId,
    runId: context.runId,
    principal: context.principal,
    signal: controller.signal,
    readSessionHistory: (limit) => context.readSessionHistory(limit),
  };
  try {
    const result = await raceAbort(
      // A synchronous throw inside execute becomes a rejection like any other failure.
      Promise.resolve().then(() => tool.execute(input, toolContext)),
      controller.signal,
    );
    let outputJson: string;
    try {
      outputJson = canonicalJson(result);
    } catch (error) {
      logger.error(
        { err: error, tool: name, runId: context.runId },
        'tool returned a value that is not JSON',
      );
      return finish(failure('internal', `${name} returned a value that is not JSON`));
    }
    const bytes = storedJsonBytes(outputJson);
    if (bytes > TOOL_OUTPUT_MAX_BYTES) {
      return finish(
        failure(
          'output_too_large',
          `${name} returned ${bytes} bytes, over the limit of ${TOOL_OUTPUT_MAX_BYTES}`,
        ),
      );
    }
    return finish({ success: true, outputJson, error: '', timedOut: false });
  } catch (error) {
    if (context.signal.aborted) throw new ToolAbortError(context.signal);
    if (timedOut) return finish(failure('timeout', `${name} did not finish within ${timeoutMs} ms`, true));
    if (error instanceof ToolError) return finish(failure(error.code, error.message));
    logger.error(
      {
        err: error,
        tool: name,
        tenantId: context.tenantId,
        sessionId: context.sessionId,
        runId: context.runId,
      },
      'tool failed unexpectedly',
    );
    return finish(failure('internal', `${name} failed unexpectedly`));
  } finally {
    clearTimeout(timer);
    context.signal.removeEventListener('abort', onAbort);
  }
}
