// Issue #3: the cost of the policy and the s.62 audit on a case read, as a ratio against
// the same read with the policy bypassed (same row, same include, no ability, no log).
import { getCase, loadActor, RequestAudit, type CoreContext } from "@hub/core";
import { caseSummaryIncludeForBench } from "./case-include.js";
import type { Database } from "@hub/db";
import { defineAbilityFor } from "@hub/policy";
import { timeInterleaved } from "./stats.js";

export async function benchPolicyOverhead(db: Database, label: string, rounds: number): Promise<void> {
  for (const [who, purpose, urn] of [
    ["demo|wcu.officer@northshire-police.example.org", "KEEPING_VICTIM_INFORMED", "41NS0102325"],
    ["demo|isva@northshire-rapecrisis.example.org", "SUPPORT_AND_ADVOCACY", "41NS0102325"],
  ] as const) {
    const actor = (await loadActor(db.prisma, who))!;
    const { id } = await db.prisma.case.findFirstOrThrow({ where: { policeUrn: urn } });
    const context = (): CoreContext => ({ prisma: db.prisma, actor, purpose, ability: defineAbilityFor(actor, { purpose }), audit: new RequestAudit(actor, purpose) });
    const medians = await timeInterleaved(
      {
        bypass: () => db.prisma.case.findUnique({ where: { id }, include: caseSummaryIncludeForBench, relationLoadStrategy: "join" }),
        policy: () => getCase(context(), id),
        "policy+audit": async () => {
          const ctx = context();
          await getCase(ctx, id);
          await ctx.audit.flush(db.prisma);
        },
      },
      rounds,
    );
    const ratio = (n: string) => (medians[n]! / medians.bypass!).toFixed(2);
    console.log(
      `[${label}] case read as ${actor.organisationName} (${purpose}): bypass ${medians.bypass!.toFixed(3)} ms, ` +
        `policy ${medians.policy!.toFixed(3)} ms (ratio ${ratio("policy")}), policy+audit ${medians["policy+audit"]!.toFixed(3)} ms (ratio ${ratio("policy+audit")}; goal <= 1.10)`,
    );
  }
}
