import { permissionDenied } from './errors.js';

/** Reads one request header or gRPC metadata entry by its lower-case name. */
export type HeaderLookup = (name: string) => string | undefined;

/**
 * Adapts a transport's raw reader to a HeaderLookup: fastify `(name) => request.headers[name]`,
 * grpc-js `(name) => call.metadata.get(name)`. A header sent more than once is rejected rather
 * than resolved by picking one copy, because proxies and servers disagree about which copy wins.
 * Binary values (Buffers) are ignored: no auth header is binary.
 */
export function createHeaderLookup(read: (name: string) => unknown): HeaderLookup {
  return (name) => {
    const raw = read(name);
    if (typeof raw === 'string') return raw;
    if (!Array.isArray(raw)) return undefined;
    const values = raw.filter((value): value is string => typeof value === 'string');
    if (values.length > 1) throw permissionDenied(`${name} must be sent once`);
    return values[0];
  };
}
