import { Readable } from 'node:stream';
import { LIMITS } from '@palyra/core';
import type { JournalStore } from '@palyra/journal';
import Type from 'typebox';
import { NdjsonChecksumChain } from '../../exports/ndjson-checksum-chain.js';
import { findReadableSession } from '../../sessions/session-access.js';
import { callerOf, type HttpRoutes } from '../http-context.js';
import { type ConsoleContext, consolePath } from './console-context.js';
import { CONSOLE_TAGS, limitOf, SessionIdParams, StreamedBody } from './console-schemas.js';
import { JournalEventJsonSchema, toJournalEventJson } from './journal-json.js';
import { ChainSeqPage, ChainSeqQuery } from './page-schemas.js';

const tags = [CONSOLE_TAGS.journal];
const auth = { auth: 'tenant' } as const;

/** The `schema` of every line of a journal export (see exports/ndjson-checksum-chain.ts for the format). */
export const JOURNAL_EXPORT_SCHEMA = 'palyra.journal.export.v1';
export const NDJSON_CONTENT_TYPE = 'application/x-ndjson';

/** The export's lines: one entry per journal event in chain order, then the trailer. */
async function* journalExportLines(
  journal: Pick<JournalStore, 'readSessionEvents'>,
  tenantId: string,
  sessionId: string,
): AsyncGenerator<string> {
  const chain = new NdjsonChecksumChain(JOURNAL_EXPORT_SCHEMA);
  let after = 0;
  for (;;) {
    const page = await journal.readSessionEvents(tenantId, sessionId, after, { limit: LIMITS.pageSizeMax });
    for (const event of page) yield chain.entry(toJournalEventJson(event));
    const last = page.at(-1);
    if (page.length < LIMITS.pageSizeMax || last === undefined) break;
    after = last.chainSeq;
  }
  yield chain.trailer();
}

/**
 * A session's hash-chained journal: events, chain verification, and an NDJSON export with a
 * checksum chain. Readable by the session's owner and by tenant admins (as VerifySessionChain).
 */
export function journalRoutes(context: ConsoleContext): HttpRoutes {
  const { sessions, journal } = context.repositories;
  return (app) => {
    app.get(
      consolePath('/sessions/:session_id/journal'),
      {
        config: auth,
        schema: {
          summary: "A page of a session's journal events",
          description:
            'Every event of the session in chain order (stream events, inputs, signals), with its ' +
            'hash links. Pass `next_after_chain_seq` as `after_chain_seq`; null on the last page.',
          tags,
          params: SessionIdParams,
          querystring: ChainSeqQuery,
          response: { 200: ChainSeqPage(JournalEventJsonSchema) },
        },
      },
      async (request) => {
        const caller = callerOf(request);
        const session = await findReadableSession(sessions, caller, request.params.session_id);
        const limit = limitOf(request.query.limit);
        // One more than asked tells whether another page exists (within the store's maximum).
        const probe = Math.min(limit + 1, LIMITS.pageSizeMax);
        const read = await journal.readSessionEvents(
          caller.tenantId,
          session.sessionId,
          request.query.after_chain_seq ?? 0,
          { limit: probe },
        );
        const events = read.slice(0, limit);
        const more = read.length > limit || (probe === limit && read.length === limit);
        return {
          items: events.map(toJournalEventJson),
          next_after_chain_seq: more ? (events.at(-1)?.chainSeq ?? null) : null,
        };
      },
    );

    app.get(
      consolePath('/sessions/:session_id/journal/verify'),
      {
        config: auth,
        schema: {
          summary: "Verify a session's hash chain",
          description:
            'Recomputes every link, `hash = sha256(prev_hash | canonical(event))`, from the stored ' +
            'events. `ok: false` names the first broken link (`broken_at_chain_seq`) and why.',
          tags,
          params: SessionIdParams,
          response: {
            200: Type.Union([
              Type.Object({
                ok: Type.Literal(true),
                length: Type.Integer({ minimum: 0 }),
                head_hash: Type.String(),
              }),
              Type.Object({
                ok: Type.Literal(false),
                length: Type.Integer({ minimum: 0 }),
                broken_at_chain_seq: Type.Integer({ minimum: 1 }),
                reason: Type.String(),
              }),
            ]),
          },
        },
      },
      async (request) => {
        const caller = callerOf(request);
        const session = await findReadableSession(sessions, caller, request.params.session_id);
        const result = await journal.verifyChain(caller.tenantId, session.sessionId);
        return result.ok
          ? { ok: true as const, length: result.length, head_hash: result.headHash }
          : {
              ok: false as const,
              length: result.length,
              broken_at_chain_seq: result.brokenAtChainSeq,
              reason: result.reason,
            };
      },
    );

    app.get(
      consolePath('/sessions/:session_id/journal/export'),
      {
        // A HEAD would run the whole stream only to drop its body.
        exposeHeadRoute: false,
        config: auth,
        schema: {
          summary: "Export a session's journal as NDJSON with a checksum chain",
          description:
            'One line per journal event in chain order, then a trailer. Every line is canonical JSON ' +
            '(keys sorted, no whitespace). Entry n: `{chain_checksum_sha256: C_n, ' +
            'prev_checksum_sha256: C_(n-1), record: R_n, record_checksum_sha256: H_n, record_type: ' +
            `"entry", schema: "${JOURNAL_EXPORT_SCHEMA}", sequence: n}\`; trailer: \`{exported_records: ` +
            'N, final_chain_checksum_sha256: C_N, record_type: "trailer", schema}`. H_n = ' +
            'sha256_hex(canonical(R_n)); C_0 = 64 zeros; C_n = sha256_hex(schema + "\\n" + n + "\\n" + ' +
            'C_(n-1) + "\\n" + H_n). R_n is the event as `GET /sessions/{session_id}/journal` shows it. ' +
            'A missing trailer means the export was cut short.',
          tags,
          params: SessionIdParams,
          response: {
            200: {
              description: 'the export, streamed',
              content: { [NDJSON_CONTENT_TYPE]: { schema: StreamedBody(Type.String()) } },
            },
          },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const session = await findReadableSession(sessions, caller, request.params.session_id);
        const lines = journalExportLines(journal, caller.tenantId, session.sessionId);
        return reply
          .type(NDJSON_CONTENT_TYPE)
          .header('content-disposition', `attachment; filename="journal-${session.sessionId}.ndjson"`)
          .send(Readable.from(lines));
      },
    );
  };
}
