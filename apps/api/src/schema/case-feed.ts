// The live feed of case updates, as a GraphQL subscription (served over SSE by Yoga: POST
// with Content-Type: application/json and Accept: text/event-stream). Every event passes the
// policy for the subscriber, and is logged, in followCaseUpdates (@hub/core).
import { type CaseUpdateDelivery, followCaseUpdates } from "@hub/core";
import { builder } from "../builder.js";
import { CaseUpdateRef } from "./case-progress.js";

builder.subscriptionType({});

/** Reading the feed failed (e.g. the audit log could not be written): the last event is this error. */
class FeedFailure {
  constructor(readonly cause: unknown) {}
}

type FeedEvent = CaseUpdateDelivery | FeedFailure;

/** Ends the stream with one error event when reading it fails, instead of cutting the connection. */
function endingWithError(source: AsyncIterator<CaseUpdateDelivery>): AsyncIterableIterator<FeedEvent> {
  let ended = false;
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next(): Promise<IteratorResult<FeedEvent>> {
      if (ended) return { done: true, value: undefined };
      try {
        return await source.next();
      } catch (error) {
        ended = true;
        return { done: false, value: new FeedFailure(error) };
      }
    },
    async return(): Promise<IteratorResult<FeedEvent>> {
      ended = true;
      await source.return?.();
      return { done: true, value: undefined };
    },
  };
}

const CaseUpdateEventRef = builder.objectRef<CaseUpdateDelivery>("CaseUpdateEvent").implement({
  description: "An update was recorded on a case you may see.",
  fields: (t) => ({
    caseId: t.exposeID("caseId"),
    update: t.field({ type: CaseUpdateRef, resolve: (e) => e.update }),
  }),
});

builder.subscriptionFields((t) => ({
  caseUpdates: t.field({
    type: CaseUpdateEventRef,
    description:
      "Updates as they are recorded: on one case (caseId), or on every case you may see. Each is checked against the policy when it happens, for the purpose you stated, and logged; what you may not see is left out without a trace. The stream ends when your account, membership, organisation or roles change.",
    args: { caseId: t.arg.id() },
    subscribe: async (_root, args, ctx) => endingWithError(await followCaseUpdates(ctx, { caseId: args.caseId == null ? null : String(args.caseId) })),
    resolve: (event: FeedEvent) => {
      if (event instanceof FeedFailure) throw event.cause;
      return event;
    },
  }),
}));
