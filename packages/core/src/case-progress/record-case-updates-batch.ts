// Batch ingestion for WCU and police systems: many updates in one request, matched to
// cases by id, police URN or CPS reference. Everything is validated first; then either all
// are written in one transaction, or nothing is and every problem is listed by item.
import { CaseUpdateType } from "@hub/db";
import { accessibleWhere, subject } from "@hub/policy";
import { z } from "zod";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import { type CoreContext, nowOf } from "../shared/context.js";
import { BadInputError } from "../shared/errors.js";
import { requirePurpose } from "../shared/purpose.js";
import { casePolicyInclude } from "./load-case-for-checks.js";
import { followUpUpdates, receiptProblem, UPDATE_FIELDS, updateRow } from "./update-row.js";

export const MAX_BATCH = 5000;

const BatchItem = z
  .object({
    caseId: z.uuid({ message: "That is not a case reference the hub gave out." }).nullish(),
    policeUrn: z.string().trim().min(3).max(40).nullish(),
    cpsReference: z.string().trim().min(3).max(40).nullish(),
    type: z.enum(CaseUpdateType),
    occurredAt: z.coerce.date(),
    receivedAt: z.coerce.date().nullish(),
    internalNote: z.string().trim().max(4000).nullish(),
    victimExplanation: z.string().trim().min(10, "Write what the victim should be told, in a sentence or two.").max(4000),
    supersedesId: z.uuid().nullish(),
  })
  .refine((i) => i.caseId || i.policeUrn || i.cpsReference, { message: "Say which case: send its caseId, police URN or CPS reference.", path: ["caseId"] });
export type BatchCaseUpdateInput = z.input<typeof BatchItem>;

export interface BatchItemError {
  index: number;
  message: string;
  field: string | null;
}

export interface BatchResult {
  written: number;
  updateIds: string[];
  errors: BatchItemError[];
}

export async function recordCaseUpdates(ctx: CoreContext, items: BatchCaseUpdateInput[]): Promise<BatchResult> {
  requirePurpose(ctx);
  if (items.length === 0) throw new BadInputError("Send at least one update.", "updates");
  if (items.length > MAX_BATCH) throw new BadInputError(`Send at most ${MAX_BATCH} updates at a time.`, "updates");
  const errors: BatchItemError[] = [];
  const fail = (index: number, message: string, field: string | null = null): [] => {
    errors.push({ index, message, field });
    return [];
  };

  const parsed = items.map((item, index) => {
    const result = BatchItem.safeParse(item);
    if (!result.success) fail(index, result.error.issues[0]!.message, result.error.issues[0]!.path.join(".") || null);
    return result.success ? result.data : null;
  });
  const valid = parsed.filter((p): p is NonNullable<typeof p> => p !== null);

  // One query finds every case the batch names that the caller may see.
  const cases = await ctx.prisma.case.findMany({
    where: {
      AND: [
        accessibleWhere(ctx.ability, "Case"),
        {
          OR: [
            { id: { in: valid.flatMap((p) => (p.caseId ? [p.caseId] : [])) } },
            { policeUrn: { in: valid.flatMap((p) => (p.policeUrn ? [p.policeUrn] : [])) } },
            { cpsReference: { in: valid.flatMap((p) => (p.cpsReference ? [p.cpsReference] : [])) } },
          ],
        },
      ],
    },
    include: casePolicyInclude(ctx),
    relationLoadStrategy: "join",
  });
  const earlier = await ctx.prisma.caseUpdate.findMany({
    where: { id: { in: valid.flatMap((p) => (p.supersedesId ? [p.supersedesId] : [])) } },
    select: { id: true, caseId: true, supersededBy: { select: { id: true } } },
  });
  const earlierById = new Map(earlier.map((u) => [u.id, u]));
  const correctedInBatch = new Set<string>();
  const allowed = new Map<string, boolean>();
  const now = nowOf(ctx).getTime();

  const rows = parsed.flatMap((p, index) => {
    if (!p) return [];
    const matches = cases.filter((c) => (p.caseId ? c.id === p.caseId : p.policeUrn ? c.policeUrn === p.policeUrn : c.cpsReference === p.cpsReference));
    if (matches.length === 0) return fail(index, "No case was found with that reference.", "caseId");
    if (matches.length > 1) return fail(index, "More than one case has this reference (it covers several victims): send the caseId instead.", "policeUrn");
    const found = matches[0]!;
    // A day's import repeats the same few (case, type) pairs: decide each pair once.
    const pair = `${found.id}:${p.type}`;
    if (!allowed.has(pair)) allowed.set(pair, ctx.ability.can("create", subject("CaseUpdate", { type: p.type, case: found } as never)));
    if (!allowed.get(pair)) {
      return fail(index, `Your organisation does not record "${p.type.toLowerCase().replaceAll("_", " ")}" updates: the agency that is the source for it does.`, "type");
    }
    if (p.occurredAt.getTime() > now + 60_000) return fail(index, "An update records something that has happened: the date cannot be in the future.", "occurredAt");
    const receipt = receiptProblem(p, now);
    if (receipt) return fail(index, receipt, "receivedAt");
    if (p.supersedesId) {
      const before = earlierById.get(p.supersedesId);
      if (!before || before.caseId !== found.id) return fail(index, "The update being corrected is not on this case.", "supersedesId");
      if (before.supersededBy || correctedInBatch.has(before.id)) return fail(index, "That update has already been corrected. Correct the latest version instead.", "supersedesId");
      correctedInBatch.add(before.id);
    }
    return [{ found, p }];
  });
  if (errors.length) return { written: 0, updateIds: [], errors: errors.sort((a, b) => a.index - b.index) };

  const created = await ctx.prisma.$transaction(async (tx) => {
    const written = await tx.caseUpdate.createManyAndReturn({
      data: rows.map(({ found, p }) => updateRow(ctx, found.id, p)),
      select: { id: true, caseId: true, type: true, occurredAt: true, receivedAt: true, supersedesId: true },
    });
    await followUpUpdates(tx, ctx, written);
    const victimOf = new Map(rows.map(({ found }) => [found.id, found.victimId]));
    await writeAuditEntries(
      tx,
      written.map((u) =>
        ctx.audit.entry({ action: "COLLECTION", entityType: "CaseUpdate", entityId: u.id, caseId: u.caseId, victimId: victimOf.get(u.caseId) ?? null, fields: UPDATE_FIELDS }),
      ),
    );
    return written;
  }, { timeout: 60_000 });
  // Subscribers hear of each update only after it is committed; the bus carries ids only.
  for (const u of created) ctx.events?.publish({ caseId: u.caseId, updateId: u.id });
  return { written: created.length, updateIds: created.map((u) => u.id), errors: [] };
}
