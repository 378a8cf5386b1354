import type { Prisma } from "@hub/db";

/** What a case read returns: the case, its area and current involvements (no victim details). */
export const caseSummaryInclude = {
  area: true,
  victim: { select: { id: true, reference: true } },
  involvements: {
    where: { until: null },
    orderBy: { since: "asc" },
    include: { organisation: true, namedContact: { select: { id: true, name: true, email: true } } },
  },
} satisfies Prisma.CaseInclude;

export type CaseSummary = Prisma.CaseGetPayload<{ include: typeof caseSummaryInclude }>;
