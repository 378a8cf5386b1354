// For WCU and police case systems: find cases by their own references, and send many
// updates at once (validated first; all written, or none and a list of what to fix).
import { findCasesByReference, recordCaseUpdates, type BatchItemError, type BatchResult } from "@hub/core";
import { builder } from "../builder.js";
import { CaseUpdateTypeEnum } from "./case-progress.js";
import { CaseRef } from "./cases.js";

const BatchItemErrorRef = builder.objectRef<BatchItemError>("BatchItemError").implement({
  fields: (t) => ({
    index: t.exposeInt("index", { description: "Position of the update in the list sent (from 0)." }),
    message: t.exposeString("message"),
    field: t.exposeString("field", { nullable: true }),
  }),
});

const BatchResultRef = builder.objectRef<BatchResult>("CaseUpdateBatchResult").implement({
  description: "Either every update was written (errors empty), or none was (errors lists each problem).",
  fields: (t) => ({
    written: t.exposeInt("written"),
    updateIds: t.exposeIDList("updateIds"),
    errors: t.field({ type: [BatchItemErrorRef], resolve: (r) => r.errors }),
  }),
});

const BatchCaseUpdateInput = builder.inputType("BatchCaseUpdateInput", {
  fields: (t) => ({
    caseId: t.id({ description: "The hub's case id; or send policeUrn or cpsReference." }),
    policeUrn: t.string(),
    cpsReference: t.string(),
    type: t.field({ type: CaseUpdateTypeEnum, required: true }),
    occurredAt: t.field({ type: "DateTime", required: true }),
    receivedAt: t.field({ type: "DateTime" }),
    internalNote: t.string(),
    victimExplanation: t.string({ required: true }),
    supersedesId: t.id(),
  }),
});

builder.queryField("casesByReference", (t) =>
  t.field({
    type: [CaseRef],
    description: "Cases you may see with this police URN and/or CPS reference (a URN can cover several victims).",
    args: { policeUrn: t.arg.string(), cpsReference: t.arg.string() },
    resolve: (_r, args, ctx) => findCasesByReference(ctx, args),
  }),
);

builder.mutationField("recordCaseUpdates", (t) =>
  t.field({
    type: BatchResultRef,
    description: "Record many updates in one request (up to 5,000), matched by caseId, police URN or CPS reference.",
    args: { updates: t.arg({ type: [BatchCaseUpdateInput], required: true }) },
    resolve: (_r, { updates }, ctx) =>
      recordCaseUpdates(
        ctx,
        updates.map((u) => ({ ...u, caseId: u.caseId ? String(u.caseId) : null, supersedesId: u.supersedesId ? String(u.supersedesId) : null })),
      ),
  }),
);
