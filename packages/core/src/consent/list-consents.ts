// Her consent record, as every agency on her case sees it so it can respect it: each occasion
// she said something, what she said, and whether it still stands. Where the evidence is kept
// and why something is kept back stay with the organisation that recorded it (the policy's
// field rules). And what it all adds up to now, organisation by organisation.
import type { ConsentStatement, OrganisationKind, Prisma } from "@hub/db";
import { accessibleWhere, auditFieldNames, permittedFieldsOf, subject } from "@hub/policy";
import type { CoreContext } from "../shared/context.js";
import { requirePurpose } from "../shared/purpose.js";

export const consentWithStatements = {
  statements: { orderBy: { seq: "asc" } },
  victim: { select: { cases: { select: { involvements: { select: { organisationId: true, until: true } } } } } },
} as const satisfies Prisma.ConsentInclude;

type ConsentRow = Prisma.ConsentGetPayload<{ include: typeof consentWithStatements }>;

/** A statement as shown: its reason only to the recorder; when a later statement took its place. */
export type StatementView = Omit<ConsentStatement, "reason" | "seq"> & { reason: string | null; supersededAt: Date | null };
export type ConsentView = Omit<ConsentRow, "evidence" | "victim" | "statements"> & { evidence: string | null; statements: StatementView[]; withdrawnAt: Date | null };

const ALL_FIELDS = ["evidence", "statementReasons"];

const later = (a: Pick<ConsentStatement, "statedAt" | "seq">, b: Pick<ConsentStatement, "statedAt" | "seq">) =>
  a.statedAt.getTime() > b.statedAt.getTime() || (a.statedAt.getTime() === b.statedAt.getTime() && a.seq > b.seq);

/**
 * Does statement `b` speak about everything `a` spoke about (same category; every purpose or
 * the same one; everyone, the same kind, or the same organisation or its kind)?
 */
function covers(b: ConsentStatement, a: ConsentStatement, kindOf: Map<string, OrganisationKind>) {
  if (b.category !== a.category || (b.purpose !== null && b.purpose !== a.purpose)) return false;
  if (b.recipientOrganisationId === null && b.recipientKind === null) return true;
  if (a.recipientKind) return b.recipientKind === a.recipientKind;
  return b.recipientOrganisationId === a.recipientOrganisationId || (a.recipientOrganisationId !== null && b.recipientKind === kindOf.get(a.recipientOrganisationId));
}

/** The moment her later words took this statement's place (for everyone it spoke about), if they have. */
function supersededAt(s: ConsentStatement, all: readonly ConsentStatement[], kindOf: Map<string, OrganisationKind>, decisions?: readonly string[]) {
  const after = all.filter((b) => later(b, s) && covers(b, s, kindOf) && (!decisions || decisions.includes(b.decision)));
  return after.length ? new Date(Math.min(...after.map((b) => b.statedAt.getTime()))) : null;
}

export function toConsentView(ctx: CoreContext, row: ConsentRow, all: readonly ConsentStatement[], kindOf = new Map<string, OrganisationKind>()): ConsentView {
  const { victim, statements, ...consent } = row;
  const fields = permittedFieldsOf(ctx.ability, "read", subject("Consent", { ...consent, victim }), { fieldsFrom: (rule) => rule.fields ?? ALL_FIELDS });
  const sees = (field: string) => fields.includes(field);
  const given = statements.filter((s) => s.decision === "GIVEN");
  const withdrawals = given.map((s) => supersededAt(s, all, kindOf, ["WITHDRAWN", "WITHHELD"]));
  return {
    ...consent,
    evidence: sees("evidence") ? consent.evidence : null,
    statements: statements.map(({ seq: _order, ...s }) => ({ ...s, reason: sees("statementReasons") ? s.reason : null, supersededAt: supersededAt({ ...s, seq: _order }, all, kindOf) })),
    // A record she has taken back: every agreement in it withdrawn or kept back since.
    withdrawnAt: given.length && withdrawals.every((w) => w !== null) ? new Date(Math.max(...withdrawals.map((w) => w!.getTime()))) : null,
  };
}

/** Her consent history, newest first: every record she said something in, current and taken back. */
export async function listConsents(ctx: CoreContext, caseId: string, victimId: string): Promise<ConsentView[]> {
  requirePurpose(ctx);
  const rows = await ctx.prisma.consent.findMany({
    where: { AND: [{ victimId }, accessibleWhere(ctx.ability, "Consent")] },
    include: consentWithStatements,
    orderBy: [{ capturedAt: "desc" }, { id: "asc" }],
  });
  if (!rows.length) return [];
  ctx.audit.record({ action: "CONSULTATION", entityType: "Consent", caseId, victimId, fields: auditFieldNames("ConsentStatement", ["decision", "category", "purpose", "recipientOrganisationId", "recipientKind", "statedAt"]) });
  const all = rows.flatMap((r) => r.statements);
  const orgIds = [...new Set(all.map((s) => s.recipientOrganisationId).filter((id): id is string => !!id))];
  const kinds = await ctx.prisma.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true, kind: true } });
  const kindOf = new Map(kinds.map((o) => [o.id, o.kind]));
  return rows.map((row) => toConsentView(ctx, row, all, kindOf));
}

/**
 * What her statements add up to now, organisation by organisation: who may see what, for
 * which purpose, on which record. Shown to everyone working on her case (as her consent record
 * is), so nobody has to work it out from the history.
 */
export async function consentNow(ctx: CoreContext, caseId: string, victimId: string) {
  requirePurpose(ctx);
  const visible = await ctx.prisma.consent.count({ where: { AND: [{ victimId }, accessibleWhere(ctx.ability, "Consent")] } });
  if (!visible) return [];
  const grants = await ctx.prisma.consentGrant.findMany({ where: { victimId }, orderBy: [{ organisationId: "asc" }, { category: "asc" }, { purpose: "asc" }] });
  ctx.audit.record({ action: "CONSULTATION", entityType: "ConsentGrant", caseId, victimId, fields: auditFieldNames("ConsentGrant", ["category", "purpose", "selfRecorded"]) });
  return grants;
}
