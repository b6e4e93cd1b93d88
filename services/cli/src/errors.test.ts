import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PalyraClientError } from '@palyra/client';
import { PalyraError } from '@palyra/core';
import { CliError, exitCodeOf, formatError, usageError } from './errors.js';

describe('error formatting', () => {
  it('prints one line with the message and the code', () => {
    assert.equal(
      formatError(new PalyraClientError(7, 'token expired')),
      'error: token expired (PERMISSION_DENIED)\n',
    );
    assert.equal(
      formatError(new PalyraError('INVALID_ARGUMENT', 'subject is required')),
      'error: subject is required (INVALID_ARGUMENT)\n',
    );
    assert.equal(
      formatError(usageError('--session-id must be a canonical ULID')),
      'error: --session-id must be a canonical ULID (USAGE)\n',
    );
    assert.equal(formatError(new TypeError('boom')), 'error: boom (INTERNAL)\n');
  });

  it('adds the stack trace only in debug mode', () => {
    const error = new CliError('CONFIG_INVALID', 'bad config');
    assert.doesNotMatch(formatError(error), /at /);
    const debug = formatError(error, true);
    assert.match(debug, /^error: bad config \(CONFIG_INVALID\)\nCliError: bad config\n\s+at /);
  });

  it('exits 2 for usage errors and 1 for everything else', () => {
    assert.equal(exitCodeOf(usageError('x')), 2);
    assert.equal(exitCodeOf(new PalyraClientError(14, 'down')), 1);
    assert.equal(exitCodeOf(new Error('x')), 1);
  });
});
