// Forward-only keyset connections (Relay shape). The hub never offers OFFSET paging.
import type { Page } from "@hub/core";
import type { ObjectRef } from "@pothos/core";
import { builder } from "../builder.js";

export const PageInfo = builder.objectRef<{ hasNextPage: boolean; endCursor: string | null }>("PageInfo").implement({
  fields: (t) => ({
    hasNextPage: t.exposeBoolean("hasNextPage"),
    endCursor: t.exposeString("endCursor", { nullable: true }),
  }),
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function connectionOf<T extends object>(name: string, node: ObjectRef<any, T>) {
  const Edge = builder.objectRef<{ node: T; cursor: string }>(`${name}Edge`).implement({
    fields: (t) => ({
      cursor: t.exposeString("cursor"),
      node: t.expose("node", { type: node }),
    }),
  });
  return builder.objectRef<Page<T>>(`${name}Connection`).implement({
    fields: (t) => ({
      edges: t.field({ type: [Edge], resolve: (page) => page.items }),
      pageInfo: t.field({
        type: PageInfo,
        resolve: (page) => ({ hasNextPage: page.hasNextPage, endCursor: page.items.at(-1)?.cursor ?? null }),
      }),
    }),
  });
}
