// Canonical ULIDs without dependencies: 48-bit millisecond time + 80 random bits, Crockford base32,
// upper case, 26 characters. The randomness only has to make collisions negligible across a load
// test (80 bits), not be unpredictable, so Math.random is enough.

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * @param {number} [now] milliseconds since the epoch
 * @returns {string}
 */
export function ulid(now = Date.now()) {
  let time = '';
  let rest = Math.floor(now);
  for (let index = 0; index < 10; index += 1) {
    time = CROCKFORD.charAt(rest % 32) + time;
    rest = Math.floor(rest / 32);
  }
  let random = '';
  for (let index = 0; index < 16; index += 1) {
    random += CROCKFORD.charAt(Math.floor(Math.random() * 32));
  }
  return time + random;
}

const CANONICAL = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

/**
 * @param {string} value
 * @returns {boolean}
 */
export function isUlid(value) {
  return CANONICAL.test(value);
}
