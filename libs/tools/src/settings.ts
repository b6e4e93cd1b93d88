import {
  bool,
  bytes,
  type ConfigOf,
  custom,
  durationMs,
  type EnvField,
  formatBytes,
  int,
} from '@palyra/config';
import { LIMITS } from '@palyra/core';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { BUILTIN_TOOL_NAMES, SENSITIVE_BUILTIN_TOOL_NAMES } from './builtin-names.js';
import type { HostLookup } from './http/target-guard.js';
import { TOOL_OUTPUT_MAX_BYTES } from './output-limit.js';

const NONE = 'none';

function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Items are reported by position: config errors never quote values back. */
function positions(indexes: readonly number[]): string {
  const ordinals = indexes.map((index) => String(index + 1));
  return ordinals.length === 1 ? `item ${ordinals[0]} is` : `items ${ordinals.join(', ')} are`;
}

/**
 * A comma list of built-in tool names; unknown names fail at startup (a typo would otherwise
 * silently disable a tool or, worse, drop an approval requirement). With `allowNone`, the word
 * `none` stands for the empty list, because an empty variable means "use the default".
 */
function toolNameList(
  name: string,
  options: { readonly description: string; readonly default: readonly string[]; readonly allowNone: boolean },
): EnvField<readonly string[]> {
  const known: readonly string[] = BUILTIN_TOOL_NAMES;
  const schema = z.string().transform((raw, ctx): readonly string[] => {
    if (options.allowNone && raw.trim().toLowerCase() === NONE) return Object.freeze([]);
    const items = splitList(raw);
    const unknown = items.flatMap((item, index) => (known.includes(item) ? [] : [index]));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `${positions(unknown)} not a known tool (known tools: ${known.join(', ')})`,
      });
      return z.NEVER;
    }
    return Object.freeze([...new Set(items)]);
  });
  return custom(name, schema, {
    description: options.description,
    default: options.default,
    type: 'list',
    expected: `a comma-separated list of tool names from ${known.join(', ')}${options.allowNone ? `, or ${NONE}` : ''}`,
    format: (value) => (value.length === 0 && options.allowNone ? NONE : value.join(',')),
  });
}

/** IPv4/IPv6 addresses or CIDR ranges, normalised (`10.0.0.0/8`, `fd00::/8`, `192.0.2.7/32`). */
function cidrList(name: string, description: string): EnvField<readonly string[]> {
  const schema = z.string().transform((raw, ctx): readonly string[] => {
    const items = splitList(raw);
    const bad = items.flatMap((item, index) =>
      ipaddr.isValidCIDR(item) || ipaddr.isValid(item) ? [] : [index],
    );
    if (bad.length > 0) {
      ctx.addIssue({ code: 'custom', message: `${positions(bad)} not an IP address or CIDR range` });
      return z.NEVER;
    }
    return Object.freeze(items.map(normaliseCidr));
  });
  return custom(name, schema, {
    description,
    default: [],
    type: 'list',
    expected: 'a comma-separated list of IP addresses or CIDR ranges, e.g. 10.1.2.3,192.168.0.0/16,fd00::/8',
    format: (value) => value.join(','),
  });
}

export function normaliseCidr(item: string): string {
  if (ipaddr.isValidCIDR(item)) {
    const [address, prefix] = ipaddr.parseCIDR(item);
    return `${address.toString()}/${prefix}`;
  }
  const address = ipaddr.parse(item);
  return `${address.toString()}/${address.kind() === 'ipv4' ? 32 : 128}`;
}

const HTTP_FETCH_MAX_RESPONSE_BYTES = 256 * 1024;

/**
 * Tool-call variables, for a service's config spec (mounted as `tools: toolCallSpec`, read back
 * with `toolSettingsFrom(config.tools)`). Parsed with the rest of the service's config, so a bad
 * value is reported with every other one.
 */
export const toolCallSpec = {
  allowedTools: toolNameList('PALYRA_TOOL_CALL_ALLOWED_TOOLS', {
    description: 'Tools models may call (empty = every built-in tool); an agent allowlist narrows it further',
    default: [],
    allowNone: false,
  }),
  approvalRequiredTools: toolNameList('PALYRA_TOOL_CALL_APPROVAL_REQUIRED_TOOLS', {
    description:
      'Tools that need a human approval before each call (`none` = no approvals); default: the sensitive ones',
    default: SENSITIVE_BUILTIN_TOOL_NAMES,
    allowNone: true,
  }),
  maxCallsPerRun: int('PALYRA_TOOL_CALL_MAX_CALLS_PER_RUN', {
    description: 'Tool calls one run may make; one more fails the run naming this limit',
    default: LIMITS.toolCallsPerRunDefault,
    min: 1,
    max: 1_000,
  }),
  callTimeoutMs: durationMs('PALYRA_TOOL_CALL_TIMEOUT_MS', {
    description: 'Longest one tool call may run; then it fails as timed out and the model is told',
    default: 10_000,
    min: 1,
    max: 600_000,
  }),
  approvalTimeoutMs: durationMs('PALYRA_TOOL_APPROVAL_TIMEOUT_MS', {
    description: 'How long a tool call waits for an approval before it is denied',
    default: LIMITS.approvalTimeoutMs,
    min: 1,
    max: 3_600_000,
  }),
  httpFetch: {
    allowPrivateTargets: bool('PALYRA_HTTP_FETCH_ALLOW_PRIVATE_TARGETS', {
      description: 'Let palyra.http.fetch reach private, loopback, link-local and other non-public addresses',
      default: false,
    }),
    allowedPrivateCidrs: cidrList(
      'PALYRA_HTTP_FETCH_ALLOWED_PRIVATE_CIDRS',
      'Non-public addresses palyra.http.fetch may reach although private targets are blocked (e.g. one internal API)',
    ),
    maxResponseBytes: bytes('PALYRA_HTTP_FETCH_MAX_RESPONSE_BYTES', {
      description: `Most response body bytes palyra.http.fetch reads; the body is cut further if the tool output would exceed ${formatBytes(TOOL_OUTPUT_MAX_BYTES)}`,
      default: HTTP_FETCH_MAX_RESPONSE_BYTES,
      min: 1,
      max: HTTP_FETCH_MAX_RESPONSE_BYTES,
    }),
    timeoutMs: durationMs('PALYRA_HTTP_FETCH_TIMEOUT_MS', {
      description: 'Longest one palyra.http.fetch may take, redirects and body included',
      default: 10_000,
      min: 1,
      max: 600_000,
    }),
    maxRedirects: int('PALYRA_HTTP_FETCH_MAX_REDIRECTS', {
      description: 'Redirects palyra.http.fetch follows; one more fails the call',
      default: 3,
      min: 0,
      max: 20,
    }),
  },
};

export type ToolCallConfig = ConfigOf<typeof toolCallSpec>;

export interface HttpFetchSettings {
  readonly allowPrivateTargets: boolean;
  /** Normalised CIDR ranges reachable even when private targets are blocked. */
  readonly allowedPrivateCidrs?: readonly string[];
  readonly maxResponseBytes: number;
  readonly timeoutMs: number;
  readonly maxRedirects: number;
  /** Resolves host names; the system resolver when absent. Tests inject one to simulate DNS. */
  readonly lookup?: HostLookup;
}

export interface ToolSettings {
  /** Tools models may call; empty = every tool in the registry. */
  readonly allowedTools: readonly string[];
  /** Tools that need approval before each call; empty = none. */
  readonly approvalRequiredTools: readonly string[];
  readonly maxCallsPerRun: number;
  readonly callTimeoutMs: number;
  readonly approvalTimeoutMs: number;
  readonly httpFetch: HttpFetchSettings;
}

export function toolSettingsFrom(tools: ToolCallConfig): ToolSettings {
  return {
    allowedTools: tools.allowedTools,
    approvalRequiredTools: tools.approvalRequiredTools,
    maxCallsPerRun: tools.maxCallsPerRun,
    callTimeoutMs: tools.callTimeoutMs,
    approvalTimeoutMs: tools.approvalTimeoutMs,
    httpFetch: {
      allowPrivateTargets: tools.httpFetch.allowPrivateTargets,
      allowedPrivateCidrs: tools.httpFetch.allowedPrivateCidrs,
      maxResponseBytes: tools.httpFetch.maxResponseBytes,
      timeoutMs: tools.httpFetch.timeoutMs,
      maxRedirects: tools.httpFetch.maxRedirects,
    },
  };
}
