// Issue #4: timeline reads through the hub (policy, audit record, Prisma) against a raw SQL
// query that returns the same rows as JSON; and batched ingestion against a raw multi-row
// INSERT of the same rows.
import { caseTimeline, loadActor, recordCaseUpdates, RequestAudit, type CoreContext } from "@hub/core";
import type { Database } from "@hub/db";
import { defineAbilityFor } from "@hub/policy";
import { timeInterleaved } from "./stats.js";

export async function benchCaseProgress(db: Database, label: string, rounds: number): Promise<void> {
  const actor = (await loadActor(db.prisma, "demo|wcu.officer@northshire-police.example.org"))!;
  const purpose = "KEEPING_VICTIM_INFORMED" as const;
  const context = (): CoreContext => ({ prisma: db.prisma, actor, purpose, ability: defineAbilityFor(actor, { purpose }), audit: new RequestAudit(actor, purpose) });
  const target = await db.prisma.case.findFirstOrThrow({ where: { policeUrn: "41NS0102325" } });

  // A long timeline: 200 updates on one case.
  const batch = (n: number, offset: number) =>
    Array.from({ length: n }, (_, i) => ({
      caseId: target.id,
      type: "HEARING_LISTED" as const,
      occurredAt: new Date(Date.now() - 86_400_000 + (offset + i) * 10),
      victimExplanation: `The court has listed a hearing. Your witness care officer will call you about it (${offset + i}).`,
    }));
  await recordCaseUpdates(context(), batch(200, 0));

  const raw = () =>
    db.sql.query(
      `SELECT coalesce(json_agg(row_to_json(u) ORDER BY u."occurredAt", u."createdAt"), '[]') AS timeline FROM (
         SELECT cu.*, (SELECT coalesce(json_agg(a), '[]') FROM "CaseUpdateAcknowledgement" a WHERE a."updateId" = cu.id) AS acknowledgements
         FROM "CaseUpdate" cu WHERE cu."caseId" = $1) u`,
      [target.id],
    );
  const timeline = await timeInterleaved({ raw, hub: () => caseTimeline(context(), target.id, target.victimId) }, rounds);
  console.log(`[${label}] 200-update timeline: raw SQL+JSON ${timeline.raw!.toFixed(3)} ms, hub ${timeline.hub!.toFixed(3)} ms (ratio ${(timeline.hub! / timeline.raw!).toFixed(2)})`);

  // Ingestion: 1,000 updates per request, through the hub vs one raw multi-row INSERT.
  const ingestRounds = Math.max(3, Math.floor(rounds / 100));
  let offset = 1000;
  const nextBatch = () => {
    offset += 1000;
    return batch(1000, offset);
  };
  const insertRaw = async () => {
    const rows = nextBatch();
    const values = rows.map((_, i) => `($${i * 3 + 1}::uuid, 'HEARING_LISTED', $${i * 3 + 2}::timestamptz, $${i * 3 + 3}, '${actor.userId}', '${actor.organisationId}')`);
    await db.sql.query(
      `INSERT INTO "CaseUpdate" ("caseId", type, "occurredAt", "victimExplanation", "recordedByUserId", "recordedByOrganisationId") VALUES ${values.join(",")}`,
      rows.flatMap((r) => [r.caseId, r.occurredAt.toISOString(), r.victimExplanation]),
    );
  };
  const insertHub = () => recordCaseUpdates(context(), nextBatch());
  const ingest = await timeInterleaved({ raw: insertRaw, hub: insertHub }, ingestRounds, 1);
  console.log(`[${label}] 1,000-update batch: raw multi-row INSERT ${ingest.raw!.toFixed(1)} ms, hub ${ingest.hub!.toFixed(1)} ms (ratio ${(ingest.hub! / ingest.raw!).toFixed(2)}; the hub also validates, checks the policy per item and writes 1,000 chained audit entries)`);
}
