-- AlterTable
ALTER TABLE "StatutoryClock" ADD COLUMN     "stoppedAt" TIMESTAMPTZ(3),
ADD COLUMN     "stoppedReason" TEXT;


-- Hand-written: a stopped clock (its duty withdrawn) is neither due nor breached, so the clock
-- scan's index leaves it out too.
DROP INDEX "StatutoryClock_open_due_idx";
CREATE INDEX "StatutoryClock_open_due_idx" ON "StatutoryClock" ("dueAt", id)
  WHERE "satisfiedAt" IS NULL AND "breachedAt" IS NULL AND "stoppedAt" IS NULL AND "owedByKind" IS NOT NULL;
