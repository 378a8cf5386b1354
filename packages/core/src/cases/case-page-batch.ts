// A caseload page asks each case for its clocks and keep-in-touch tasks. Asked one case at a
// time that is two statements per case (an N+1); here the asks made in the same tick of one
// request are gathered and answered by one set-based statement each, whatever the page size.
import { accessibleWhere } from "@hub/policy";
import type { CoreContext } from "../shared/context.js";
import { requirePurpose } from "../shared/purpose.js";
import { asListedClocks, LISTED_CLOCK_INCLUDE } from "../statutory-clocks/list-clocks.js";

type LoadMany<T> = (ctx: CoreContext, caseIds: string[]) => Promise<T[]>;
type Pending<T> = { ids: Set<string>; result: Promise<Map<string, T[]>> };

// Per request (the context), per kind of row: the batch still gathering case ids.
const gathering = new WeakMap<CoreContext, Map<LoadMany<unknown>, Pending<unknown>>>();

/** Answers rows of one case, sharing one statement with every other case asked in this tick. */
function byCase<T extends { caseId: string }>(ctx: CoreContext, load: LoadMany<T>, caseId: string): Promise<T[]> {
  const kinds = gathering.get(ctx) ?? new Map<LoadMany<unknown>, Pending<unknown>>();
  gathering.set(ctx, kinds);
  let pending = kinds.get(load as LoadMany<unknown>) as Pending<T> | undefined;
  if (!pending) {
    const ids = new Set<string>();
    const result = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      kinds.delete(load as LoadMany<unknown>);
      const grouped = new Map<string, T[]>();
      for (const row of await load(ctx, [...ids])) {
        const rows = grouped.get(row.caseId);
        if (rows) rows.push(row);
        else grouped.set(row.caseId, [row]);
      }
      return grouped;
    });
    pending = { ids, result };
    kinds.set(load as LoadMany<unknown>, pending as Pending<unknown>);
  }
  pending.ids.add(caseId);
  return pending.result.then((grouped) => grouped.get(caseId) ?? []);
}

const loadClocks = (ctx: CoreContext, caseIds: string[]) =>
  ctx.prisma.statutoryClock.findMany({ where: { AND: [{ caseId: { in: caseIds } }, accessibleWhere(ctx.ability, "StatutoryClock")] },
    include: LISTED_CLOCK_INCLUDE,
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
  });

const loadTasks = (ctx: CoreContext, caseIds: string[]) =>
  ctx.prisma.keepInTouchTask.findMany({ where: { AND: [{ caseId: { in: caseIds } }, accessibleWhere(ctx.ability, "KeepInTouchTask")] }, orderBy: [{ dueAt: "asc" }, { id: "asc" }] });

/** A case's Victims' Code clocks, breached and open first (as listClocks), batched per request. */
export async function clocksOfCase(ctx: CoreContext, caseId: string) {
  requirePurpose(ctx);
  return asListedClocks(await byCase(ctx, loadClocks, caseId));
}

/** A case's keep-in-touch tasks, soonest due first (as listKeepInTouchTasks), batched per request. */
export async function keepInTouchTasksOfCase(ctx: CoreContext, caseId: string) {
  requirePurpose(ctx);
  return byCase(ctx, loadTasks, caseId);
}
