-- CreateEnum
CREATE TYPE "ReassessmentReason" AS ENUM ('NEEDS_CHANGED', 'CASE_FACTS_CHANGED', 'FACTS_SUGGEST_GROUNDS');

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('CLOCK_BREACHED', 'REFERRAL_NOT_ACKNOWLEDGED', 'KEEP_IN_TOUCH_DUE', 'KEEP_IN_TOUCH_ESCALATED', 'REASSESSMENT_OFFERED');

-- AlterTable
ALTER TABLE "StatutoryClock" ALTER COLUMN "owedByKind" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Referral" ADD COLUMN     "outcomeInAgreedMessage" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ReassessmentOffer" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "victimId" UUID NOT NULL,
    "caseId" UUID,
    "reason" "ReassessmentReason" NOT NULL,
    "raisedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "raisedByOrganisationId" UUID,
    "closedAt" TIMESTAMPTZ(3),
    "closedByAssessmentId" UUID,

    CONSTRAINT "ReassessmentOffer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "caseId" UUID,
    "clockId" UUID,
    "taskId" UUID,
    "referralId" UUID,
    "offerId" UUID,
    "outboxMessageId" BIGINT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMPTZ(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReassessmentOffer_victimId_closedAt_idx" ON "ReassessmentOffer"("victimId", "closedAt");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_outboxMessageId_userId_key" ON "Notification"("outboxMessageId", "userId");

-- AddForeignKey
ALTER TABLE "ReassessmentOffer" ADD CONSTRAINT "ReassessmentOffer_victimId_fkey" FOREIGN KEY ("victimId") REFERENCES "Victim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: the clock scan takes only clocks an agency owes. The victim's own VRR window
-- (owedByKind null) runs out, it is not breached, so it stays out of the scan's index.
DROP INDEX "StatutoryClock_open_due_idx";
CREATE INDEX "StatutoryClock_open_due_idx" ON "StatutoryClock" ("dueAt", id)
  WHERE "satisfiedAt" IS NULL AND "breachedAt" IS NULL AND "owedByKind" IS NOT NULL;

-- Hand-written: the keep-in-touch scan walks open cases by id; this partial index keeps its
-- cost to the open cases, however many closed ones the hub holds.
CREATE INDEX "Case_open_id_idx" ON "Case" (id) WHERE "closedAt" IS NULL AND stage <> 'CLOSED';

-- Hand-written: at most one open reassessment offer per victim and reason, so a second
-- change before anyone reassesses does not pile up offers.
CREATE UNIQUE INDEX "ReassessmentOffer_one_open_per_reason" ON "ReassessmentOffer" ("victimId", reason) WHERE "closedAt" IS NULL;

-- Hand-written: the reader's unread notifications, newest first.
CREATE INDEX "Notification_unread_idx" ON "Notification" ("userId", "createdAt" DESC) WHERE "readAt" IS NULL;
