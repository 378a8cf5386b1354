-- CreateEnum
CREATE TYPE "CaseUpdateType" AS ENUM ('SUSPECT_ARRESTED', 'SUSPECT_INTERVIEWED', 'SUSPECT_BAILED', 'SUSPECT_RELEASED_UNDER_INVESTIGATION', 'BAIL_CONDITIONS_CHANGED', 'SUSPECT_CHARGED', 'POLICE_NO_FURTHER_ACTION', 'CPS_DECISION_NOT_TO_CHARGE', 'CPS_DISCONTINUED', 'CPS_CHARGE_ALTERED', 'HEARING_LISTED', 'HEARING_MOVED', 'HEARING_VACATED', 'SPECIAL_MEASURES_OUTCOME', 'VERDICT', 'SENTENCE', 'PROGRESS_NOTE');

-- CreateEnum
CREATE TYPE "ContactChannel" AS ENUM ('PHONE', 'SMS', 'EMAIL', 'LETTER', 'FACE_TO_FACE', 'THROUGH_ADVOCATE');

-- CreateEnum
CREATE TYPE "ContactOutcome" AS ENUM ('REACHED', 'NO_ANSWER', 'MESSAGE_LEFT', 'NOT_ATTEMPTED_UNSAFE', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "CaseUpdate" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "caseId" UUID NOT NULL,
    "type" "CaseUpdateType" NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recordedByUserId" UUID NOT NULL,
    "recordedByOrganisationId" UUID NOT NULL,
    "internalNote" TEXT,
    "victimExplanation" TEXT NOT NULL,
    "supersedesId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseUpdateAcknowledgement" (
    "updateId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseUpdateAcknowledgement_pkey" PRIMARY KEY ("updateId","organisationId")
);

-- CreateTable
CREATE TABLE "Hearing" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "caseId" UUID NOT NULL,
    "court" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "type" TEXT NOT NULL,
    "outcome" TEXT,
    "resultReceivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Hearing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactRecord" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "caseId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "byUserId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "channel" "ContactChannel" NOT NULL,
    "summary" TEXT NOT NULL,
    "answersUpdateId" UUID,
    "statutoryDuty" TEXT,
    "outcome" "ContactOutcome" NOT NULL,
    "victimResponse" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContactRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CaseUpdate_supersedesId_key" ON "CaseUpdate"("supersedesId");

-- CreateIndex
CREATE INDEX "CaseUpdate_caseId_occurredAt_idx" ON "CaseUpdate"("caseId", "occurredAt");

-- CreateIndex
CREATE INDEX "Hearing_caseId_startsAt_idx" ON "Hearing"("caseId", "startsAt");

-- CreateIndex
CREATE INDEX "ContactRecord_caseId_at_idx" ON "ContactRecord"("caseId", "at");

-- AddForeignKey
ALTER TABLE "CaseUpdate" ADD CONSTRAINT "CaseUpdate_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseUpdate" ADD CONSTRAINT "CaseUpdate_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "CaseUpdate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseUpdateAcknowledgement" ADD CONSTRAINT "CaseUpdateAcknowledgement_updateId_fkey" FOREIGN KEY ("updateId") REFERENCES "CaseUpdate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Hearing" ADD CONSTRAINT "Hearing_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactRecord" ADD CONSTRAINT "ContactRecord_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: updates and the ledger are history. Corrections append and supersede;
-- nothing is edited or deleted except by the erasure of a victim's record.
CREATE FUNCTION hub_refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('hub.erasure', true) IS DISTINCT FROM 'on' THEN
    RAISE EXCEPTION '% rows are history: record a correction instead of changing one', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER case_update_is_history BEFORE UPDATE OR DELETE ON "CaseUpdate" FOR EACH ROW EXECUTE FUNCTION hub_refuse_history_change();
CREATE TRIGGER contact_record_is_history BEFORE UPDATE OR DELETE ON "ContactRecord" FOR EACH ROW EXECUTE FUNCTION hub_refuse_history_change();
