/**
 * Redaction runs before anything is hashed or stored, so secrets never enter the journal and the
 * chain still verifies. It is deliberately conservative: a false positive costs a little context,
 * a false negative leaks a credential into an append-only store.
 */
export const REDACTED = '<redacted>';

/** Stored in place of a payload that is not valid JSON (raw bytes could hide anything). */
export const NON_JSON_MARKER_KEY = 'palyra_non_json_payload';

const SENSITIVE_KEY_PARTS = [
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
  'privatekey',
  'signature',
] as const;

// Usage counters (`prompt_tokens`, `max_tokens`, `total_token_count`) are numbers, not credentials.
const TOKEN_COUNT_KEY = /(tokens|token_count)$/;

const SECRET_PATTERNS: readonly RegExp[] = [
  /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /\bsk-[A-Za-z0-9_-]{16,}/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
];

export interface Redacted<T> {
  readonly value: T;
  /** True when anything was replaced. */
  readonly redacted: boolean;
}

export function isSensitiveKey(key: string): boolean {
  const normalized = key.toLowerCase().replaceAll('-', '_');
  return SENSITIVE_KEY_PARTS.some((part) => normalized.includes(part));
}

export function redactString(input: string): Redacted<string> {
  let redacted = false;
  let value = input;
  for (const pattern of SECRET_PATTERNS) {
    value = value.replace(pattern, (match) => {
      redacted = true;
      return /^bearer\s/i.test(match) ? `Bearer ${REDACTED}` : REDACTED;
    });
  }
  return { value, redacted };
}

/** Deep-redacts a JSON value. Returns a new value; the input is not modified. */
export function redactValue(input: unknown): Redacted<unknown> {
  let redacted = false;
  const visit = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const result = redactString(value);
      if (result.redacted) redacted = true;
      return result.value;
    }
    if (Array.isArray(value)) return value.map(visit);
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(value)) {
        if (isSensitiveKey(key) && !(typeof child === 'number' && TOKEN_COUNT_KEY.test(key.toLowerCase()))) {
          if (child !== null && child !== '' && child !== REDACTED) redacted = true;
          // Nothing to hide in null or '': keep them, so `redacted: false` always means "unchanged".
          out[key] = child === null || child === '' ? child : REDACTED;
        } else {
          out[key] = visit(child);
        }
      }
      return out;
    }
    return value;
  };
  return { value: visit(input), redacted };
}

/**
 * Redacts a payload that arrives as bytes (e.g. `payload_json`). Non-JSON input is replaced by a
 * marker carrying only its size, since its content cannot be inspected for secrets.
 */
export function redactJsonBytes(bytes: Uint8Array | string): Redacted<unknown> {
  const text = typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8');
  const byteLength = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength;
  if (byteLength === 0) return { value: {}, redacted: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { value: { [NON_JSON_MARKER_KEY]: true, byte_length: byteLength }, redacted: true };
  }
  return redactValue(parsed);
}
