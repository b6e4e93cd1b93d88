import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestServer {
  readonly port: number;
  /** `host path` of every request received, in order. */
  readonly requests: string[];
  /** Resolves when the next request for `path` arrives. */
  nextRequest(path: string): Promise<void>;
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage, response: ServerResponse, url: URL) => void;

/**
 * A plain node:http server on 127.0.0.1 with the routes the fetch tests need. `/slow` never
 * answers; `close()` drops such connections so the test process can exit.
 */
export async function startTestServer(extra: Readonly<Record<string, Handler>> = {}): Promise<TestServer> {
  const requests: string[] = [];
  const waiters = new Map<string, () => void>();
  const routes: Record<string, Handler> = {
    '/hello': (_request, response) => {
      response.setHeader('content-type', 'text/plain; charset=utf-8');
      response.setHeader('set-cookie', 'session=abc');
      response.setHeader('x-internal-build', '42');
      response.end('hello world');
    },
    '/big': (_request, response, url) => {
      const size = Number(url.searchParams.get('size') ?? '1000');
      const char = url.searchParams.get('char') ?? 'a';
      response.setHeader('content-type', 'text/plain; charset=utf-8');
      response.end(char.repeat(size));
    },
    '/redirect': (_request, response, url) => {
      response.statusCode = Number(url.searchParams.get('status') ?? '302');
      response.setHeader('location', url.searchParams.get('to') ?? '/hello');
      response.end();
    },
    '/loop': (_request, response) => {
      response.statusCode = 302;
      response.setHeader('location', '/loop');
      response.end();
    },
    '/headers': (request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(request.headers));
    },
    '/slow': () => {},
    ...extra,
  };
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://test');
    requests.push(`${request.headers.host ?? ''} ${url.pathname}`);
    waiters.get(url.pathname)?.();
    waiters.delete(url.pathname);
    const route = routes[url.pathname];
    if (route === undefined) {
      response.statusCode = 404;
      response.end('not found');
      return;
    }
    route(request, response, url);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    nextRequest: (path) => new Promise<void>((resolve) => waiters.set(path, resolve)),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
