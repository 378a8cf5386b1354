/** The include of a case read, without the policy's basis lookup: what a bypassing read returns. */
export const caseSummaryIncludeForBench = {
  area: true,
  victim: { select: { id: true, reference: true } },
  involvements: {
    where: { until: null },
    orderBy: { since: "asc" as const },
    include: { organisation: true, namedContact: { select: { id: true, name: true, email: true } } },
  },
};
