import type { CoreContext } from "../shared/context.js";
import { basisOf } from "../shared/lawful-basis.js";
import { CASE_FIELDS, type CaseSummary } from "./case-summary.js";

type WithBasis = CaseSummary & { victim: { consentGrants?: { consentId: string; purpose: string }[] }; sharingDecisions?: { id: string; lawfulBasisCode: string }[] };

/** Logs that the caller consulted these cases, and on what basis each was shared with them. */
export function recordCaseConsultation(ctx: CoreContext, rows: CaseSummary[]): void {
  for (const row of rows as WithBasis[]) {
    ctx.audit.record({
      action: "CONSULTATION",
      entityType: "Case",
      entityId: row.id,
      caseId: row.id,
      victimId: row.victimId,
      fields: CASE_FIELDS,
      ...basisOf(ctx, "CASE_PROGRESS", { consentGrants: row.victim.consentGrants, sharingDecisions: row.sharingDecisions }),
    });
  }
}
