-- The keep-in-touch heartbeat: one task per agreed interval, for as long as the case is open.
-- A task is closed by the contact that reached her (closedByContactId), or cancelled with a
-- reason code when the case closes or the organisation no longer keeps her informed; each
-- task remembers where its interval started.

-- AlterEnum
ALTER TYPE "KeepInTouchStatus" ADD VALUE 'CANCELLED';

-- AlterTable
ALTER TABLE "KeepInTouchTask" ADD COLUMN     "closedByContactId" UUID,
ADD COLUMN     "closedReason" TEXT,
ADD COLUMN     "windowStartsAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- Tasks made before this: their interval is taken to start when they were made.
UPDATE "KeepInTouchTask" SET "windowStartsAt" = "createdAt";

-- "KeepInTouchTask_one_open_per_case_org" (20261128160000) already keeps one OPEN task per
-- case and organisation; it stays as it is.
