import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  isSensitiveKey,
  NON_JSON_MARKER_KEY,
  REDACTED,
  redactJsonBytes,
  redactString,
  redactValue,
} from './redaction.js';

const SENSITIVE_PARTS = [
  'token',
  'secret',
  'password',
  'passwd',
  'api_key',
  'apikey',
  'authorization',
  'cookie',
  'credential',
  'private_key',
  'signature',
];

/** A part spelled as it shows up in the wild: upper, camel, kebab, embedded in a longer key. */
function spellings(part: string): string[] {
  const words = part.split('_');
  const camel = words
    .map((word, index) => (index === 0 ? word : word[0]?.toUpperCase() + word.slice(1)))
    .join('');
  const pascal = camel[0]?.toUpperCase() + camel.slice(1);
  return [
    part,
    part.toUpperCase(),
    camel,
    pascal,
    words.join('-'),
    words.join('-').toUpperCase(),
    `x_${part}`,
    `client-${words.join('-')}`,
    `my${pascal}Value`,
  ];
}

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

describe('isSensitiveKey', () => {
  for (const part of SENSITIVE_PARTS) {
    test(`matches ${part} in any case and with - or _ separators`, () => {
      for (const key of spellings(part)) assert.equal(isSensitiveKey(key), true, key);
    });
  }

  test('does not match ordinary keys', () => {
    for (const key of [
      'name',
      'content',
      'prompt',
      'author',
      'session_id',
      'model',
      'input',
      'text',
      'url',
      'seq',
    ]) {
      assert.equal(isSensitiveKey(key), false, key);
    }
  });
});

describe('redactString', () => {
  test('redacts bearer tokens, keeping the scheme', () => {
    assert.deepEqual(redactString('Authorization: Bearer abc.DEF-ghi_jkl~123'), {
      value: `Authorization: Bearer ${REDACTED}`,
      redacted: true,
    });
    assert.equal(redactString('bearer abcdefghij and more').value, `Bearer ${REDACTED} and more`);
    assert.equal(redactString('BEARER abcdefghij').value, `Bearer ${REDACTED}`);
  });

  test('redacts sk- API keys', () => {
    assert.deepEqual(redactString('key sk-proj-AbCdEfGhIjKlMnOpQrSt end'), {
      value: `key ${REDACTED} end`,
      redacted: true,
    });
    assert.equal(redactString('sk-ant-api03-abcdefghijklmnop').value, REDACTED);
  });

  test('redacts JWT-looking strings', () => {
    assert.deepEqual(redactString(`token=${JWT};`), { value: `token=${REDACTED};`, redacted: true });
  });

  test('redacts every occurrence', () => {
    const result = redactString(`Bearer abcdefghij, ${JWT}, sk-abcdefghijklmnopqrstu`);
    assert.equal(result.value, `Bearer ${REDACTED}, ${REDACTED}, ${REDACTED}`);
  });

  test('leaves ordinary text alone and says so', () => {
    for (const text of [
      'hello world',
      'Bearer short',
      'sk-short',
      'task-0123456789abcdefghijkl',
      'eyJ.not.a.jwt',
      'the bearer of bad news',
    ]) {
      assert.deepEqual(redactString(text), { value: text, redacted: false }, text);
    }
  });
});

describe('redactValue', () => {
  test('replaces values under sensitive keys at any depth, in objects and arrays', () => {
    const input = {
      user: 'ada',
      api_key: 'k-123',
      nested: {
        headers: { Authorization: 'Basic dXNlcjpwYXNz', 'Set-Cookie': 'sid=1', accept: 'json' },
        list: [{ password: 'p' }, { clientSecret: { deep: 'object' } }, 'plain'],
      },
      matrix: [[{ privateKey: 'pem' }]],
    };
    const { value, redacted } = redactValue(input);
    assert.equal(redacted, true);
    assert.deepEqual(value, {
      user: 'ada',
      api_key: REDACTED,
      nested: {
        headers: { Authorization: REDACTED, 'Set-Cookie': REDACTED, accept: 'json' },
        list: [{ password: REDACTED }, { clientSecret: REDACTED }, 'plain'],
      },
      matrix: [[{ privateKey: REDACTED }]],
    });
  });

  test('redacts credential-shaped strings under ordinary keys', () => {
    const { value, redacted } = redactValue({ note: `use Bearer abcdefghijk`, list: [JWT, 'fine'] });
    assert.equal(redacted, true);
    assert.deepEqual(value, { note: `use Bearer ${REDACTED}`, list: [REDACTED, 'fine'] });
  });

  test('keeps token counts that are numbers', () => {
    const usage = {
      prompt_tokens: 12,
      completion_tokens: 30,
      total_tokens: 42,
      max_tokens: 256,
      promptTokens: 12,
      'output-tokens': 3,
      total_token_count: 42,
    };
    assert.deepEqual(redactValue(usage), { value: usage, redacted: false });
  });

  test('still redacts a token count key that holds a string, and a number under a token key', () => {
    const { value, redacted } = redactValue({ prompt_tokens: 'abc', token: 5 });
    assert.equal(redacted, true);
    assert.deepEqual(value, { prompt_tokens: REDACTED, token: REDACTED });
  });

  test('redacted is false when nothing was hidden: null, empty and already redacted values stay', () => {
    const input = {
      password: null,
      token: '',
      secret: REDACTED,
      nested: [{ api_key: null }],
      n: 1,
      ok: true,
    };
    const { value, redacted } = redactValue(input);
    assert.equal(redacted, false);
    assert.deepEqual(value, input);
  });

  test('redacted is false for values without secrets', () => {
    const input = { a: 1, b: 'text', c: [true, null, { d: 'e' }] };
    assert.deepEqual(redactValue(input), { value: input, redacted: false });
  });

  test('redacting twice changes nothing more', () => {
    const once = redactValue({ password: 'p', header: 'Bearer abcdefghijk' });
    const twice = redactValue(once.value);
    assert.deepEqual(twice, { value: once.value, redacted: false });
  });

  test('does not modify its input', () => {
    const input = { password: 'p', nested: { token: 't' } };
    const copy = structuredClone(input);
    redactValue(input);
    assert.deepEqual(input, copy);
  });

  test('passes scalars through', () => {
    assert.deepEqual(redactValue(7), { value: 7, redacted: false });
    assert.deepEqual(redactValue(null), { value: null, redacted: false });
    assert.deepEqual(redactValue(`Bearer abcdefghijk`), { value: `Bearer ${REDACTED}`, redacted: true });
  });
});

describe('redactJsonBytes', () => {
  test('parses JSON bytes and redacts them', () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ query: 'weather', apiKey: 'k' }));
    assert.deepEqual(redactJsonBytes(bytes), {
      value: { query: 'weather', apiKey: REDACTED },
      redacted: true,
    });
    assert.deepEqual(redactJsonBytes('{"a":[1,2]}'), { value: { a: [1, 2] }, redacted: false });
  });

  test('replaces non-JSON bytes by a marker carrying only the size', () => {
    assert.deepEqual(redactJsonBytes(new Uint8Array([0xff, 0xfe, 0x00])), {
      value: { [NON_JSON_MARKER_KEY]: true, byte_length: 3 },
      redacted: true,
    });
    assert.deepEqual(redactJsonBytes('password=hunter2 é'), {
      value: { [NON_JSON_MARKER_KEY]: true, byte_length: 19 },
      redacted: true,
    });
    assert.equal(NON_JSON_MARKER_KEY, 'palyra_non_json_payload');
  });

  test('treats an empty payload as an empty object', () => {
    assert.deepEqual(redactJsonBytes(new Uint8Array()), { value: {}, redacted: false });
    assert.deepEqual(redactJsonBytes(''), { value: {}, redacted: false });
  });
});
