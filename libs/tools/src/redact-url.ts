import { isSensitiveKey, REDACTED, redactValue } from '@palyra/core';

/**
 * `https://u:pw@host/?api_key=abc` -> `https://u:<redacted>@host/?api_key=<redacted>`. Core's
 * redactor sees keys of objects, not the query of a URL inside a string, and a URL is where a
 * model puts the key it was given. Anything that is not an absolute URL is returned unchanged.
 */
export function redactUrl(raw: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) || !URL.canParse(raw)) return raw;
  const url = new URL(raw);
  let changed = false;
  for (const key of new Set(url.searchParams.keys())) {
    if (isSensitiveKey(key)) {
      url.searchParams.set(key, REDACTED);
      changed = true;
    }
  }
  if (url.password !== '') {
    url.password = REDACTED;
    changed = true;
  }
  return changed ? url.href : raw;
}

/** Core's deep redaction plus `redactUrl` on every string: for arguments shown to people. */
export function redactArguments(value: unknown): unknown {
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') return redactUrl(node);
    if (Array.isArray(node)) return node.map(visit);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, visit(child)]));
    }
    return node;
  };
  return visit(redactValue(value).value);
}
