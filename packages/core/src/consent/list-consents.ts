import { accessibleWhere, permittedFieldsOf, subject } from "@hub/policy";
import type { CoreContext } from "../shared/context.js";
import { requirePurpose } from "../shared/purpose.js";

const ALL_FIELDS = ["evidence", "withholdingReasons"];

/**
 * The consent history of a case's victim: current and withdrawn, newest first. Rows come
 * from SQL; then each row's fields are cut by the policy, so where the evidence is kept and
 * why something is withheld only reach the organisation that captured the consent.
 */
export async function listConsents(ctx: CoreContext, caseId: string, victimId: string) {
  requirePurpose(ctx);
  const involvements = { select: { organisationId: true, until: true } } as const;
  const rows = await ctx.prisma.consent.findMany({
    where: { AND: [{ victimId }, accessibleWhere(ctx.ability, "Consent")] },
    include: { scopes: true, withholdings: true, victim: { select: { cases: { select: { involvements } } } } },
    orderBy: { capturedAt: "desc" },
  });
  if (rows.length) {
    ctx.audit.record({ action: "CONSULTATION", entityType: "Consent", caseId, victimId, fields: ["Consent.scopes", "Consent.withholdings", "Consent.withdrawnAt"] });
  }
  return rows.map(({ victim: _policyOnly, ...row }) => {
    const fields = permittedFieldsOf(ctx.ability, "read", subject("Consent", { ...row, victim: _policyOnly }), { fieldsFrom: (rule) => rule.fields ?? ALL_FIELDS });
    const seesPrivate = (field: string) => fields.includes(field);
    return {
      ...row,
      evidence: seesPrivate("evidence") ? row.evidence : null,
      withholdings: row.withholdings.map((w) => ({ ...w, reason: seesPrivate("withholdingReasons") ? w.reason : null })),
    };
  });
}
