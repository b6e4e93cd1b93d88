import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import {
  bool,
  bytes,
  custom,
  durationMs,
  type EnvField,
  enumOf,
  int,
  list,
  optional,
  port,
  secret,
  text,
  url,
} from './env-field.js';
import { Secret } from './secret.js';

function accepts<T>(field: EnvField<T>, raw: string): T {
  const result = field.schema.safeParse(raw);
  assert.ok(result.success, `${field.name} should accept ${JSON.stringify(raw)}`);
  return result.data;
}

function rejects(field: EnvField<unknown>, raw: string): string {
  const result = field.schema.safeParse(raw);
  assert.equal(result.success, false, `${field.name} should reject ${JSON.stringify(raw)}`);
  return result.error?.issues.map((issue) => issue.message).join('; ') ?? '';
}

describe('durationMs', () => {
  const field = durationMs('PALYRA_DRAIN_TIMEOUT_MS', { description: 'drain deadline' });

  test('accepts plain non-negative integers of milliseconds', () => {
    assert.equal(accepts(field, '0'), 0);
    assert.equal(accepts(field, '30000'), 30_000);
    assert.equal(accepts(field, '+15'), 15);
  });

  test('rejects units, fractions, negatives and non-numbers with a reason', () => {
    for (const raw of ['30s', '1.5', '1e3', '0x10', 'abc', '30_000', '5 ms']) {
      assert.match(rejects(field, raw), /integer number of milliseconds/);
    }
    assert.match(rejects(field, '-1'), /at least 0/);
  });

  test('enforces min and max', () => {
    const bounded = durationMs('PALYRA_X_MS', { description: 'x', min: 100, max: 1000 });
    assert.match(rejects(bounded, '99'), /at least 100 ms/);
    assert.match(rejects(bounded, '1001'), /at most 1000 ms/);
    assert.equal(accepts(bounded, '1000'), 1000);
  });

  test('requires the name to end with _MS', () => {
    // @ts-expect-error the name must carry the unit
    assert.throws(() => durationMs('PALYRA_DRAIN_TIMEOUT', { description: 'x' }), /must end with _MS/);
  });
});

describe('bytes', () => {
  const field = bytes('PALYRA_HTTP_BODY_BYTES', { description: 'body limit' });

  test('accepts integers and binary units in any case', () => {
    assert.equal(accepts(field, '65536'), 65_536);
    assert.equal(accepts(field, '64KiB'), 64 * 1024);
    assert.equal(accepts(field, '4MiB'), 4 * 1024 * 1024);
    assert.equal(accepts(field, '1GiB'), 1024 ** 3);
    assert.equal(accepts(field, '4mib'), 4 * 1024 * 1024);
    assert.equal(accepts(field, '10B'), 10);
    assert.equal(accepts(field, '64 KiB'), 64 * 1024);
  });

  test('rejects decimal units, fractions and negatives', () => {
    assert.match(rejects(field, '64KB'), /unknown unit/);
    assert.match(rejects(field, '4M'), /unknown unit/);
    assert.match(rejects(field, '1.5MiB'), /integer number of bytes/);
    assert.match(rejects(field, '-1'), /integer number of bytes/);
    assert.match(rejects(field, 'lots'), /integer number of bytes/);
    assert.match(rejects(field, '99999999999GiB'), /too large/);
  });

  test('enforces max after applying the unit', () => {
    const bounded = bytes('PALYRA_Y_BYTES', { description: 'y', max: 4 * 1024 * 1024 });
    assert.equal(accepts(bounded, '4MiB'), 4 * 1024 * 1024);
    assert.match(rejects(bounded, '5MiB'), /at most 4194304 bytes/);
  });

  test('formats defaults with the largest exact unit', () => {
    assert.equal(bytes('PALYRA_A_BYTES', { description: 'a' }).format(4 * 1024 * 1024), '4MiB');
    assert.equal(bytes('PALYRA_A_BYTES', { description: 'a' }).format(1000), '1000');
  });

  test('requires the name to end with _BYTES', () => {
    // @ts-expect-error the name must carry the unit
    assert.throws(() => bytes('PALYRA_BODY_LIMIT', { description: 'x' }), /must end with _BYTES/);
  });
});

describe('port', () => {
  const field = port('PALYRA_GRPC_PORT', { description: 'grpc port' });

  test('accepts 0 to 65535', () => {
    assert.equal(accepts(field, '0'), 0);
    assert.equal(accepts(field, '7443'), 7443);
    assert.equal(accepts(field, '65535'), 65_535);
  });

  test('rejects out of range and non-integers', () => {
    assert.match(rejects(field, '65536'), /at most 65535/);
    assert.match(rejects(field, '-1'), /at least 0/);
    assert.match(rejects(field, 'http'), /integer port/);
    assert.match(rejects(field, '80.5'), /integer port/);
  });
});

describe('bool', () => {
  const field = bool('PALYRA_PRETTY_LOGS', { description: 'pretty' });

  test('accepts true/false/1/0 in any case', () => {
    for (const raw of ['true', 'TRUE', 'True', '1']) assert.equal(accepts(field, raw), true);
    for (const raw of ['false', 'FALSE', 'False', '0']) assert.equal(accepts(field, raw), false);
  });

  test('rejects other spellings', () => {
    for (const raw of ['yes', 'no', 'on', 'off', '2', 't']) assert.match(rejects(field, raw), /boolean/);
  });
});

describe('int', () => {
  test('accepts signed integers within bounds', () => {
    const field = int('PALYRA_CONCURRENCY', { description: 'c', min: -5, max: 64 });
    assert.equal(accepts(field, '-5'), -5);
    assert.equal(accepts(field, '64'), 64);
    assert.match(rejects(field, '65'), /at most 64/);
    assert.match(rejects(field, '-6'), /at least -5/);
    assert.equal(field.expected, 'an integer from -5 to 64');
  });

  test('rejects fractions, exponents and unsafe integers', () => {
    const field = int('PALYRA_N', { description: 'n' });
    for (const raw of ['1.0', '1e3', '0x1f', 'ten', '']) assert.match(rejects(field, raw), /integer/);
    assert.match(rejects(field, '9007199254740993'), /too large/);
  });
});

describe('url', () => {
  test('accepts absolute URLs and keeps the string', () => {
    const field = url('PALYRA_OTLP_URL', { description: 'u' });
    assert.equal(accepts(field, 'https://collector:4318/v1'), 'https://collector:4318/v1');
  });

  test('rejects relative URLs and other schemes', () => {
    const field = url('PALYRA_DATABASE_URL', { description: 'db', protocols: ['postgres', 'postgresql:'] });
    assert.equal(accepts(field, 'postgresql://u:p@db/palyra'), 'postgresql://u:p@db/palyra');
    assert.match(rejects(field, 'db:5432/palyra'), /scheme/);
    assert.match(rejects(field, '/palyra'), /absolute URL/);
    assert.match(rejects(field, 'mysql://db/palyra'), /postgres or postgresql scheme/);
    assert.match(field.expected, /postgres or postgresql/);
  });
});

describe('enumOf', () => {
  const field = enumOf('PALYRA_LOG_LEVEL', ['debug', 'info', 'warn', 'error'], { description: 'level' });

  test('accepts only the listed values, exactly', () => {
    const level: 'debug' | 'info' | 'warn' | 'error' = accepts(field, 'warn');
    assert.equal(level, 'warn');
    assert.match(rejects(field, 'WARN'), /not an allowed value/);
    assert.match(rejects(field, 'verbose'), /not an allowed value/);
    assert.equal(field.expected, 'one of debug, info, warn, error');
  });
});

describe('list', () => {
  const field = list('PALYRA_NATS_SERVERS', { description: 'servers' });

  test('splits on commas, trims items and drops empty ones', () => {
    assert.deepEqual(accepts(field, 'a, b ,c'), ['a', 'b', 'c']);
    assert.deepEqual(accepts(field, 'a,,b,'), ['a', 'b']);
    assert.deepEqual(accepts(field, 'single'), ['single']);
  });

  test('formats defaults back to the comma form', () => {
    assert.equal(field.format(['x', 'y']), 'x,y');
  });
});

describe('text', () => {
  test('accepts any text without a pattern', () => {
    assert.equal(accepts(text('PALYRA_NAME', { description: 'n' }), 'gateway-1'), 'gateway-1');
  });

  test('checks the pattern and describes it', () => {
    const field = text('PALYRA_STREAM_PREFIX', {
      description: 'p',
      pattern: /^[A-Z_]+$/,
      patternDescription: 'upper-case letters and underscores',
    });
    assert.match(rejects(field, 'lower'), /expected form/);
    assert.equal(field.expected, 'upper-case letters and underscores');
  });
});

describe('secret', () => {
  const field = secret('PALYRA_ADMIN_TOKEN', { description: 'admin token', minLength: 16 });

  test('wraps the value so only reveal() returns it', () => {
    const value = accepts(field, 'abcdefghijklmnopqrstuvwxyz');
    assert.ok(value instanceof Secret);
    assert.equal(value.reveal(), 'abcdefghijklmnopqrstuvwxyz');
  });

  test('reports length problems without the value', () => {
    const message = rejects(field, 'short-value');
    assert.match(message, /at least 16 characters/);
    assert.doesNotMatch(message, /short-value/);
  });

  test('has no default, at compile time and at run time', () => {
    const options = { description: 's', default: 'hunter2' };
    // @ts-expect-error secrets take no default
    assert.throws(() => secret('PALYRA_S', options), /must not have a default/);
  });

  test('is marked secret and documents no default', () => {
    assert.equal(field.secret, true);
    assert.equal(field.hasDefault, false);
    assert.equal(field.format(new Secret('x')), '<redacted>');
  });
});

describe('optional', () => {
  test('marks a field optional', () => {
    const field = optional(url('PALYRA_NATS_URL', { description: 'nats' }));
    assert.equal(field.optional, true);
    assert.equal(field.format(undefined), '');
  });

  test('refuses a field that has a default', () => {
    assert.throws(() => optional(port('PALYRA_P', { description: 'p', default: 1 })), /has a default/);
  });
});

describe('builder checks', () => {
  test('names must be UPPER_SNAKE_CASE', () => {
    assert.throws(() => port('palyra_port', { description: 'p' }), /UPPER_SNAKE_CASE/);
    assert.throws(() => port('PALYRA-PORT', { description: 'p' }), /UPPER_SNAKE_CASE/);
  });

  test('a default the parser would reject is a programming error', () => {
    assert.throws(
      () => port('PALYRA_P', { description: 'p', default: 70_000 }),
      /not accepted by its own parser/,
    );
    assert.throws(
      () => durationMs('PALYRA_T_MS', { description: 't', default: 1.5 }),
      /not accepted by its own parser/,
    );
  });

  test('custom takes any zod schema over the raw string', () => {
    const field = custom(
      'PALYRA_RATIO',
      z.string().transform((raw, ctx) => {
        const value = Number(raw);
        if (!(value >= 0 && value <= 1)) {
          ctx.addIssue({ code: 'custom', message: 'must be between 0 and 1' });
          return z.NEVER;
        }
        return value;
      }),
      { description: 'sampling ratio', type: 'ratio', expected: 'a number from 0 to 1', default: 0.5 },
    );
    assert.equal(accepts(field, '0.25'), 0.25);
    assert.match(rejects(field, '2'), /between 0 and 1/);
    assert.equal(field.type, 'ratio');
  });
});
