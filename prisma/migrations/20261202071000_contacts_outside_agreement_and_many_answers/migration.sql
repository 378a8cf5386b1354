-- CreateEnum
CREATE TYPE "OutsideAgreementReason" AS ENUM ('SHE_CONTACTED_US', 'EMERGENCY', 'SAFE_FACE_TO_FACE', 'MISTAKE');

-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'CONTACT_OUTSIDE_AGREEMENT';

-- AlterTable
ALTER TABLE "ContactRecord" ADD COLUMN     "breachedRules" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "outsideAgreement" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "outsideAgreementNote" TEXT,
ADD COLUMN     "outsideAgreementReason" "OutsideAgreementReason",
ADD COLUMN     "statutoryDuties" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "contactId" UUID;

-- CreateTable
CREATE TABLE "ContactRecordUpdate" (
    "contactId" UUID NOT NULL,
    "updateId" UUID NOT NULL,

    CONSTRAINT "ContactRecordUpdate_pkey" PRIMARY KEY ("contactId","updateId")
);

-- CreateIndex
CREATE INDEX "ContactRecordUpdate_updateId_idx" ON "ContactRecordUpdate"("updateId");

-- AddForeignKey
ALTER TABLE "ContactRecordUpdate" ADD CONSTRAINT "ContactRecordUpdate_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "ContactRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Contacts recorded before: their one duty and one update, as the lists now hold them.
UPDATE "ContactRecord" SET "statutoryDuties" = ARRAY["statutoryDuty"] WHERE "statutoryDuty" IS NOT NULL;
INSERT INTO "ContactRecordUpdate" ("contactId", "updateId") SELECT id, "answersUpdateId" FROM "ContactRecord" WHERE "answersUpdateId" IS NOT NULL;
