import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApprovalOptionInfo, ApprovalPromptInfo } from '@palyra/client';
import { approvalChoices, choicesHint, parseApprovalAnswer } from './approval-choices.js';

function option(optionId: string, scope: ApprovalOptionInfo['scope'], timeboxTtlMs = 0): ApprovalOptionInfo {
  return { optionId, label: optionId, description: '', defaultSelected: false, scope, timeboxTtlMs };
}

function prompt(options: ApprovalOptionInfo[]): ApprovalPromptInfo {
  return {
    title: '',
    riskLevel: 'HIGH',
    subjectId: '',
    summary: '',
    options,
    timeoutSeconds: 60,
    policyExplanation: '',
    detailsJson: '',
  };
}

describe('approval choices', () => {
  it('offers once, session and deny for a prompt without options, deny being the capitalised default', () => {
    const choices = approvalChoices(undefined);
    assert.equal(choicesHint(choices), '[o]nce / [s]ession / [N]o');
    assert.deepEqual(
      choices.map((choice) => [choice.optionId, choice.approved, choice.scope]),
      [
        ['allow_once', true, 'ONCE'],
        ['allow_session', true, 'SESSION'],
        ['deny', false, 'ONCE'],
      ],
    );
  });

  it("follows the prompt's options: a deny by id, one choice per scope, a timeboxed one with its duration", () => {
    const choices = approvalChoices(
      prompt([
        option('allow_session', 'SESSION'),
        option('allow_session_again', 'SESSION'),
        option('allow_hour', 'TIMEBOXED', 3_600_000),
        option('allow_forever', 'TIMEBOXED', 0),
        option('reject', 'ONCE'),
      ]),
    );
    assert.equal(choicesHint(choices), '[s]ession / [t]imeboxed (1 h) / [N]o');
    assert.deepEqual(
      choices.map((choice) => choice.optionId),
      ['allow_session', 'allow_hour', 'reject'],
    );
  });

  it('always lets a person deny, even when the prompt lists no deny option', () => {
    const choices = approvalChoices(prompt([option('allow_once', 'ONCE')]));
    assert.equal(choicesHint(choices), '[o]nce / [N]o');
    assert.equal(parseApprovalAnswer('n', choices)?.approved, false);
  });

  it('reads letters, words, option ids and labels in any case; empty denies; y means once', () => {
    const choices = approvalChoices(undefined);
    const scopeOf = (answer: string) => {
      const choice = parseApprovalAnswer(answer, choices);
      return choice === undefined ? undefined : `${choice.approved ? 'allow' : 'deny'}:${choice.scope}`;
    };
    assert.equal(scopeOf(' S '), 'allow:SESSION');
    assert.equal(scopeOf('allow_session'), 'allow:SESSION');
    assert.equal(scopeOf('Allow once'), 'allow:ONCE');
    assert.equal(scopeOf('yes'), 'allow:ONCE');
    assert.equal(scopeOf(''), 'deny:ONCE');
    assert.equal(scopeOf('No'), 'deny:ONCE');
    assert.equal(scopeOf('maybe'), undefined);
    // Without a once option, `y` is not an answer (it would silently become a wider grant).
    const sessionOnly = approvalChoices(prompt([option('allow_session', 'SESSION'), option('deny', 'ONCE')]));
    assert.equal(parseApprovalAnswer('y', sessionOnly), undefined);
  });
});
