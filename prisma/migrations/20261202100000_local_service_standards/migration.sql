-- AlterTable
ALTER TABLE "StatutoryClock" ADD COLUMN     "localStandardId" UUID,
ADD COLUMN     "startedByStageChangeId" UUID;

-- CreateTable
CREATE TABLE "LocalServiceStandard" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "areaId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "startsOnStage" "CaseStage",
    "startsOnUpdateType" "CaseUpdateType",
    "owedByKind" "OrganisationKind" NOT NULL,
    "workingDays" INTEGER NOT NULL,
    "enhancedWorkingDays" INTEGER NOT NULL,
    "addedByUserId" UUID NOT NULL,
    "addedByOrganisationId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMPTZ(3),
    "retiredByUserId" UUID,
    "retiredReason" TEXT,

    CONSTRAINT "LocalServiceStandard_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LocalServiceStandard_areaId_retiredAt_idx" ON "LocalServiceStandard"("areaId", "retiredAt");

-- CreateIndex
CREATE INDEX "StatutoryClock_localStandardId_idx" ON "StatutoryClock"("localStandardId");

-- CreateIndex
CREATE UNIQUE INDEX "StatutoryClock_startedByStageChangeId_duty_key" ON "StatutoryClock"("startedByStageChangeId", "duty");

-- AddForeignKey
ALTER TABLE "LocalServiceStandard" ADD CONSTRAINT "LocalServiceStandard_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatutoryClock" ADD CONSTRAINT "StatutoryClock_localStandardId_fkey" FOREIGN KEY ("localStandardId") REFERENCES "LocalServiceStandard"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatutoryClock" ADD CONSTRAINT "StatutoryClock_startedByStageChangeId_fkey" FOREIGN KEY ("startedByStageChangeId") REFERENCES "CaseStageChange"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: a standard is started by exactly one kind of event, and gives at least one
-- working day, fewer or as many for Enhanced Rights victims.
ALTER TABLE "LocalServiceStandard" ADD CONSTRAINT "LocalServiceStandard_one_event_check"
  CHECK (("startsOnStage" IS NULL) <> ("startsOnUpdateType" IS NULL));
ALTER TABLE "LocalServiceStandard" ADD CONSTRAINT "LocalServiceStandard_days_check"
  CHECK ("workingDays" BETWEEN 1 AND 60 AND "enhancedWorkingDays" BETWEEN 1 AND "workingDays");
