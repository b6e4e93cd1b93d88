/** What every measurement gets from main.ts. */
export interface BenchContext {
  /** Short smoke run (seconds per block) instead of the full measurement. */
  readonly quick: boolean;
  readonly natsServers: string;
  /** Progress lines on stderr, so stdout carries only the table. */
  log(message: string): void;
}

/** Picks the quick or the full value of a parameter. */
export function pick<T>(context: BenchContext, values: { readonly quick: T; readonly full: T }): T {
  return context.quick ? values.quick : values.full;
}

/** 320 words of deterministic text: the deterministic provider echoes it as 20 chunks of 16 words. */
export const RUN_INPUT_WORDS = 320;
export const CHUNK_WORDS = 16;

const VOCABULARY = [
  'gateway',
  'replica',
  'stream',
  'journal',
  'worker',
  'event',
  'chain',
  'tenant',
  'budget',
  'token',
  'session',
  'orchestrator',
  'approval',
  'memory',
  'schedule',
  'reflection',
] as const;

export function runInputText(words = RUN_INPUT_WORDS): string {
  const parts: string[] = [];
  for (let index = 0; index < words; index += 1) {
    parts.push(`${VOCABULARY[index % VOCABULARY.length]}${index}`);
  }
  return parts.join(' ');
}
