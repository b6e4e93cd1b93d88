import Type, { type TSchema } from 'typebox';
import { AfterSeq, Limit } from './console-schemas.js';

/**
 * The console's two ways of paging: lists by an opaque cursor, and a session's journal by chain
 * seq. Every paged route uses these, so the query and page shapes stay alike.
 */

/** The query of a list paged by cursor. */
export const CursorQueryFields = {
  cursor: Type.Optional(Type.String({ maxLength: 1024 })),
  limit: Type.Optional(Limit),
};

/** The cursor a request passed; absent or '' starts from the beginning. */
export function cursorOf(cursor: string | undefined): string | null {
  return cursor === undefined || cursor === '' ? null : cursor;
}

/** A page of a list paged by cursor: pass `next_cursor` as `cursor`; null on the last page. */
export function CursorPage<Item extends TSchema>(item: Item) {
  return Type.Object({ items: Type.Array(item), next_cursor: Type.Union([Type.String(), Type.Null()]) });
}

/** The query of a session's journal read in chain order. */
export const ChainSeqQuery = Type.Object({
  after_chain_seq: Type.Optional(AfterSeq),
  limit: Type.Optional(Limit),
});

/** A page in chain order: pass `next_after_chain_seq` as `after_chain_seq`. */
export function ChainSeqPage<Item extends TSchema>(item: Item) {
  return Type.Object({
    items: Type.Array(item),
    next_after_chain_seq: Type.Union([Type.Integer(), Type.Null()]),
  });
}
