import type { ApprovalOptionInfo, ApprovalPromptInfo, ApprovalScope } from '@palyra/client';

export type DecisionScope = Exclude<ApprovalScope, 'UNSPECIFIED'>;

/** One answer the approval question accepts. */
export interface ApprovalChoice {
  /** The one-letter answer, shown in brackets: `[o]nce`. */
  readonly key: string;
  /** The word the letter starts, also accepted as an answer. */
  readonly word: string;
  /** The server's label (`Allow once`) or ours when the prompt offers no options. */
  readonly label: string;
  readonly description: string;
  readonly approved: boolean;
  readonly scope: DecisionScope;
  readonly scopeTtlMs: number;
  /** The prompt's option id; '' for a choice the prompt did not list. */
  readonly optionId: string;
}

/**
 * Palyra's three answers (allow once, allow for this session, deny), used when a server sends a
 * prompt without options. Our servers send exactly these, with the same ids.
 */
const STANDARD_OPTIONS: readonly ApprovalOptionInfo[] = [
  option('allow_once', 'Allow once', 'Run this call; ask again next time', 'ONCE'),
  option(
    'allow_session',
    'Allow for this session',
    'Do not ask again for this tool in this session',
    'SESSION',
  ),
  option('deny', 'Deny', 'Do not run this call', 'ONCE'),
];

function option(
  optionId: string,
  label: string,
  description: string,
  scope: DecisionScope,
): ApprovalOptionInfo {
  return { optionId, label, description, defaultSelected: optionId === 'deny', scope, timeboxTtlMs: 0 };
}

// A deny option differs from "allow once" only by its id (both carry scope ONCE), so ids decide.
const DENY_ID = /^(deny|reject|decline)/i;

const ALLOW_KEYS: Readonly<Record<DecisionScope, { readonly key: string; readonly word: string }>> = {
  ONCE: { key: 'o', word: 'once' },
  SESSION: { key: 's', word: 'session' },
  TIMEBOXED: { key: 't', word: 'timeboxed' },
};

/** The deny choice, also what an empty answer, end of input or Ctrl-C means. */
export const DENY_CHOICE_KEY = 'n';

/**
 * The choices of a prompt, in the server's order with deny last: one per scope the prompt offers
 * (a second option with the same scope is dropped: its letter is taken), and always a deny, which
 * a person may choose whether or not the server lists it.
 */
export function approvalChoices(prompt: ApprovalPromptInfo | undefined): ApprovalChoice[] {
  const offered = prompt !== undefined && prompt.options.length > 0 ? prompt.options : STANDARD_OPTIONS;
  const allows = new Map<DecisionScope, ApprovalChoice>();
  let deny: ApprovalChoice | undefined;
  for (const candidate of offered) {
    if (DENY_ID.test(candidate.optionId)) {
      deny ??= denyChoice(candidate.label, candidate.description, candidate.optionId);
      continue;
    }
    const scope: DecisionScope = candidate.scope === 'UNSPECIFIED' ? 'ONCE' : candidate.scope;
    if (allows.has(scope)) continue;
    // A timeboxed grant without a duration would be refused by the server.
    if (scope === 'TIMEBOXED' && candidate.timeboxTtlMs <= 0) continue;
    allows.set(scope, {
      ...ALLOW_KEYS[scope],
      label: candidate.label || `Allow (${scope.toLowerCase()})`,
      description: candidate.description,
      approved: true,
      scope,
      scopeTtlMs: scope === 'TIMEBOXED' ? candidate.timeboxTtlMs : 0,
      optionId: candidate.optionId,
    });
  }
  return [...allows.values(), deny ?? denyChoice('Deny', 'Do not run this call', '')];
}

function denyChoice(label: string, description: string, optionId: string): ApprovalChoice {
  return {
    key: DENY_CHOICE_KEY,
    word: 'no',
    label: label || 'Deny',
    description,
    approved: false,
    scope: 'ONCE',
    scopeTtlMs: 0,
    optionId,
  };
}

/** `[o]nce / [s]ession / [N]o`: the default (deny) in capitals, as y/N prompts do. */
export function choicesHint(choices: readonly ApprovalChoice[]): string {
  return choices
    .map((choice) => {
      const key = choice.approved ? choice.key : choice.key.toUpperCase();
      const rest = choice.word.slice(1);
      const ttl = choice.scope === 'TIMEBOXED' ? ` (${formatDuration(choice.scopeTtlMs)})` : '';
      return `[${key}]${rest}${ttl}`;
    })
    .join(' / ');
}

/**
 * The choice an answer names: its letter, its word, the option id or label (any case); `y`/`yes`
 * mean "once", as the old y/N question did. Empty means deny. Undefined: not an answer.
 */
export function parseApprovalAnswer(
  answer: string,
  choices: readonly ApprovalChoice[],
): ApprovalChoice | undefined {
  const text = answer.trim().toLowerCase();
  const deny = choices.find((choice) => !choice.approved);
  if (text === '') return deny;
  if (text === 'y' || text === 'yes')
    return choices.find((choice) => choice.approved && choice.scope === 'ONCE');
  return choices.find(
    (choice) =>
      text === choice.key ||
      text === choice.word ||
      (choice.optionId !== '' && text === choice.optionId.toLowerCase()) ||
      text === choice.label.toLowerCase(),
  );
}

function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1_000 === 0) return `${ms / 1_000} s`;
  return `${ms} ms`;
}
