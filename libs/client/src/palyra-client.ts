import { type CallOptions, type Client, Metadata, type ServiceError, status } from '@grpc/grpc-js';
import { isCanonicalUlid } from '@palyra/core';
import {
  type AbortRunResponse__Output,
  type AppendEventResponse__Output,
  type ApprovalRecord__Output,
  type ApprovalsServiceClient,
  type BindAgentForContextResponse__Output,
  type CleanupSessionResponse__Output,
  type CreateAgentResponse__Output,
  type DecideApprovalResponse__Output,
  type GatewayServiceClient,
  type GetApprovalResponse__Output,
  type HealthResponse__Output,
  type JournalServiceClient,
  type ListApprovalsResponse__Output,
  type ListRunEventsResponse__Output,
  type ListSessionsResponse__Output,
  loadPalyraGrpcObject,
  type ResolveSessionResponse__Output,
  type RunStreamEvent__Output,
  type VerifySessionChainResponse__Output,
} from '@palyra/proto';
import { invalidArgument, PalyraClientError, toClientError } from './client-error.js';
import {
  channelCredentials,
  DEFAULT_CALL_TIMEOUT_MS,
  DEFAULT_CHANNEL_OPTIONS,
  DEFAULT_RESUME_POLICY,
  type Endpoint,
  endpointsOf,
  type PalyraClientOptions,
  validateIdentity,
} from './client-options.js';
import {
  type AbortRunResult,
  type AgentBindingInfo,
  type AgentBindingInput,
  type AppendEventInput,
  type AppendEventResult,
  type ApprovalDecisionInput,
  type ApprovalInfo,
  type ApprovalPage,
  type ChainVerification,
  type CleanupResult,
  type CreateAgentInput,
  type CreatedAgent,
  type HealthInfo,
  type ListApprovalsOptions,
  type ListSessionsOptions,
  type ResolvedSession,
  type ResolveSessionInput,
  type RunEventPage,
  type SessionPage,
  type SessionSelector,
  type SessionSummary,
  toAbortRunResult,
  toAgentBindingInfo,
  toAgentInfo,
  toApprovalInfo,
  toChainVerification,
  toCleanupResult,
  toHealthInfo,
  toResolvedSession,
  toSessionSummary,
} from './results.js';
import { idOf, type RunEvent, toRunEvent } from './run-events.js';
import {
  type OpenRunOptions,
  type OriginType,
  type RunHandle,
  type RunOutcome,
  RunStreamHandle,
  type RunTransport,
} from './run-handle.js';

/** Header names, lower case (gRPC metadata keys). */
export const PALYRA_HEADERS = {
  authorization: 'authorization',
  principal: 'x-palyra-principal',
  deviceId: 'x-palyra-device-id',
  channel: 'x-palyra-channel',
  tenant: 'x-palyra-tenant',
} as const;

export type ChatOptions = Omit<OpenRunOptions, 'text' | 'bufferEvents' | 'resumeFromSeq'>;

export interface PalyraClient {
  /** The configured addresses, in failover order. */
  readonly urls: readonly string[];
  /** GetHealth; the only call sent without auth metadata. */
  health(): Promise<HealthInfo>;
  resolveSession(input: ResolveSessionInput): Promise<ResolvedSession>;
  /** One page of the caller's sessions, ordered by session key. */
  listSessions(options?: ListSessionsOptions): Promise<SessionPage>;
  /** Every session across pages (`limit` is the page size). */
  iterateSessions(options?: Omit<ListSessionsOptions, 'afterSessionKey'>): AsyncIterable<SessionSummary>;
  /** Archives a session by id or key. */
  cleanupSession(selector: SessionSelector): Promise<CleanupResult>;
  abortRun(runId: string, reason?: string): Promise<AbortRunResult>;
  appendEvent(event: AppendEventInput): Promise<AppendEventResult>;
  verifySessionChain(sessionId: string): Promise<ChainVerification>;
  /** One page of a run's stream events with seq > afterSeq, from the journal. */
  listRunEvents(
    runId: string,
    afterSeq?: number,
    options?: { readonly limit?: number },
  ): Promise<RunEventPage>;
  /** Registers an agent (admin-only: an `admin:` principal or the admin role). */
  createAgent(input: CreateAgentInput): Promise<CreatedAgent>;
  /** Binds an agent to a session or a principal (admin-only); runs there use it. */
  bindAgentForContext(input: AgentBindingInput): Promise<{ binding: AgentBindingInfo; created: boolean }>;
  /**
   * One page of approvals (ApprovalsService.ListApprovals), newest first. Tenant admins see every
   * approval of the tenant; anyone else only their own.
   */
  listApprovals(options?: ListApprovalsOptions): Promise<ApprovalPage>;
  getApproval(approvalId: string): Promise<ApprovalInfo>;
  /**
   * Decides a pending approval out of band (ApprovalsService.DecideApproval), on whichever gateway
   * this client calls: the run waiting for it resumes wherever it runs. The first decision wins;
   * deciding a decided approval fails with FAILED_PRECONDITION.
   */
  decideApproval(approvalId: string, decision: ApprovalDecisionInput): Promise<ApprovalInfo>;
  /** Opens a RunStream; see RunHandle for events, input, approvals, cancel and resume. */
  openRun(options?: OpenRunOptions): RunHandle;
  /**
   * Opens a run with `text`, half-closes at once and resolves with the outcome. The input is
   * closed, so a tool that needs approval is denied by the server; use openRun to answer approvals.
   */
  chat(text: string, options?: ChatOptions): Promise<RunOutcome>;
  /** Closes every channel. Open calls fail with CANCELLED/UNAVAILABLE. */
  close(): void;
}

export interface CreatePalyraClientOptions extends PalyraClientOptions {
  /** Origin type on input envelopes (e.g. `ORIGIN_TYPE_CLI`). Default none. */
  readonly originType?: OriginType;
}

interface EndpointClients {
  readonly gateway: GatewayServiceClient;
  readonly journal: JournalServiceClient;
  readonly approvals: ApprovalsServiceClient;
}

type UnaryCallback<T> = (error: ServiceError | null, value?: T) => void;

function requireId(value: string, field: string): string {
  if (value === '') throw invalidArgument(`${field} is required`);
  if (!isCanonicalUlid(value)) throw invalidArgument(`${field} must be a canonical ULID`);
  return value;
}

function optionalText(value: string | undefined): string {
  return value?.trim() ?? '';
}

function approvalOf(record: ApprovalRecord__Output | null): ApprovalInfo {
  if (record === null)
    throw new PalyraClientError(status.INTERNAL, 'the gateway answered without an approval');
  return toApprovalInfo(record);
}

/**
 * Creates a client. Nothing is dialled until the first call; channels for further URLs are
 * created only when a run stream fails over to them.
 */
export function createPalyraClient(options: CreatePalyraClientOptions): PalyraClient {
  validateIdentity(options);
  return new GrpcPalyraClient(options);
}

class GrpcPalyraClient implements PalyraClient {
  readonly urls: readonly string[];
  readonly #options: CreatePalyraClientOptions;
  readonly #endpoints: Endpoint[];
  readonly #clients: (EndpointClients | undefined)[];
  readonly #metadata: Metadata;
  readonly #timeoutMs: number;
  readonly #transport: RunTransport;
  #preferred = 0;
  #closed = false;

  constructor(options: CreatePalyraClientOptions) {
    this.#options = options;
    this.#endpoints = endpointsOf(options.url);
    this.urls = Object.freeze(typeof options.url === 'string' ? [options.url] : [...options.url]);
    this.#clients = this.#endpoints.map(() => undefined);
    this.#timeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    this.#metadata = new Metadata();
    if (options.token !== undefined)
      this.#metadata.set(PALYRA_HEADERS.authorization, `Bearer ${options.token}`);
    this.#metadata.set(PALYRA_HEADERS.principal, options.principal.trim());
    this.#metadata.set(PALYRA_HEADERS.deviceId, options.deviceId);
    if (options.channel !== undefined) this.#metadata.set(PALYRA_HEADERS.channel, options.channel.trim());
    if (options.tenant !== undefined) this.#metadata.set(PALYRA_HEADERS.tenant, options.tenant.trim());
    const resume = options.resume === false ? false : { ...DEFAULT_RESUME_POLICY, ...options.resume };
    this.#transport = {
      endpointCount: this.#endpoints.length,
      resume,
      originType: options.originType,
      preferredEndpoint: () => this.#preferred,
      failover: (from) => {
        if (this.#preferred === from) this.#preferred = (from + 1) % this.#endpoints.length;
        return this.#preferred;
      },
      openStream: (index) => this.#endpointClients(index).gateway.RunStream(this.#metadata.clone()),
      abortRun: (runId, reason) => this.abortRun(runId, reason),
    };
  }

  health(): Promise<HealthInfo> {
    return this.#unary<HealthResponse__Output>(false, (client, metadata, options, callback) =>
      client.gateway.GetHealth({ v: 1 }, metadata, options, callback),
    ).then(toHealthInfo);
  }

  resolveSession(input: ResolveSessionInput): Promise<ResolvedSession> {
    return this.#unary<ResolveSessionResponse__Output>(true, (client, metadata, options, callback) => {
      const sessionId = optionalText(input.sessionId);
      client.gateway.ResolveSession(
        {
          v: 1,
          session_id: sessionId === '' ? null : { ulid: requireId(sessionId, 'sessionId') },
          session_key: optionalText(input.sessionKey),
          session_label: optionalText(input.sessionLabel),
          require_existing: input.requireExisting ?? false,
          reset_session: input.resetSession ?? false,
        },
        metadata,
        options,
        callback,
      );
    }).then(toResolvedSession);
  }

  listSessions(options: ListSessionsOptions = {}): Promise<SessionPage> {
    return this.#unary<ListSessionsResponse__Output>(true, (client, metadata, callOptions, callback) =>
      client.gateway.ListSessions(
        {
          v: 1,
          after_session_key: options.afterSessionKey ?? '',
          limit: options.limit ?? 0,
          include_archived: options.includeArchived ?? false,
          q: options.query ?? '',
        },
        metadata,
        callOptions,
        callback,
      ),
    ).then((response) => ({
      sessions: response.sessions.map(toSessionSummary),
      nextAfterSessionKey:
        response.next_after_session_key === '' ? undefined : response.next_after_session_key,
    }));
  }

  async *iterateSessions(
    options: Omit<ListSessionsOptions, 'afterSessionKey'> = {},
  ): AsyncIterableIterator<SessionSummary> {
    let after: string | undefined;
    do {
      const page = await this.listSessions({ ...options, afterSessionKey: after });
      yield* page.sessions;
      // A server that repeats its cursor would loop forever; treat it as the last page.
      after = page.nextAfterSessionKey === after ? undefined : page.nextAfterSessionKey;
    } while (after !== undefined);
  }

  cleanupSession(selector: SessionSelector): Promise<CleanupResult> {
    return this.#unary<CleanupSessionResponse__Output>(true, (client, metadata, options, callback) => {
      const sessionId = optionalText(selector.sessionId);
      const sessionKey = optionalText(selector.sessionKey);
      if (sessionId === '' && sessionKey === '') throw invalidArgument('sessionId or sessionKey is required');
      client.gateway.CleanupSession(
        {
          v: 1,
          session_id: sessionId === '' ? null : { ulid: requireId(sessionId, 'sessionId') },
          session_key: sessionKey,
        },
        metadata,
        options,
        callback,
      );
    }).then(toCleanupResult);
  }

  abortRun(runId: string, reason = ''): Promise<AbortRunResult> {
    return this.#unary<AbortRunResponse__Output>(true, (client, metadata, options, callback) =>
      client.gateway.AbortRun(
        { v: 1, run_id: { ulid: requireId(runId, 'runId') }, reason },
        metadata,
        options,
        callback,
      ),
    ).then(toAbortRunResult);
  }

  appendEvent(event: AppendEventInput): Promise<AppendEventResult> {
    return this.#unary<AppendEventResponse__Output>(true, (client, metadata, options, callback) => {
      const eventId = event.eventId === undefined ? null : { ulid: requireId(event.eventId, 'eventId') };
      client.gateway.AppendEvent(
        {
          v: 1,
          event: {
            v: 1,
            event_id: eventId,
            session_id: { ulid: requireId(event.sessionId, 'sessionId') },
            run_id: { ulid: requireId(event.runId, 'runId') },
            kind: event.kind,
            actor: event.actor,
            timestamp_unix_ms: event.timestampUnixMs ?? Date.now(),
            payload_json:
              event.payload === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(event.payload)),
          },
        },
        metadata,
        options,
        callback,
      );
    }).then((response) => ({ eventId: idOf(response.event_id), accepted: response.accepted }));
  }

  verifySessionChain(sessionId: string): Promise<ChainVerification> {
    return this.#unary<VerifySessionChainResponse__Output>(true, (client, metadata, options, callback) =>
      client.journal.VerifySessionChain(
        { v: 1, session_id: { ulid: requireId(sessionId, 'sessionId') } },
        metadata,
        options,
        callback,
      ),
    ).then(toChainVerification);
  }

  listRunEvents(
    runId: string,
    afterSeq = 0,
    options: { readonly limit?: number } = {},
  ): Promise<RunEventPage> {
    return this.#unary<ListRunEventsResponse__Output>(true, (client, metadata, callOptions, callback) => {
      if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) {
        throw invalidArgument('afterSeq must be a non-negative integer');
      }
      client.journal.ListRunEvents(
        { v: 1, run_id: { ulid: requireId(runId, 'runId') }, after_seq: afterSeq, limit: options.limit ?? 0 },
        metadata,
        callOptions,
        callback,
      );
    }).then((response) => ({
      events: response.events
        .map((raw: RunStreamEvent__Output) => toRunEvent(raw))
        .filter((event): event is RunEvent => event !== undefined),
      nextAfterSeq: response.next_after_seq === 0 ? undefined : response.next_after_seq,
    }));
  }

  createAgent(input: CreateAgentInput): Promise<CreatedAgent> {
    return this.#unary<CreateAgentResponse__Output>(true, (client, metadata, options, callback) =>
      client.gateway.CreateAgent(
        {
          v: 1,
          agent_id: input.agentId,
          display_name: input.displayName,
          agent_dir: input.agentDir ?? '',
          workspace_roots: [...(input.workspaceRoots ?? [])],
          default_model_profile: input.modelProfile ?? '',
          default_tool_allowlist: [...(input.toolAllowlist ?? [])],
          default_skill_allowlist: [...(input.skillAllowlist ?? [])],
          set_default: input.setDefault ?? false,
        },
        metadata,
        options,
        callback,
      ),
    ).then((response) => {
      if (response.agent === null)
        throw new PalyraClientError(status.INTERNAL, 'the gateway answered without an agent');
      return {
        agent: toAgentInfo(response.agent),
        defaultChanged: response.default_changed,
        defaultAgentId: response.default_agent_id,
      };
    });
  }

  bindAgentForContext(input: AgentBindingInput): Promise<{ binding: AgentBindingInfo; created: boolean }> {
    return this.#unary<BindAgentForContextResponse__Output>(true, (client, metadata, options, callback) => {
      const sessionId = optionalText(input.sessionId);
      client.gateway.BindAgentForContext(
        {
          v: 1,
          agent_id: input.agentId,
          principal: optionalText(input.principal),
          channel: optionalText(input.channel),
          session_id: sessionId === '' ? null : { ulid: requireId(sessionId, 'sessionId') },
        },
        metadata,
        options,
        callback,
      );
    }).then((response) => {
      if (response.binding === null)
        throw new PalyraClientError(status.INTERNAL, 'the gateway answered without a binding');
      return { binding: toAgentBindingInfo(response.binding), created: response.created };
    });
  }

  listApprovals(options: ListApprovalsOptions = {}): Promise<ApprovalPage> {
    return this.#unary<ListApprovalsResponse__Output>(true, (client, metadata, callOptions, callback) => {
      const after = optionalText(options.afterApprovalId);
      client.approvals.ListApprovals(
        {
          v: 1,
          after_approval_ulid: after === '' ? '' : requireId(after, 'afterApprovalId'),
          limit: options.limit ?? 0,
          since_unix_ms: options.sinceUnixMs ?? 0,
          until_unix_ms: options.untilUnixMs ?? 0,
          subject_id: optionalText(options.subjectId),
          principal: optionalText(options.principal),
          decision:
            options.decision === undefined
              ? 'APPROVAL_DECISION_UNSPECIFIED'
              : `APPROVAL_DECISION_${options.decision}`,
        },
        metadata,
        callOptions,
        callback,
      );
    }).then((response) => ({
      approvals: response.approvals.map(toApprovalInfo),
      nextAfterApprovalId:
        response.next_after_approval_ulid === '' ? undefined : response.next_after_approval_ulid,
    }));
  }

  getApproval(approvalId: string): Promise<ApprovalInfo> {
    return this.#unary<GetApprovalResponse__Output>(true, (client, metadata, options, callback) =>
      client.approvals.GetApproval(
        { v: 1, approval_id: { ulid: requireId(approvalId, 'approvalId') } },
        metadata,
        options,
        callback,
      ),
    ).then((response) => approvalOf(response.approval));
  }

  decideApproval(approvalId: string, decision: ApprovalDecisionInput): Promise<ApprovalInfo> {
    return this.#unary<DecideApprovalResponse__Output>(true, (client, metadata, options, callback) => {
      const scopeTtlMs = decision.scopeTtlMs ?? 0;
      if (!Number.isSafeInteger(scopeTtlMs) || scopeTtlMs < 0) {
        throw invalidArgument('scopeTtlMs must be a non-negative integer');
      }
      client.approvals.DecideApproval(
        {
          v: 1,
          approval_id: { ulid: requireId(approvalId, 'approvalId') },
          approved: decision.approved,
          reason: decision.reason ?? '',
          decision_scope: `APPROVAL_DECISION_SCOPE_${decision.scope ?? 'ONCE'}`,
          decision_scope_ttl_ms: scopeTtlMs,
        },
        metadata,
        options,
        callback,
      );
    }).then((response) => approvalOf(response.approval));
  }

  openRun(options: OpenRunOptions = {}): RunHandle {
    this.#assertOpen();
    return new RunStreamHandle(this.#transport, options);
  }

  chat(text: string, options: ChatOptions = {}): Promise<RunOutcome> {
    let handle: RunHandle;
    try {
      handle = this.openRun({ ...options, text, bufferEvents: false });
    } catch (error) {
      return Promise.reject(toClientError(error));
    }
    handle.halfClose();
    return handle.done;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const clients of this.#clients) {
      // Both service clients share one channel: closing it once is enough.
      clients?.gateway.close();
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw new PalyraClientError(status.FAILED_PRECONDITION, 'client is closed');
  }

  #endpointClients(index: number): EndpointClients {
    const existing = this.#clients[index];
    if (existing !== undefined) return existing;
    this.#assertOpen();
    const endpoint = this.#endpoints[index];
    if (endpoint === undefined) throw new RangeError(`no endpoint ${index}`);
    const services = loadPalyraGrpcObject();
    const channelOptions = { ...DEFAULT_CHANNEL_OPTIONS, ...this.#options.grpcOptions };
    const credentials = channelCredentials(endpoint, this.#options.tls);
    const gateway = new services.palyra.gateway.v1.GatewayService(
      endpoint.target,
      credentials,
      channelOptions,
    );
    const journal = new services.palyra.journal.v1.JournalService(endpoint.target, credentials, {
      ...channelOptions,
      channelOverride: (gateway as Client).getChannel(),
    });
    const approvals = new services.palyra.gateway.v1.ApprovalsService(endpoint.target, credentials, {
      ...channelOptions,
      channelOverride: (gateway as Client).getChannel(),
    });
    const created = { gateway, journal, approvals };
    this.#clients[index] = created;
    return created;
  }

  /**
   * One unary call on the preferred endpoint with the auth metadata (unless `auth` is false) and
   * the call deadline. Local validation errors thrown by `invoke` reject like server errors.
   */
  #unary<T>(
    auth: boolean,
    invoke: (
      client: EndpointClients,
      metadata: Metadata,
      options: CallOptions,
      callback: UnaryCallback<T>,
    ) => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      try {
        const client = this.#endpointClients(this.#preferred);
        const metadata = auth ? this.#metadata.clone() : new Metadata();
        invoke(client, metadata, { deadline: Date.now() + this.#timeoutMs }, (error, value) => {
          if (error !== null) reject(toClientError(error));
          else if (value === undefined) reject(new PalyraClientError(status.INTERNAL, 'empty response'));
          else resolve(value);
        });
      } catch (error) {
        reject(toClientError(error));
      }
    });
  }
}
