import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../test/http-server.js';
import { toolContext } from '../../test/tool-context.js';
import { executeTool } from '../execution.js';
import type { HostLookup } from '../http/target-guard.js';
import { storedJsonBytes, TOOL_OUTPUT_MAX_BYTES } from '../output-limit.js';
import { createToolRegistry } from '../registry.js';
import type { HttpFetchSettings } from '../settings.js';
import { ToolError } from '../tool-definition.js';
import { createHttpFetchTool, type HttpFetchOutput } from './http-fetch.js';

const BASE: HttpFetchSettings = {
  allowPrivateTargets: false,
  maxResponseBytes: 256 * 1024,
  timeoutMs: 10_000,
  maxRedirects: 3,
};

/** A resolver from a fixed table, counting questions; unknown names fail like a real NXDOMAIN. */
function fakeDns(table: Readonly<Record<string, readonly string[]>>): {
  lookup: HostLookup;
  asked: string[];
} {
  const asked: string[] = [];
  const lookup: HostLookup = async (hostname) => {
    asked.push(hostname);
    const addresses = table[hostname];
    if (addresses === undefined)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { lookup, asked };
}

async function fetchWith(settings: Partial<HttpFetchSettings>, input: unknown): Promise<HttpFetchOutput> {
  const tool = createHttpFetchTool({ ...BASE, ...settings });
  return (await tool.execute(input, toolContext())) as HttpFetchOutput;
}

async function rejectsWith(promise: Promise<unknown>, code: string, pattern?: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ToolError, `expected a ToolError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (pattern) assert.match(error.message, pattern);
    return true;
  });
}

describe('palyra.http.fetch', () => {
  let server: TestServer;
  let origin: string;
  before(async () => {
    server = await startTestServer();
    origin = `http://127.0.0.1:${server.port}`;
  });
  after(() => server.close());

  it('fetches a loopback server only when private targets are allowed, with a safe header subset', async () => {
    const output = await fetchWith({ allowPrivateTargets: true }, { url: `${origin}/hello` });
    assert.equal(output.status, 200);
    assert.equal(output.body, 'hello world');
    assert.equal(output.truncated, false);
    assert.equal(output.final_url, `${origin}/hello`);
    assert.equal(output.headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal(output.headers['set-cookie'], undefined);
    assert.equal(output.headers['x-internal-build'], undefined);

    const before = server.requests.length;
    await rejectsWith(fetchWith({}, { url: `${origin}/hello` }), 'blocked_target', /loopback/);
    assert.equal(server.requests.length, before, 'a blocked target is never contacted');
  });

  it('refuses loopback, private, link-local, unspecified and IPv4-mapped targets before connecting', async () => {
    const port = server.port;
    const before = server.requests.length;
    const targets = [
      `http://127.0.0.1:${port}/hello`,
      `http://localhost:${port}/hello`,
      `http://[::1]:${port}/hello`,
      'http://10.1.2.3/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data/',
      `http://0.0.0.0:${port}/hello`,
      `http://[::ffff:127.0.0.1]:${port}/hello`,
      `http://[::ffff:a9fe:a9fe]/latest/meta-data/`,
      `http://2130706433:${port}/hello`,
      'http://100.64.0.1/',
      'http://[fd00::1]/',
      'http://[fe80::1]/',
      'http://224.0.0.1/',
      'http://[64:ff9b::a00:1]/',
    ];
    for (const url of targets) {
      await rejectsWith(fetchWith({}, { url }), 'blocked_target');
    }
    assert.equal(server.requests.length, before);
  });

  it('refuses a name that resolves to a private address, and one with any private address among its records', async () => {
    const dns = fakeDns({ 'rebind.test': ['10.0.0.1'], 'mixed.test': ['93.184.216.34', '127.0.0.1'] });
    await rejectsWith(
      fetchWith({ lookup: dns.lookup }, { url: 'http://rebind.test/' }),
      'blocked_target',
      /rebind\.test.*10\.0\.0\.1.*private/,
    );
    await rejectsWith(
      fetchWith({ lookup: dns.lookup }, { url: 'http://mixed.test/' }),
      'blocked_target',
      /127\.0\.0\.1/,
    );
  });

  it('connects to the address the guard checked, resolving each host once', async () => {
    const dns = fakeDns({ 'service.test': ['127.0.0.1'] });
    const output = await fetchWith(
      { allowPrivateTargets: true, lookup: dns.lookup },
      { url: `http://service.test:${server.port}/hello` },
    );
    assert.equal(output.body, 'hello world');
    assert.deepEqual(dns.asked, ['service.test']);
    assert.equal(server.requests.at(-1), `service.test:${server.port} /hello`);
  });

  it('re-checks every redirect hop: an allowed host redirecting to a private one is refused', async () => {
    const dns = fakeDns({ 'public.test': ['127.0.0.1'], 'internal.test': ['10.0.0.7'] });
    // 127.0.0.1 stands in for a public host: an operator exception lets it through, nothing else.
    const settings = { lookup: dns.lookup, allowedPrivateCidrs: ['127.0.0.1/32'] };
    const start = `http://public.test:${server.port}`;

    const followed = await fetchWith(settings, { url: `${start}/redirect?to=/hello` });
    assert.equal(followed.body, 'hello world');
    assert.equal(followed.final_url, `${start}/hello`);

    const toInternal = encodeURIComponent(`http://internal.test:${server.port}/secret`);
    await rejectsWith(
      fetchWith(settings, { url: `${start}/redirect?to=${toInternal}` }),
      'blocked_target',
      /internal\.test/,
    );
    const toMetadata = encodeURIComponent('http://169.254.169.254/latest/meta-data/');
    await rejectsWith(
      fetchWith(settings, { url: `${start}/redirect?status=307&to=${toMetadata}` }),
      'blocked_target',
      /169\.254\.169\.254.*link-local/,
    );
    await rejectsWith(
      fetchWith(settings, { url: `${start}/redirect?to=${encodeURIComponent('file:///etc/passwd')}` }),
      'blocked_target',
      /only http and https/,
    );
  });

  it('stops after the configured number of redirects', async () => {
    const before = server.requests.length;
    await rejectsWith(
      fetchWith({ allowPrivateTargets: true, maxRedirects: 2 }, { url: `${origin}/loop` }),
      'too_many_redirects',
      /more than 2 times/,
    );
    assert.equal(server.requests.length - before, 3, 'the first request and two followed redirects');
  });

  it('cuts the body at the size limit and says so', async () => {
    const output = await fetchWith(
      { allowPrivateTargets: true, maxResponseBytes: 100 },
      { url: `${origin}/big?size=1000` },
    );
    assert.equal(output.body, 'a'.repeat(100));
    assert.equal(output.truncated, true);

    const exact = await fetchWith(
      { allowPrivateTargets: true, maxResponseBytes: 100 },
      { url: `${origin}/big?size=100` },
    );
    assert.equal(exact.body.length, 100);
    assert.equal(exact.truncated, false);
  });

  it('never splits a multi-byte character at the size limit', async () => {
    // 'é' is two bytes in UTF-8; a 5-byte limit holds two of them and half of a third.
    const output = await fetchWith(
      { allowPrivateTargets: true, maxResponseBytes: 5 },
      { url: `${origin}/big?size=10&char=%C3%A9` },
    );
    assert.equal(output.body, 'éé');
    assert.equal(output.truncated, true);
  });

  it('keeps the whole output within the tool output limit even when escaping inflates the body', async () => {
    const output = await fetchWith(
      { allowPrivateTargets: true },
      { url: `${origin}/big?size=${256 * 1024}&char=%22` },
    );
    assert.equal(output.truncated, true);
    const stored = storedJsonBytes(JSON.stringify(output));
    assert.ok(stored <= TOOL_OUTPUT_MAX_BYTES, `${stored} bytes stored`);
    // A quote stores as four bytes, so about a quarter of the limit is body; not far less.
    assert.ok(output.body.length > TOOL_OUTPUT_MAX_BYTES / 4 - 1024, `${output.body.length} characters kept`);
    assert.match(output.body, /^"+$/);
  });

  it('answers HEAD with status and headers only', async () => {
    const output = await fetchWith({ allowPrivateTargets: true }, { url: `${origin}/hello`, method: 'HEAD' });
    assert.equal(output.status, 200);
    assert.equal(output.body, '');
    assert.equal(output.headers['content-type'], 'text/plain; charset=utf-8');
  });

  it('sends the model’s headers to the same origin only, and refuses connection-level headers', async () => {
    const dns = fakeDns({ 'a.test': ['127.0.0.1'], 'b.test': ['127.0.0.1'] });
    const settings = { allowPrivateTargets: true, lookup: dns.lookup };
    const headers = { 'X-Api-Key': 'k1' };
    const same = await fetchWith(settings, {
      url: `http://a.test:${server.port}/redirect?to=/headers`,
      headers,
    });
    assert.equal((JSON.parse(same.body) as Record<string, string>)['x-api-key'], 'k1');

    const to = encodeURIComponent(`http://b.test:${server.port}/headers`);
    const cross = await fetchWith(settings, {
      url: `http://a.test:${server.port}/redirect?to=${to}`,
      headers,
    });
    const received = JSON.parse(cross.body) as Record<string, string>;
    assert.equal(received['x-api-key'], undefined);
    assert.equal(received['accept-encoding'], 'identity');

    await rejectsWith(
      fetchWith(settings, { url: `${origin}/headers`, headers: { Host: 'metadata.google.internal' } }),
      'invalid_input',
      /Host cannot be set/,
    );
  });

  it('reports an unresolvable host and a refused connection as network errors', async () => {
    const dns = fakeDns({});
    await rejectsWith(
      fetchWith({ lookup: dns.lookup }, { url: 'http://nowhere.test/' }),
      'network_error',
      /ENOTFOUND/,
    );
    const closed = await startTestServer();
    await closed.close();
    await rejectsWith(
      fetchWith({ allowPrivateTargets: true }, { url: `http://127.0.0.1:${closed.port}/` }),
      'network_error',
      /ECONNREFUSED/,
    );
  });

  it('fails with a timeout when the server does not answer in time', async () => {
    await rejectsWith(
      fetchWith({ allowPrivateTargets: true, timeoutMs: 200 }, { url: `${origin}/slow` }),
      'timeout',
      /PALYRA_HTTP_FETCH_TIMEOUT_MS/,
    );
  });

  it('stops when the call is aborted, and executeTool rejects with an AbortError', async () => {
    const registry = createToolRegistry([createHttpFetchTool({ ...BASE, allowPrivateTargets: true })]);
    const controller = new AbortController();
    const arrived = server.nextRequest('/slow');
    const execution = executeTool(
      registry,
      'palyra.http.fetch',
      { url: `${origin}/slow` },
      toolContext({ signal: controller.signal }),
      60_000,
    );
    await arrived;
    controller.abort(new Error('cancelled by request'));
    await assert.rejects(execution, { name: 'AbortError' });
  });

  it('turns a blocked target into a failed execution the model can read', async () => {
    const registry = createToolRegistry([createHttpFetchTool(BASE)]);
    const execution = await executeTool(
      registry,
      'palyra.http.fetch',
      { url: 'http://169.254.169.254/' },
      toolContext(),
      10_000,
    );
    assert.equal(execution.success, false);
    assert.equal(execution.timedOut, false);
    assert.match(execution.error, /^blocked_target: refused to fetch 169\.254\.169\.254/);
  });
});
