import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { canonicalJson, chainHash, GENESIS_HASH, sha256Hex } from './canonical.js';

describe('canonicalJson', () => {
  test('does not depend on key insertion order, at any depth', () => {
    const a = { b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } };
    const b = { a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 };
    assert.equal(canonicalJson(a), canonicalJson(b));
    assert.equal(canonicalJson(a), '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  test('has no whitespace and matches JSON.stringify for sorted input', () => {
    const value = { a: 'x y', b: [1, 2.5, -3, true, false, null], c: { d: '' } };
    assert.equal(canonicalJson(value), JSON.stringify(value));
    assert.doesNotMatch(canonicalJson({ k: [1, { j: 2 }] }), /\s/);
  });

  test('keeps array order and nests arrays', () => {
    assert.equal(canonicalJson([3, [2, [1, []]], {}]), '[3,[2,[1,[]]],{}]');
  });

  test('omits undefined properties and encodes undefined array items as null', () => {
    assert.equal(canonicalJson({ a: undefined, b: 1 }), '{"b":1}');
    assert.equal(canonicalJson([undefined, 1]), '[null,1]');
  });

  test('encodes scalars as JSON does', () => {
    assert.equal(canonicalJson(null), 'null');
    assert.equal(canonicalJson(true), 'true');
    assert.equal(canonicalJson(0), '0');
    assert.equal(canonicalJson(-0), '0');
    assert.equal(canonicalJson(1e21), '1e+21');
    assert.equal(canonicalJson(0.1), '0.1');
    assert.equal(canonicalJson('a"b\\c\n'), '"a\\"b\\\\c\\n"');
  });

  test('encodes unicode as JSON.stringify does and sorts keys by UTF-16 code unit', () => {
    assert.equal(
      canonicalJson({ text: 'héllo 😀 \u2028 \u0001' }),
      JSON.stringify({ text: 'héllo 😀 \u2028 \u0001' }),
    );
    // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FF61 by code unit.
    assert.equal(
      canonicalJson({ '\uFF61': 1, '😀': 2, é: 3, e: 4, E: 5 }),
      '{"E":5,"e":4,"é":3,"😀":2,"｡":1}',
    );
  });

  test('rejects values two writers could encode differently', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      assert.throws(() => canonicalJson({ n: bad }), /non-finite number/);
      assert.throws(() => canonicalJson([bad]), /non-finite number/);
    }
    assert.throws(() => canonicalJson({ n: 10n }), /cannot encode a bigint/);
    assert.throws(() => canonicalJson({ f: () => 1 }), /cannot encode a function/);
    assert.throws(() => canonicalJson([Symbol('s')]), /cannot encode a symbol/);
    assert.throws(() => canonicalJson(undefined), /cannot encode a undefined/);
  });
});

describe('hashing', () => {
  test('sha256Hex matches the FIPS 180-2 test vector', () => {
    assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(sha256Hex(new TextEncoder().encode('abc')), sha256Hex('abc'));
  });

  test('GENESIS_HASH is 64 zeros', () => {
    assert.equal(GENESIS_HASH, '0'.repeat(64));
  });

  test('chainHash is sha256(prev_hash | canonical(event)), known answer', () => {
    const event = canonicalJson({ seq: 1, kind: 'message_received', payload: { text: 'hi' } });
    const expected = createHash('sha256').update(`${GENESIS_HASH}|${event}`, 'utf8').digest('hex');
    assert.equal(chainHash(GENESIS_HASH, event), expected);
    assert.equal(
      chainHash(GENESIS_HASH, '{"a":1}'),
      createHash('sha256')
        .update(`${'0'.repeat(64)}|{"a":1}`)
        .digest('hex'),
    );
  });

  test('a chain links each event to the previous hash, and any change breaks it', () => {
    const events = [{ seq: 1 }, { seq: 2, text: 'é' }, { seq: 3 }].map((event) => canonicalJson(event));
    const hashes: string[] = [];
    let prev = GENESIS_HASH;
    for (const event of events) {
      prev = chainHash(prev, event);
      hashes.push(prev);
    }
    assert.equal(new Set(hashes).size, 3);
    for (const hash of hashes) assert.match(hash, /^[0-9a-f]{64}$/);
    const tampered = chainHash(
      chainHash(GENESIS_HASH, events[0] ?? ''),
      canonicalJson({ seq: 2, text: 'e' }),
    );
    assert.notEqual(tampered, hashes[1]);
    assert.notEqual(
      chainHash(hashes[0] ?? '', events[2] ?? ''),
      hashes[2],
      'skipping an event breaks the chain',
    );
  });
});
