import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isPalyraError } from './errors.js';
import { isCanonicalUlid, newId, optionalUlid, requireUlid, ulidTimestampMs } from './ids.js';

const VALID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

function thrown(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    assert.ok(isPalyraError(error), 'expected a PalyraError');
    return error;
  }
  return assert.fail('expected a throw');
}

describe('isCanonicalUlid', () => {
  test('accepts 26 upper-case Crockford base32 characters', () => {
    assert.equal(isCanonicalUlid(VALID), true);
    assert.equal(isCanonicalUlid('00000000000000000000000000'), true);
    assert.equal(isCanonicalUlid('7ZZZZZZZZZZZZZZZZZZZZZZZZZ'), true);
    assert.equal(isCanonicalUlid(newId()), true);
  });

  test('rejects lower-case and mixed-case forms (canonical means upper case)', () => {
    assert.equal(isCanonicalUlid(VALID.toLowerCase()), false);
    assert.equal(isCanonicalUlid(`${VALID.slice(0, 25)}${VALID.slice(25).toLowerCase()}`), false);
  });

  test('rejects the wrong length', () => {
    assert.equal(isCanonicalUlid(''), false);
    assert.equal(isCanonicalUlid(VALID.slice(0, 25)), false);
    assert.equal(isCanonicalUlid(`${VALID}0`), false);
    assert.equal(isCanonicalUlid(` ${VALID}`), false);
    assert.equal(isCanonicalUlid(`${VALID}\n`), false);
  });

  test('rejects I, L, O and U (and their lower case) in every position', () => {
    for (const letter of ['I', 'L', 'O', 'U', 'i', 'l', 'o', 'u']) {
      for (let position = 1; position < 26; position++) {
        const id = `${VALID.slice(0, position)}${letter}${VALID.slice(position + 1)}`;
        assert.equal(isCanonicalUlid(id), false, id);
      }
    }
  });

  test('rejects other characters outside the alphabet', () => {
    for (const char of ['-', '_', '!', ' ', '*', 'é']) {
      assert.equal(isCanonicalUlid(`${VALID.slice(0, 10)}${char}${VALID.slice(11)}`), false, char);
    }
  });

  test('rejects a first character above 7 (timestamp beyond 48 bits)', () => {
    for (const first of ['8', '9', 'A', 'Z']) {
      assert.equal(isCanonicalUlid(`${first}${VALID.slice(1)}`), false, first);
    }
    for (const first of ['0', '1', '2', '3', '4', '5', '6', '7']) {
      assert.equal(isCanonicalUlid(`${first}${VALID.slice(1)}`), true, first);
    }
  });
});

describe('requireUlid', () => {
  test('returns a valid id unchanged', () => {
    assert.equal(requireUlid(VALID, 'run_id'), VALID);
  });

  test('says "<field> is required" for a missing value', () => {
    for (const missing of [undefined, null, '']) {
      const error = thrown(() => requireUlid(missing, 'session_id'));
      assert.equal(error.code, 'INVALID_ARGUMENT');
      assert.equal(error.message, 'session_id is required');
      assert.deepEqual(error.violations, [
        { field: 'session_id', code: 'invalid', message: 'session_id is required' },
      ]);
    }
  });

  test('says "<field> must be a canonical ULID" for a malformed value', () => {
    for (const bad of [VALID.toLowerCase(), VALID.slice(1), `8${VALID.slice(1)}`, 'not-a-ulid', ' ']) {
      const error = thrown(() => requireUlid(bad, 'run_id'));
      assert.equal(error.code, 'INVALID_ARGUMENT');
      assert.equal(error.message, 'run_id must be a canonical ULID');
      assert.equal(error.violations[0]?.field, 'run_id');
    }
  });
});

describe('optionalUlid', () => {
  test('treats missing values as absent and validates present ones', () => {
    assert.equal(optionalUlid(undefined, 'device_id'), undefined);
    assert.equal(optionalUlid(null, 'device_id'), undefined);
    assert.equal(optionalUlid('', 'device_id'), undefined);
    assert.equal(optionalUlid(VALID, 'device_id'), VALID);
    assert.equal(
      thrown(() => optionalUlid('abc', 'device_id')).message,
      'device_id must be a canonical ULID',
    );
  });
});

describe('newId', () => {
  // The factory is monotonic for the whole process: an id never encodes an earlier time than the
  // previous one. Each test therefore uses a later instant than anything minted before it.
  let clock = Date.now() + 60_000;
  const later = (): number => {
    clock += 1000;
    return clock;
  };

  test('is canonical and encodes the given time', () => {
    const now = later();
    const id = newId(now);
    assert.equal(isCanonicalUlid(id), true);
    assert.equal(ulidTimestampMs(id), now);
  });

  test('is strictly increasing within one millisecond', () => {
    const now = later();
    const ids = Array.from({ length: 2000 }, () => newId(now));
    assert.equal(new Set(ids).size, ids.length);
    for (let index = 1; index < ids.length; index++) {
      assert.ok((ids[index - 1] ?? '') < (ids[index] ?? ''), `${ids[index - 1]} < ${ids[index]}`);
    }
    assert.ok(ids.every((id) => ulidTimestampMs(id) === now));
  });

  test('sorts across milliseconds in time order', () => {
    const now = later();
    assert.ok(newId(now) < newId(now + 1));
  });

  test('never goes back: an earlier time still sorts after the previous id', () => {
    const now = later();
    const first = newId(now);
    const second = newId(now - 500);
    assert.ok(first < second);
    assert.equal(ulidTimestampMs(second), now);
  });
});

describe('ulidTimestampMs', () => {
  test('decodes the first ten characters as milliseconds', () => {
    assert.equal(ulidTimestampMs('00000000000000000000000000'), 0);
    assert.equal(ulidTimestampMs('7ZZZZZZZZZZZZZZZZZZZZZZZZZ'), 2 ** 48 - 1);
    assert.equal(ulidTimestampMs('0000000001ZZZZZZZZZZZZZZZZ'), 1);
    assert.equal(ulidTimestampMs('00000000100000000000000000'), 32);
  });
});
