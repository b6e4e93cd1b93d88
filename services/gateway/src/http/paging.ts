import { LIMITS } from '@palyra/core';
import { type TSchema, Type } from 'typebox';

/** `?cursor=&limit=`: as the gRPC API, limit 1..500, default 100; the cursor is opaque. */
export const PageQuerySchema = Type.Object(
  {
    cursor: Type.Optional(
      Type.String({
        maxLength: 512,
        pattern: '^[A-Za-z0-9_-]*$',
        description: 'next_cursor of the previous page; absent for the first page',
      }),
    ),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: LIMITS.pageSizeMax,
        description: `default ${LIMITS.pageSizeDefault}`,
      }),
    ),
  },
  { additionalProperties: false },
);

/** `{ items, next_cursor }`; `next_cursor` is null on the last page. */
export function pageSchema<Item extends TSchema>(item: Item) {
  return Type.Object({
    items: Type.Array(item),
    next_cursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as ?cursor= for the next page; null on the last page',
    }),
  });
}

/** The page request for a repository: absent fields stay absent (the repository applies defaults). */
export function pageRequest(query: { readonly cursor?: string; readonly limit?: number }): {
  cursor?: string;
  limit: number;
} {
  return {
    ...(query.cursor === undefined || query.cursor === '' ? {} : { cursor: query.cursor }),
    limit: query.limit ?? LIMITS.pageSizeDefault,
  };
}
