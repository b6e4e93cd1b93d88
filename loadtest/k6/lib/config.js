// Everything a k6 script reads from the environment (`k6 run -e NAME=value` or exported
// variables), with defaults that hit a gateway on this machine (`npm start` or the compose file).

/**
 * @param {string} name
 * @param {string} fallback
 * @returns {string}
 */
function env(name, fallback) {
  const value = __ENV[name];
  return value === undefined || value === '' ? fallback : value;
}

/**
 * @param {string} name
 * @param {number} fallback
 * @returns {number}
 */
function envNumber(name, fallback) {
  const raw = __ENV[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a non-negative number, got ${raw}`);
  return value;
}

export const config = Object.freeze({
  /** gRPC address of a gateway (or the load balancer in front of several), host:port. */
  grpcAddr: env('PALYRA_GRPC_ADDR', '127.0.0.1:7443'),
  /** `true` unless PALYRA_GRPC_TLS=1 (then the system roots verify the gateway). */
  plaintext: env('PALYRA_GRPC_TLS', '0') !== '1',
  /** Base URL of a gateway's HTTP listener (/healthz, /readyz, /metrics). */
  httpUrl: env('PALYRA_HTTP_URL', 'http://127.0.0.1:7142'),
  /** Bearer token: the admin token or a JWT (`palyra dev token`). Required for RunStream. */
  token: env('PALYRA_TOKEN', ''),
  principal: env('PALYRA_PRINCIPAL', 'k6'),
  /** A canonical ULID naming the load generator's device. */
  deviceId: env('PALYRA_DEVICE_ID', '01JBENCHK6DEV1CE000000000A'),
  /** Optional `x-palyra-channel`. */
  channel: env('PALYRA_CHANNEL', ''),
  /** Where the .proto files are, relative to this script's folder (k6 resolves it from there). */
  protoDir: env('PALYRA_PROTO_DIR', '../../proto'),
  /** smoke | load | stress | soak (lib/profiles.js). */
  profile: env('PALYRA_PROFILE', 'smoke'),
  /** Runs (or health probes) started per second at the profile's plateau. */
  rate: envNumber('PALYRA_RATE', 0),
  /** Plateau length of load and soak, a k6 duration (`5m`, `1h`). */
  duration: env('PALYRA_DURATION', ''),
  /** Words of the run input; the deterministic provider echoes them in chunks of <= 16 words. */
  inputWords: envNumber('PALYRA_INPUT_WORDS', 320),
  /** Where handleSummary writes its JSON, relative to the working directory. */
  summaryDir: env('PALYRA_SUMMARY_DIR', 'loadtest/results'),
});

/** gRPC metadata of every authenticated call, as the Palyra clients send it. */
export function authMetadata() {
  /** @type {Record<string, string>} */
  const metadata = {
    'x-palyra-principal': config.principal,
    'x-palyra-device-id': config.deviceId,
  };
  if (config.token !== '') metadata.authorization = `Bearer ${config.token}`;
  if (config.channel !== '') metadata['x-palyra-channel'] = config.channel;
  return metadata;
}
