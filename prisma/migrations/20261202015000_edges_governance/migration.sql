-- Hardening the edges and agreement governance (issue #12): a party may withdraw itself from
-- a data-sharing agreement (which still binds the others), the audit log records where a
-- request came from, and an Idempotency-Key belongs to one user.

-- AlterTable
ALTER TABLE "DsaParty" ADD COLUMN     "withdrawalReason" TEXT,
ADD COLUMN     "withdrawnAt" TIMESTAMPTZ(3),
ADD COLUMN     "withdrawnByUserId" UUID;

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "clientAddress" TEXT;

-- An Idempotency-Key now belongs to one user, not to their whole organisation: the stored
-- answers (kept for 24 hours) are dropped rather than guessed an owner.
DELETE FROM "IdempotencyRecord";
ALTER TABLE "IdempotencyRecord" DROP CONSTRAINT "IdempotencyRecord_pkey",
ADD COLUMN     "caseIds" TEXT[],
ADD COLUMN     "userId" UUID NOT NULL,
ADD CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("organisationId", "userId", "key");
