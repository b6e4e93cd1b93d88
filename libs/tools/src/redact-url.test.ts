import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactArguments, redactUrl } from './redact-url.js';

describe('redactUrl', () => {
  it('hides passwords and sensitive query parameters, keeping the rest', () => {
    assert.equal(
      redactUrl('https://bob:hunter2@example.com/x?api_key=k&access_token=t&q=cats#top'),
      'https://bob:%3Credacted%3E@example.com/x?api_key=%3Credacted%3E&access_token=%3Credacted%3E&q=cats#top',
    );
  });

  it('leaves URLs without secrets and non-URLs byte for byte', () => {
    for (const text of [
      'https://example.com/a?q=1&page=2',
      'HTTPS://Example.com',
      'not a url',
      'token=abc',
    ]) {
      assert.equal(redactUrl(text), text);
    }
  });
});

describe('redactArguments', () => {
  it('redacts sensitive keys, credential-shaped strings and URLs at any depth', () => {
    assert.deepEqual(
      redactArguments({
        url: 'https://example.com/?secret=s',
        headers: { Authorization: 'Basic abc', Accept: 'text/html' },
        notes: ['Bearer abcdefghijklmnop', 'plain'],
      }),
      {
        url: 'https://example.com/?secret=%3Credacted%3E',
        headers: { Authorization: '<redacted>', Accept: 'text/html' },
        notes: ['Bearer <redacted>', 'plain'],
      },
    );
  });
});
