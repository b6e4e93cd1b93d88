import { PalyraError } from './errors.js';

export const RUN_STATES = ['pending', 'accepted', 'in_progress', 'done', 'failed', 'cancelled'] as const;
export type RunState = (typeof RUN_STATES)[number];

const TRANSITIONS: Readonly<Record<RunState, readonly RunState[]>> = {
  pending: ['accepted'],
  accepted: ['in_progress', 'failed', 'cancelled'],
  in_progress: ['done', 'failed', 'cancelled'],
  done: [],
  failed: [],
  cancelled: [],
};

export function isRunState(value: string): value is RunState {
  return (RUN_STATES as readonly string[]).includes(value);
}

export function isTerminalRunState(state: RunState): boolean {
  return TRANSITIONS[state].length === 0;
}

export function canTransition(from: RunState, to: RunState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The states a run may be in for `to` to be reachable in one step (used in guarded UPDATEs). */
export function predecessorsOf(to: RunState): RunState[] {
  return RUN_STATES.filter((from) => TRANSITIONS[from].includes(to));
}

export function assertTransition(from: RunState, to: RunState): void {
  if (!canTransition(from, to)) {
    throw new PalyraError('INVALID_STATE_TRANSITION', `invalid run state transition from ${from} to ${to}`, {
      details: { from, to },
    });
  }
}

/** A run's state with the transition rules of the Palyra protocol. */
export class RunStateMachine {
  #state: RunState;

  constructor(initial: RunState = 'pending') {
    this.#state = initial;
  }

  get state(): RunState {
    return this.#state;
  }

  get isTerminal(): boolean {
    return isTerminalRunState(this.#state);
  }

  transition(to: RunState): RunState {
    assertTransition(this.#state, to);
    this.#state = to;
    return to;
  }
}
