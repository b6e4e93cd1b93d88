import type { Logger } from '@palyra/core';
import { isAbortError, throwIfAborted } from './abort.js';
import type { ModelProvider, ModelRequest, ModelStreamEvent } from './model-provider.js';
import {
  type FailedTarget,
  isProviderError,
  ProviderError,
  type ProviderErrorKind,
} from './provider-error.js';
import { type CallTarget, callWithRetries } from './resilience.js';
import type { RouterMetrics } from './router-metrics.js';

/** A profile step with everything needed to call it. */
export interface ProfileTarget extends CallTarget {
  readonly adapter: ModelProvider;
}

/** What `router.profile(name)` returns: a provider that fails over along the profile's targets. */
export interface ProfileProvider extends ModelProvider {
  readonly profile: string;
  readonly targets: readonly { readonly provider: string; readonly model: string }[];
}

export interface ProfileProviderDeps {
  readonly logger: Logger;
  readonly metrics: RouterMetrics;
}

/**
 * Failures after which the next target may do better. A refusal under content policy is not
 * evaded by asking elsewhere, and an invalid request is invalid everywhere; a longer context
 * window or another account can help with the rest.
 */
const FAILOVER_KINDS: ReadonlySet<ProviderErrorKind> = new Set([
  'auth',
  'quota',
  'rate_limited',
  'unavailable',
  'timeout',
  'circuit_open',
  'context_too_long',
]);

interface Opened {
  readonly iterator: AsyncIterator<ModelStreamEvent>;
  readonly first: IteratorResult<ModelStreamEvent>;
}

/**
 * Opens a target's stream up to its first event. This is the unit retries and failover work on:
 * before the first event nothing reached the caller, so another attempt or another target is
 * invisible to it; after it, a failure is the caller's to handle.
 */
async function open(target: ProfileTarget, request: ModelRequest, signal: AbortSignal): Promise<Opened> {
  const iterator = target.adapter.stream({ ...request, model: target.model }, signal)[Symbol.asyncIterator]();
  return { iterator, first: await iterator.next() };
}

function exhausted(
  profile: string,
  failures: readonly { target: ProfileTarget; error: ProviderError }[],
): ProviderError {
  const last = failures.at(-1);
  if (failures.length === 1 && last !== undefined) return last.error;
  // Report the most telling failure: a real upstream answer beats "circuit open" (which only
  // repeats an earlier failure).
  const telling = [...failures].reverse().find((failure) => failure.error.kind !== 'circuit_open') ?? last;
  if (telling === undefined) {
    return new ProviderError({
      kind: 'unavailable',
      provider: profile,
      message: `model profile ${profile} has no targets`,
    });
  }
  const failedTargets: FailedTarget[] = failures.map(({ target, error }) => ({
    provider: target.provider,
    model: target.model,
    kind: error.kind,
    ...(error.status === undefined ? {} : { status: error.status }),
  }));
  const summary = failures
    .map(
      ({ target, error }) =>
        `${target.provider}/${target.model}: ${error.kind}${error.status ? ` ${error.status}` : ''}`,
    )
    .join('; ');
  return new ProviderError({
    kind: telling.error.kind,
    provider: telling.error.provider,
    model: telling.target.model,
    status: telling.error.status,
    message: `every target of model profile ${profile} failed (${summary}); last: ${telling.error.message}`,
    upstreamCode: telling.error.details.upstreamCode,
    requestId: telling.error.details.requestId,
    failedTargets,
  });
}

/**
 * A profile's provider: asks its targets in order. A target is skipped when its circuit is open,
 * retried (per its retry settings) on transient failures, and left for the next one when it
 * fails before its first event with a failure another target may not have. Once a target has
 * yielded, the stream is committed to it. The finish event names the provider and model that
 * answered.
 */
export function createProfileProvider(
  profile: string,
  targets: readonly ProfileTarget[],
  deps: ProfileProviderDeps,
): ProfileProvider {
  const { logger, metrics } = deps;

  async function* relay(
    target: ProfileTarget,
    opened: Opened,
    signal: AbortSignal,
  ): AsyncGenerator<ModelStreamEvent> {
    const { iterator } = opened;
    let result = opened.first;
    let finished = false;
    try {
      while (result.done !== true) {
        const event = result.value;
        if (event.type === 'finish') {
          finished = true;
          metrics.request(target.provider, target.model, 'success');
          yield { ...event, provider: target.provider, model: event.model ?? target.model };
        } else {
          yield event;
        }
        result = await iterator.next();
      }
    } catch (error) {
      metrics.request(
        target.provider,
        target.model,
        signal.aborted || isAbortError(error) ? 'aborted' : 'error',
      );
      throw error;
    } finally {
      // The caller stopped early: close the upstream stream.
      if (result.done !== true) await iterator.return?.();
    }
    if (!finished) metrics.request(target.provider, target.model, 'success');
  }

  async function* stream(request: ModelRequest, signal: AbortSignal): AsyncGenerator<ModelStreamEvent> {
    const failures: { target: ProfileTarget; error: ProviderError }[] = [];
    for (const [index, target] of targets.entries()) {
      throwIfAborted(signal);
      let opened: Opened;
      try {
        opened = await callWithRetries(
          target,
          () => open(target, request, signal),
          signal,
          (notice) =>
            logger.warn(
              {
                profile,
                provider: target.provider,
                model: target.model,
                attempt: notice.attempt,
                delayMs: notice.delayMs,
                kind: notice.error.kind,
                status: notice.error.status,
              },
              'model call failed, retrying',
            ),
        );
      } catch (error) {
        if (signal.aborted || isAbortError(error)) {
          metrics.request(target.provider, target.model, 'aborted');
          throw error;
        }
        const outcome = isProviderError(error) && error.kind === 'circuit_open' ? 'circuit_open' : 'error';
        metrics.request(target.provider, target.model, outcome);
        if (!isProviderError(error) || !FAILOVER_KINDS.has(error.kind)) throw error;
        failures.push({ target, error });
        const next = targets[index + 1];
        if (next !== undefined) {
          logger.warn(
            {
              profile,
              provider: target.provider,
              model: target.model,
              kind: error.kind,
              status: error.status,
              next: `${next.provider}/${next.model}`,
            },
            'model target failed, failing over',
          );
        }
        continue;
      }
      yield* relay(target, opened, signal);
      return;
    }
    throw exhausted(profile, failures);
  }

  return {
    name: targets[0]?.provider ?? profile,
    profile,
    targets: targets.map(({ provider, model }) => ({ provider, model })),
    stream,
  };
}
