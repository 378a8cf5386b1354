import type { Prisma } from "@hub/db";
import type { CoreContext } from "../shared/context.js";
import { basisInclude } from "../shared/lawful-basis.js";

/** What a case read returns: the case, its area and current involvements (no victim details). */
export function caseSummaryInclude(ctx: CoreContext) {
  const basis = basisInclude(ctx, "CASE_PROGRESS");
  return {
    area: true,
    victim: { select: { id: true, reference: true, ...(basis ? { consentGrants: basis.consentGrants } : {}) } },
    involvements: {
      where: { until: null },
      orderBy: { since: "asc" },
      include: { organisation: true, namedContact: { select: { id: true, name: true, email: true } } },
    },
    ...(basis ? { sharingDecisions: basis.sharingDecisions } : {}),
  } satisfies Prisma.CaseInclude;
}

export type CaseSummary = Prisma.CaseGetPayload<{
  include: {
    area: true;
    victim: { select: { id: true; reference: true } };
    involvements: { include: { organisation: true; namedContact: { select: { id: true; name: true; email: true } } } };
  };
}>;

/** The fields a case read discloses, as the audit log names them. */
export const CASE_FIELDS = [
  "Case.policeUrn",
  "Case.cpsReference",
  "Case.offenceCategory",
  "Case.stage",
  "Case.areaId",
  "Case.openedAt",
  "Case.closedAt",
  "CaseInvolvement.capacity",
  "Victim.reference",
];
