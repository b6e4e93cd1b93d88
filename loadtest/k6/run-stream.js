// A Palyra chat run over the public gRPC API, as a user's client does it: open the bidirectional
// RunStream, send a message, half-close, read every event until DONE.
//
//   k6 run -e PALYRA_TOKEN=... -e PALYRA_PROFILE=load loadtest/k6/run-stream.js
//
// One gRPC connection per VU, opened by its first iteration and reused (a VU is one client
// process; a connection per iteration would measure TCP and HTTP/2 set-up instead of Palyra).
// Each VU keeps its own session, as concurrent users do: runs of one session serialize on its
// journal chain by design.
import { check } from 'k6';
import exec from 'k6/execution';
import { Counter, Rate, Trend } from 'k6/metrics';
import grpc from 'k6/net/grpc';
import { authMetadata, config } from './lib/config.js';
import { scenarioFor } from './lib/profiles.js';
import { writeSummary } from './lib/summary.js';
import { runStreamThresholds } from './lib/thresholds.js';
import { ulid } from './lib/ulid.js';

const RUN_STREAM = 'palyra.gateway.v1.GatewayService/RunStream';

/** @type {import('k6/options').Options} */
export const options = {
  scenarios: { run_stream: scenarioFor(config.profile, 'runStream') },
  thresholds: runStreamThresholds,
};

const firstToken = new Trend('palyra_run_first_token_ms', true);
const done = new Trend('palyra_run_done_ms', true);
const failed = new Rate('palyra_run_failed');
const events = new Counter('palyra_run_events');

// Init context: parse the protos once per VU (connecting is not allowed here).
const client = new grpc.Client();
client.load([config.protoDir], 'palyra/v1/gateway.proto');
let connected = false;

/** 16-word chunks of this come back as the answer. */
const INPUT_TEXT = Array.from({ length: config.inputWords }, (_, index) => `word${index}`).join(' ');

/**
 * A field of a received message: k6 hands out protobuf JSON (lowerCamelCase), older builds the
 * proto names; accept both.
 * @param {Record<string, any>} message
 * @param {string} jsonName
 * @param {string} protoName
 * @returns {any}
 */
function field(message, jsonName, protoName) {
  return message[jsonName] ?? message[protoName];
}

export function runStream() {
  if (!connected) {
    client.connect(config.grpcAddr, { plaintext: config.plaintext, timeout: '10s' });
    connected = true;
  }
  const runId = ulid();
  const started = Date.now();
  /** @type {number[]} */
  const seqs = [];
  let sawFirstToken = false;
  let status = '';
  let failure = '';

  const stream = new grpc.Stream(client, RUN_STREAM, {
    metadata: authMetadata(),
    tags: { name: 'RunStream' },
  });
  stream.on('data', (data) => {
    const event = /** @type {Record<string, any>} */ (data);
    events.add(1);
    seqs.push(Number(event.seq ?? 0));
    const token = field(event, 'modelToken', 'model_token');
    if (token !== undefined && token !== null && !sawFirstToken) {
      sawFirstToken = true;
      firstToken.add(Date.now() - started);
    }
    const streamStatus = event.status;
    if (streamStatus !== undefined && streamStatus !== null) {
      status = String(streamStatus.kind);
      if (status === 'STATUS_KIND_DONE') done.add(Date.now() - started);
      if (status === 'STATUS_KIND_FAILED') failure = String(streamStatus.message ?? '');
    }
  });
  stream.on('error', (error) => {
    const grpcError = /** @type {import('k6/net/grpc').GrpcError} */ (error);
    failure = `${grpcError.code}: ${grpcError.message}`;
  });
  stream.on('end', () => {
    const ok = status === 'STATUS_KIND_DONE' && failure === '';
    failed.add(!ok);
    check(seqs, {
      'run reached DONE': () => ok,
      'seq is 1..n without gaps': (list) => list.every((seq, index) => seq === index + 1),
      'answer streamed as tokens': () => sawFirstToken,
    });
    if (!ok && exec.vu.iterationInScenario < 3) {
      console.warn(`run ${runId} ended with status ${status || 'none'} ${failure}`);
    }
  });

  stream.write({
    v: 1,
    run_id: { ulid: runId },
    session_key: `k6-vu-${exec.vu.idInTest}`,
    input: {
      v: 1,
      envelope_id: { ulid: ulid() },
      timestamp_unix_ms: Date.now(),
      content: { text: INPUT_TEXT },
    },
  });
  stream.end();
}

/** @param {Record<string, any>} data */
export function handleSummary(data) {
  return writeSummary('run-stream', data, [
    'palyra_run_first_token_ms',
    'palyra_run_done_ms',
    'palyra_run_failed',
    'iterations',
    'dropped_iterations',
  ]);
}
