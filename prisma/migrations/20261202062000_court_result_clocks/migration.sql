-- A court result starts the WCU's Right 8 or Right 9 clock (the schema always said so; nothing did).
-- Results recorded before this were verdicts or sentences as far as anyone said.
-- CreateEnum
CREATE TYPE "CourtResultKind" AS ENUM ('OUTCOME', 'BAIL_DECISION', 'ADJOURNED');

-- AlterTable
ALTER TABLE "Hearing" ADD COLUMN     "resultKind" "CourtResultKind";

-- AlterTable
ALTER TABLE "StatutoryClock" ADD COLUMN     "startedByHearingId" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "StatutoryClock_startedByHearingId_duty_key" ON "StatutoryClock"("startedByHearingId", "duty");

-- AddForeignKey
ALTER TABLE "StatutoryClock" ADD CONSTRAINT "StatutoryClock_startedByHearingId_fkey" FOREIGN KEY ("startedByHearingId") REFERENCES "Hearing"("id") ON DELETE CASCADE ON UPDATE CASCADE;


UPDATE "Hearing" SET "resultKind" = 'OUTCOME' WHERE outcome IS NOT NULL;
