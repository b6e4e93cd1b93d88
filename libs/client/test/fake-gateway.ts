// A real grpc-js server speaking GatewayService and JournalService on 127.0.0.1, with RunStream
// behaviour scripted per test. It records every call's metadata and every client message.
import {
  type Metadata,
  Server,
  ServerCredentials,
  type ServerDuplexStream,
  type ServerErrorResponse,
  status,
} from '@grpc/grpc-js';
import {
  type ApprovalPrompt,
  type ApprovalsServiceHandlers,
  type GatewayServiceHandlers,
  type JournalServiceHandlers,
  loadPalyraGrpcObject,
  type RunStreamEvent,
  type RunStreamRequest__Output,
} from '@palyra/proto';

export interface RecordedCall {
  readonly method: string;
  readonly metadata: Readonly<Record<string, string>>;
}

const HALF_CLOSED = Symbol('half-closed');

/** One RunStream call as the server sees it. */
export class ScriptedRunStream {
  readonly messages: RunStreamRequest__Output[] = [];
  readonly metadata: Readonly<Record<string, string>>;
  halfClosed = false;
  readonly #call: ServerDuplexStream<RunStreamRequest__Output, RunStreamEvent>;
  readonly #pending: (RunStreamRequest__Output | typeof HALF_CLOSED)[] = [];
  #waiter: ((value: RunStreamRequest__Output | typeof HALF_CLOSED) => void) | undefined;
  #cancelled = false;

  constructor(call: ServerDuplexStream<RunStreamRequest__Output, RunStreamEvent>) {
    this.#call = call;
    this.metadata = metadataRecord(call.metadata);
    call.on('data', (message: RunStreamRequest__Output) => {
      this.messages.push(message);
      this.#deliver(message);
    });
    call.on('end', () => {
      this.halfClosed = true;
      this.#deliver(HALF_CLOSED);
    });
    call.on('cancelled', () => {
      this.#cancelled = true;
    });
  }

  get cancelled(): boolean {
    return this.#cancelled;
  }

  #deliver(item: RunStreamRequest__Output | typeof HALF_CLOSED): void {
    const waiter = this.#waiter;
    if (waiter !== undefined) {
      this.#waiter = undefined;
      waiter(item);
    } else this.#pending.push(item);
  }

  /** The next client message, or undefined once the client half-closed. */
  async next(timeoutMs = 5000): Promise<RunStreamRequest__Output | undefined> {
    const item =
      this.#pending.shift() ??
      (await new Promise<RunStreamRequest__Output | typeof HALF_CLOSED>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no client message in time')), timeoutMs);
        this.#waiter = (value) => {
          clearTimeout(timer);
          resolve(value);
        };
      }));
    return item === HALF_CLOSED ? undefined : item;
  }

  /** Waits until the client half-closes, returning the messages that came before. */
  async untilHalfClosed(timeoutMs = 5000): Promise<void> {
    while ((await this.next(timeoutMs)) !== undefined) {
      // keep reading
    }
  }

  send(...events: RunStreamEvent[]): void {
    for (const event of events) this.#call.write(event);
  }

  end(): void {
    this.#call.end();
  }

  fail(code: number, details: string): void {
    const error: ServerErrorResponse = Object.assign(new Error(details), { code, details });
    this.#call.emit('error', error);
  }
}

export type RunStreamScript = (stream: ScriptedRunStream) => Promise<void> | void;

export interface FakeGatewayOptions {
  readonly runStream?: RunStreamScript;
  readonly gateway?: Partial<GatewayServiceHandlers>;
  readonly journal?: Partial<JournalServiceHandlers>;
  readonly approvals?: Partial<ApprovalsServiceHandlers>;
}

export interface FakeGateway {
  readonly url: string;
  readonly calls: RecordedCall[];
  readonly streams: ScriptedRunStream[];
  close(): Promise<void>;
}

function metadataRecord(metadata: Metadata): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata.getMap())) {
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}

type AnyHandler = (...args: never[]) => unknown;

/** Wraps every handler so the call is recorded first. */
function recorded<T extends object>(handlers: T, calls: RecordedCall[]): T {
  const out: Record<string, unknown> = {};
  for (const [method, handler] of Object.entries(handlers)) {
    out[method] = (call: { metadata: Metadata }, ...rest: unknown[]) => {
      calls.push({ method, metadata: metadataRecord(call.metadata) });
      return (handler as AnyHandler)(...([call, ...rest] as never[]));
    };
  }
  return out as T;
}

export async function startFakeGateway(options: FakeGatewayOptions = {}): Promise<FakeGateway> {
  const grpc = loadPalyraGrpcObject();
  const calls: RecordedCall[] = [];
  const streams: ScriptedRunStream[] = [];
  const server = new Server();
  const script = options.runStream;
  const gatewayHandlers: Partial<GatewayServiceHandlers> = {
    GetHealth: (_call, callback) => {
      callback(null, {
        v: 1,
        service: 'palyra-gateway',
        status: 'ok',
        version: '0.1.0',
        git_hash: 'abc1234',
        build_profile: 'test',
        uptime_seconds: 42,
      });
    },
    ...options.gateway,
    RunStream: (call) => {
      const stream = new ScriptedRunStream(call);
      streams.push(stream);
      if (script === undefined) {
        stream.fail(status.UNIMPLEMENTED, 'no script');
        return;
      }
      Promise.resolve(script(stream)).catch((error: unknown) => {
        stream.fail(status.INTERNAL, error instanceof Error ? error.message : String(error));
      });
    },
  };
  server.addService(
    grpc.palyra.gateway.v1.GatewayService.service,
    recorded(gatewayHandlers as GatewayServiceHandlers, calls),
  );
  server.addService(
    grpc.palyra.journal.v1.JournalService.service,
    recorded((options.journal ?? {}) as JournalServiceHandlers, calls),
  );
  server.addService(
    grpc.palyra.gateway.v1.ApprovalsService.service,
    recorded((options.approvals ?? {}) as ApprovalsServiceHandlers, calls),
  );
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => {
      if (error) reject(error);
      else resolve(bound);
    });
  });
  return {
    url: `127.0.0.1:${port}`,
    calls,
    streams,
    close: () =>
      new Promise<void>((resolve) => {
        server.forceShutdown();
        resolve();
      }),
  };
}

// Event builders. `seq` first, as the tests read them in order.

const STATUS = {
  ACCEPTED: 'STATUS_KIND_ACCEPTED',
  IN_PROGRESS: 'STATUS_KIND_IN_PROGRESS',
  DONE: 'STATUS_KIND_DONE',
  FAILED: 'STATUS_KIND_FAILED',
} as const;

export function statusEvent(
  runId: string,
  seq: number,
  kind: keyof typeof STATUS,
  message = '',
): RunStreamEvent {
  return {
    v: 1,
    run_id: { ulid: runId },
    status: { kind: STATUS[kind], message },
    seq,
    timestamp_unix_ms: 1_700_000_000_000 + seq,
  };
}

/**
 * A model token. `awaitingInput` is our wire extension (ModelToken field 100): a Palyra server
 * sets it on the last chunk of a final answer; leave it false to script an original server.
 */
export function tokenEvent(
  runId: string,
  seq: number,
  text: string,
  isFinal = false,
  awaitingInput = false,
): RunStreamEvent {
  return {
    v: 1,
    run_id: { ulid: runId },
    model_token: { token: text, is_final: isFinal, awaiting_input: awaitingInput },
    seq,
    timestamp_unix_ms: 1_700_000_000_000 + seq,
  };
}

/** The three answers Palyra's prompts offer: allow once, allow for this session, deny. */
export const PALYRA_APPROVAL_OPTIONS: NonNullable<ApprovalPrompt['options']> = [
  {
    option_id: 'allow_once',
    label: 'Allow once',
    description: 'Run this call only',
    default_selected: false,
    decision_scope: 'APPROVAL_DECISION_SCOPE_ONCE',
  },
  {
    option_id: 'allow_session',
    label: 'Allow for this session',
    description: 'Run this tool without asking again in this session',
    default_selected: false,
    decision_scope: 'APPROVAL_DECISION_SCOPE_SESSION',
  },
  {
    option_id: 'deny',
    label: 'Deny',
    description: 'Do not run it; the model is told why',
    default_selected: true,
    decision_scope: 'APPROVAL_DECISION_SCOPE_ONCE',
  },
];

export function approvalRequestEvent(
  runId: string,
  seq: number,
  proposalId: string,
  approvalId: string,
  toolName = 'shell.exec',
  prompt: ApprovalPrompt = {
    title: 'Run shell command',
    risk_level: 'APPROVAL_RISK_LEVEL_HIGH',
    summary: 'ls',
  },
): RunStreamEvent {
  return {
    v: 1,
    run_id: { ulid: runId },
    tool_approval_request: {
      proposal_id: { ulid: proposalId },
      approval_id: { ulid: approvalId },
      tool_name: toolName,
      input_json: Buffer.from('{"command":"ls"}'),
      approval_required: true,
      request_summary: 'run ls',
      prompt,
    },
    seq,
    timestamp_unix_ms: 1_700_000_000_000 + seq,
  };
}

export function approvalEchoEvent(
  runId: string,
  seq: number,
  proposalId: string,
  approvalId: string,
  approved: boolean,
): RunStreamEvent {
  return {
    v: 1,
    run_id: { ulid: runId },
    tool_approval_response: {
      proposal_id: { ulid: proposalId },
      approval_id: { ulid: approvalId },
      approved,
      decision_scope: 'APPROVAL_DECISION_SCOPE_ONCE',
    },
    seq,
    timestamp_unix_ms: 1_700_000_000_000 + seq,
  };
}

export function acceptedMessage(sessionId: string, principal = 'user:test'): string {
  return `accepted session=${sessionId} principal=${principal}`;
}

export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
}

/** A promise with its resolver (Promise.withResolvers needs Node 22). */
export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}
