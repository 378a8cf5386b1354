// The live feed of case updates. recordCaseUpdate announces each committed update on a bus
// that carries identifiers only ({ caseId, updateId }), never the update's text; each
// subscriber's copy passes the policy again, event by event, for that subscriber's actor
// and stated purpose, and is logged as a consultation before it is delivered.
import type { CaseUpdate, CaseUpdateAcknowledgement } from "@hub/db";
import { accessibleWhere, type Actor, defineAbilityFor } from "@hub/policy";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { recordDeniedAttempt } from "../cases/record-denied-attempt.js";
import { loadActor } from "../identity/load-actor.js";
import type { CoreContext } from "../shared/context.js";
import { NotFoundError } from "../shared/errors.js";
import { isUuid } from "../shared/ids.js";
import { requirePurpose } from "../shared/purpose.js";

/** What the bus carries: which update, on which case. Nothing else. */
export interface CaseEvent {
  readonly caseId: string;
  readonly updateId: string;
}

export interface CaseEvents {
  /** Announces a committed update. Never throws: the update is already recorded. */
  publish(event: CaseEvent): void;
  /**
   * The events published from this call on. The subscription is registered when this is
   * called, not when the stream is first read; return() ends it.
   */
  subscribe(): AsyncIterableIterator<CaseEvent>;
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * One process's bus. A subscriber that falls this many events behind (its client stopped
 * reading) is ended rather than buffered for ever; the client subscribes again.
 */
export class InProcessCaseEvents implements CaseEvents {
  private readonly subscribers = new Set<(event: CaseEvent) => void>();
  private readonly closers = new Set<() => void>();

  constructor(private readonly maxQueued = 1000) {}

  /** How many subscriptions are open. */
  get size(): number {
    return this.subscribers.size;
  }

  /** Ends every subscription (the hub is stopping): each stream completes cleanly, as if its client had finished. */
  closeAll(): void {
    for (const close of [...this.closers]) close();
  }

  publish(event: CaseEvent): void {
    // Copied field by field, so whatever the caller passed, only the two ids travel.
    const ids: CaseEvent = Object.freeze({ caseId: String(event.caseId), updateId: String(event.updateId) });
    for (const deliver of [...this.subscribers]) deliver(ids);
  }

  subscribe(): AsyncIterableIterator<CaseEvent> {
    const queue: CaseEvent[] = [];
    const waiting: ((result: IteratorResult<CaseEvent>) => void)[] = [];
    let open = true;
    const close = () => {
      if (!open) return;
      open = false;
      queue.length = 0;
      this.subscribers.delete(deliver);
      this.closers.delete(close);
      for (const resolve of waiting.splice(0)) resolve(DONE);
    };
    const deliver = (event: CaseEvent) => {
      const resolve = waiting.shift();
      if (resolve) resolve({ done: false, value: event });
      else if (queue.length >= this.maxQueued) close();
      else queue.push(event);
    };
    this.subscribers.add(deliver);
    this.closers.add(close);
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      next() {
        const event = queue.shift();
        if (event) return Promise.resolve({ done: false, value: event });
        if (!open) return Promise.resolve(DONE);
        return new Promise((resolve) => waiting.push(resolve));
      },
      return() {
        close();
        return Promise.resolve(DONE);
      },
    };
  }
}

/**
 * Holds what is published until release(): for a request whose writes commit later than the
 * domain function returns (an idempotent request commits everything at the end), so nobody is
 * told of an update before it can be read.
 */
export class CaseEventsAfterCommit implements CaseEvents {
  private readonly pending: CaseEvent[] = [];

  constructor(private readonly bus: CaseEvents) {}

  publish(event: CaseEvent): void {
    this.pending.push(event);
  }

  subscribe(): AsyncIterableIterator<CaseEvent> {
    return this.bus.subscribe();
  }

  /** Announces everything held, once the writes have committed. */
  release(): void {
    for (const event of this.pending.splice(0)) this.bus.publish(event);
  }
}

type UpdateView = CaseUpdate & { acknowledgements: CaseUpdateAcknowledgement[]; supersededById: string | null };

/** One delivered event: an update the subscriber may see, already logged. */
export interface CaseUpdateDelivery {
  caseId: string;
  update: UpdateView;
}

const sameStanding = (now: Actor, then: Actor) =>
  now.userId === then.userId && now.organisationId === then.organisationId && [...now.roles].sort().join() === [...then.roles].sort().join();

/**
 * Follows the updates on one case (caseId) or on every case the caller may see. Each event
 * is checked when it arrives, against the caller as the database has them now (a
 * deactivated user, membership or organisation, or a change of organisation or roles, ends
 * the stream) and with the policy rebuilt for that moment (withdrawn consent, a suspended
 * agreement or an expired sharing decision take effect on the next event). An update the
 * caller may not see is skipped without a trace; one they may see is logged as a
 * consultation before it is delivered, and if the log cannot be written the stream ends
 * with an error instead.
 */
export async function followCaseUpdates(ctx: CoreContext, input: { caseId?: string | null }): Promise<AsyncIterableIterator<CaseUpdateDelivery>> {
  const purpose = requirePurpose(ctx);
  if (!ctx.events) throw new Error("followCaseUpdates needs ctx.events: this hub was started without a case event bus.");
  const caseId = input.caseId ?? null;
  if (caseId !== null) {
    const found = isUuid(caseId) ? await ctx.prisma.case.findFirst({ where: { AND: [{ id: caseId }, accessibleWhere(ctx.ability, "Case")] }, select: { id: true } }) : null;
    if (!found) {
      await recordDeniedAttempt(ctx, "Case", caseId);
      throw new NotFoundError("case");
    }
  }
  const { oidcSubject } = await ctx.prisma.user.findUniqueOrThrow({ where: { id: ctx.actor.userId }, select: { oidcSubject: true } });
  const source = ctx.events.subscribe();

  async function* deliveries(): AsyncGenerator<CaseUpdateDelivery, void, undefined> {
    try {
      for await (const event of source) {
        if (caseId !== null && event.caseId !== caseId) continue;
        const actor = await loadActor(ctx.prisma, oidcSubject);
        if (!actor || !sameStanding(actor, ctx.actor)) return;
        const ability = defineAbilityFor(actor, { purpose });
        const row = await ctx.prisma.caseUpdate.findFirst({
          where: { AND: [{ id: event.updateId }, accessibleWhere(ability, "CaseUpdate")] },
          include: { acknowledgements: true, supersededBy: { select: { id: true } }, case: { select: { victimId: true } } },
        });
        if (!row) continue;
        await writeAuditEntries(ctx.prisma, [
          ctx.audit.entry({ action: "CONSULTATION", entityType: "CaseUpdate", entityId: row.id, caseId: row.caseId, victimId: row.case.victimId, fields: ["CaseUpdate.*"] }),
        ]);
        const { supersededBy, case: _case, ...update } = row;
        yield { caseId: row.caseId, update: { ...update, supersededById: supersededBy?.id ?? null } };
      }
    } finally {
      await source.return?.();
    }
  }

  // A generator that was never started ignores return() and would never run its finally,
  // so the bus subscription is ended here as well.
  const stream = deliveries();
  const feed: AsyncIterableIterator<CaseUpdateDelivery> = {
    [Symbol.asyncIterator]: () => feed,
    next: () => stream.next(),
    async return() {
      await source.return?.();
      await stream.return();
      return DONE;
    },
  };
  return feed;
}
