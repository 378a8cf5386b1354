import { victimAccessLog } from "@hub/core";
import type { AuditEvent } from "@hub/db";
import { builder } from "../builder.js";
import { AccessPurposeEnum, AuditActionEnum, RoleEnum } from "./enums.js";

type Entry = AuditEvent & { actorName: string | null; organisationName: string | null; consentSelfRecorded: boolean };

const AccessLogEntryRef = builder.objectRef<Entry>("AccessLogEntry").implement({
  description: "One entry of the s.62 log: who did what with a victim's data, when, why and on what basis.",
  fields: (t) => ({
    at: t.field({ type: "DateTime", resolve: (e) => e.at }),
    action: t.field({ type: AuditActionEnum, resolve: (e) => e.action }),
    actorName: t.exposeString("actorName", { nullable: true }),
    organisationName: t.exposeString("organisationName", { nullable: true }),
    roles: t.field({ type: [RoleEnum], resolve: (e) => e.roles }),
    purpose: t.field({ type: AccessPurposeEnum, nullable: true, resolve: (e) => e.purpose }),
    lawfulBasisCode: t.exposeString("lawfulBasisCode", { nullable: true }),
    consentId: t.exposeID("consentId", { nullable: true }),
    consentSelfRecorded: t.exposeBoolean("consentSelfRecorded", {
      description: "The consent relied on was recorded by the organisation it gave to (self-recorded, with how and when she said it).",
    }),
    sharingDecisionId: t.exposeID("sharingDecisionId", { nullable: true }),
    entityType: t.exposeString("entityType"),
    fields: t.exposeStringList("fields"),
    recipientOrganisationIds: t.exposeStringList("recipientOrganisationIds"),
    outcome: t.exposeString("outcome", { nullable: true }),
  }),
});

const AccessLogPage = builder.objectRef<{ items: { node: Entry; cursor: string }[]; hasNextPage: boolean }>("AccessLogConnection").implement({
  fields: (t) => ({
    entries: t.field({ type: [AccessLogEntryRef], resolve: (p) => p.items.map((i) => i.node) }),
    hasNextPage: t.exposeBoolean("hasNextPage"),
    endCursor: t.string({ nullable: true, resolve: (p) => p.items.at(-1)?.cursor ?? null }),
  }),
});

builder.queryField("victimAccessLog", (t) =>
  t.field({
    type: AccessLogPage,
    description: "Who has seen this victim's data, when and why (subject access requests). Partnership auditors, purpose SUBJECT_ACCESS or AUDIT.",
    args: { victimReference: t.arg.string({ required: true }), first: t.arg.int(), after: t.arg.string() },
    resolve: (_root, args, ctx) => victimAccessLog(ctx, args.victimReference, args),
  }),
);
