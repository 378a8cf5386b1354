// Right 4: the police or the Witness Care Unit refer her to support services within 2 working
// days of her needs assessment (shared/domain/victims-code.md). Their assessment starts the
// clock (one running at a time per case and agency kind: a reassessment while it runs starts
// no second one); a referral they make on the case meets it, and so does a ledger contact that
// reached her naming this duty (support was offered and she said no: offering is the duty).
import type { OrganisationKind, Prisma } from "@hub/db";
import { DUTIES } from "../clocks/index.js";
import { dueOrRefuse } from "./start-clocks.js";

type Tx = Prisma.TransactionClient;

const owesRight4 = (kind: OrganisationKind) => DUTIES.RIGHT_4_REFERRAL.owedBy.includes(kind);

/** Starts the Right 4 clock when the police or the WCU assess her needs on a case. */
export async function startReferralDuty(
  tx: Tx,
  assessment: { id: string; caseId: string; assessedAt: Date; eligible: boolean },
  byKind: OrganisationKind,
): Promise<boolean> {
  if (!owesRight4(byKind)) return false;
  const running = await tx.statutoryClock.findFirst({ where: { caseId: assessment.caseId, duty: "RIGHT_4_REFERRAL", owedByKind: byKind, satisfiedAt: null, stoppedAt: null } });
  if (running) return false;
  await tx.statutoryClock.create({
    data: {
      caseId: assessment.caseId,
      duty: "RIGHT_4_REFERRAL",
      owedByKind: byKind,
      enhanced: assessment.eligible,
      startedAt: assessment.assessedAt,
      dueAt: dueOrRefuse("RIGHT_4_REFERRAL", assessment.assessedAt, assessment.eligible, "caseId"),
      startedByUpdateId: assessment.id,
    },
  });
  return true;
}

/** A referral the police or the WCU make on the case meets their running Right 4 clock. */
export async function meetReferralDuty(tx: Tx, referral: { caseId: string; createdAt: Date }, byKind: OrganisationKind): Promise<number> {
  if (!owesRight4(byKind)) return 0;
  const { count } = await tx.statutoryClock.updateMany({
    where: { caseId: referral.caseId, duty: "RIGHT_4_REFERRAL", owedByKind: byKind, satisfiedAt: null, stoppedAt: null, startedAt: { lte: referral.createdAt } },
    data: { satisfiedAt: referral.createdAt },
  });
  return count;
}
