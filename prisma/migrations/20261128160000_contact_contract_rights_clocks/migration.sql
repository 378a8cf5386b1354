-- CreateEnum
CREATE TYPE "UpdateFrequency" AS ENUM ('EVERY_WEEK', 'EVERY_2_WEEKS', 'EVERY_4_WEEKS', 'ONLY_WHEN_SOMETHING_HAPPENS');

-- CreateEnum
CREATE TYPE "DetailLevel" AS ENUM ('BRIEF', 'FULL');

-- CreateEnum
CREATE TYPE "EnhancedRightsGround" AS ENUM ('MOST_SERIOUS_CRIME', 'UNDER_18', 'VULNERABLE_OR_INTIMIDATED', 'PERSISTENTLY_TARGETED', 'BEREAVED');

-- CreateEnum
CREATE TYPE "ServiceTier" AS ENUM ('STANDARD', 'ENHANCED', 'INTENSIVE');

-- CreateEnum
CREATE TYPE "KeepInTouchStatus" AS ENUM ('OPEN', 'DONE', 'ESCALATED');

-- CreateTable
CREATE TABLE "VictimContactContract" (
    "victimId" UUID NOT NULL,
    "channels" "ContactChannel"[],
    "refusedChannels" "ContactChannel"[],
    "safeDays" INTEGER[],
    "safeFrom" TEXT,
    "safeUntil" TEXT,
    "noVoicemail" BOOLEAN NOT NULL DEFAULT false,
    "noLettersToHome" BOOLEAN NOT NULL DEFAULT false,
    "neverFromWithheldNumber" BOOLEAN NOT NULL DEFAULT false,
    "codeword" TEXT,
    "language" TEXT,
    "interpreterNeeded" BOOLEAN NOT NULL DEFAULT false,
    "accessibilityNeeds" TEXT,
    "updateFrequency" "UpdateFrequency" NOT NULL DEFAULT 'ONLY_WHEN_SOMETHING_HAPPENS',
    "detailLevel" "DetailLevel" NOT NULL DEFAULT 'FULL',
    "namedContactUserId" UUID,
    "agreedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "agreedByUserId" UUID NOT NULL,
    "agreedByOrganisationId" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "VictimContactContract_pkey" PRIMARY KEY ("victimId")
);

-- CreateTable
CREATE TABLE "EnhancedRightsAssessment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "victimId" UUID NOT NULL,
    "eligible" BOOLEAN NOT NULL,
    "grounds" "EnhancedRightsGround"[],
    "serviceTier" "ServiceTier" NOT NULL,
    "raisedAtVictimsWish" BOOLEAN NOT NULL DEFAULT false,
    "assessedByUserId" UUID NOT NULL,
    "assessedByOrganisationId" UUID NOT NULL,
    "assessedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewBy" TIMESTAMPTZ(3),

    CONSTRAINT "EnhancedRightsAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatutoryClock" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "caseId" UUID NOT NULL,
    "duty" TEXT NOT NULL,
    "owedByKind" "OrganisationKind" NOT NULL,
    "enhanced" BOOLEAN NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "startedByUpdateId" UUID,
    "satisfiedAt" TIMESTAMPTZ(3),
    "satisfiedByContactId" UUID,
    "breachedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatutoryClock_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" BIGSERIAL NOT NULL,
    "topic" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMPTZ(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KeepInTouchTask" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "caseId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "assignedToUserId" UUID,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "suggestedMessage" TEXT NOT NULL,
    "status" "KeepInTouchStatus" NOT NULL DEFAULT 'OPEN',
    "escalatedAt" TIMESTAMPTZ(3),
    "escalatedToUserId" UUID,
    "completedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KeepInTouchTask_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EnhancedRightsAssessment_victimId_assessedAt_idx" ON "EnhancedRightsAssessment"("victimId", "assessedAt");

-- CreateIndex
CREATE INDEX "StatutoryClock_caseId_idx" ON "StatutoryClock"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "StatutoryClock_startedByUpdateId_duty_key" ON "StatutoryClock"("startedByUpdateId", "duty");

-- CreateIndex
CREATE INDEX "KeepInTouchTask_caseId_idx" ON "KeepInTouchTask"("caseId");

-- AddForeignKey
ALTER TABLE "VictimContactContract" ADD CONSTRAINT "VictimContactContract_victimId_fkey" FOREIGN KEY ("victimId") REFERENCES "Victim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnhancedRightsAssessment" ADD CONSTRAINT "EnhancedRightsAssessment_victimId_fkey" FOREIGN KEY ("victimId") REFERENCES "Victim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatutoryClock" ADD CONSTRAINT "StatutoryClock_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KeepInTouchTask" ADD CONSTRAINT "KeepInTouchTask_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: the scans touch only what is due, through partial indexes, so they stay
-- flat however many closed clocks, processed messages or finished tasks pile up.
CREATE INDEX "StatutoryClock_open_due_idx" ON "StatutoryClock" ("dueAt", id) WHERE "satisfiedAt" IS NULL AND "breachedAt" IS NULL;
CREATE INDEX "OutboxMessage_pending_idx" ON "OutboxMessage" (id) WHERE "processedAt" IS NULL;
CREATE UNIQUE INDEX "KeepInTouchTask_one_open_per_case_org" ON "KeepInTouchTask" ("caseId", "organisationId") WHERE status = 'OPEN';
