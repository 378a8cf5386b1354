// A party leaving an agreement that goes on binding the others. Its own organisation admin
// records it, with a reason; from the caller's very next request the agreement no longer
// covers that organisation (loadActor counts only the parties still bound), while it still
// binds and covers every other party, so one organisation leaving never cuts off another.
// From a draft, it leaves the organisation out of what the partnership may sign off.
// Withdrawal is final for an agreement in force: to take part again, the partnership drafts a new one.
import { z } from "zod";
import { writeAuditEntries } from "../audit/write-audit-entries.js";
import type { CoreContext } from "../shared/context.js";
import { BadInputError } from "../shared/errors.js";
import { validate } from "../shared/validate.js";
import { AGREEMENT, findAgreementToChange, requireOwnParty, staleAgreement } from "./agreement-governance.js";
import type { DataSharingAgreementView } from "./agreement-view.js";
import { Id, Version, view } from "./maintain-data-sharing-agreement.js";

const WithdrawInput = z.object({
  id: Id,
  expectedVersion: Version,
  reason: z
    .string({ error: "Say why your organisation is withdrawing from the agreement." })
    .trim()
    .min(1, "Say why your organisation is withdrawing from the agreement.")
    .max(1000, "Keep the reason to 1,000 characters."),
});
export type WithdrawFromDataSharingAgreementInput = z.input<typeof WithdrawInput>;

const onDay = (d: Date) => d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });

/** The caller's organisation withdraws from an agreement in force (ACTIVE or SUSPENDED), or from a draft naming it. */
export async function withdrawFromDataSharingAgreement(ctx: CoreContext, input: WithdrawFromDataSharingAgreementInput): Promise<DataSharingAgreementView> {
  const { id, expectedVersion, reason } = validate(WithdrawInput, input);
  const row = await findAgreementToChange(ctx, id, expectedVersion);
  const own = requireOwnParty(ctx, row);
  if (own.withdrawnAt) throw new BadInputError(`Your organisation withdrew from this agreement on ${onDay(own.withdrawnAt)}. Nothing was changed.`, "id");
  if (row.status === "ENDED") throw new BadInputError("This agreement has ended and binds nobody any more. Nothing was changed.", "id");
  return ctx.prisma.$transaction(async (tx) => {
    const moved = await tx.dataSharingAgreement.updateMany({ where: { id: row.id, version: expectedVersion, status: row.status }, data: { version: { increment: 1 } } });
    const left = await tx.dsaParty.updateMany({
      where: { dsaId: row.id, organisationId: own.organisationId, withdrawnAt: null },
      data: { withdrawnAt: new Date(), withdrawnByUserId: ctx.actor.userId, withdrawalReason: reason },
    });
    if (moved.count === 0 || left.count === 0) throw staleAgreement();
    await writeAuditEntries(tx, [
      ctx.audit.entry({
        action: "ALTERATION",
        entityType: AGREEMENT,
        entityId: row.id,
        fields: ["DsaParty.withdrawnAt", "DsaParty.withdrawnByUserId", "DsaParty.withdrawalReason"],
        outcome: "WITHDRAWN",
      }),
    ]);
    return view(tx, row.id);
  });
}
