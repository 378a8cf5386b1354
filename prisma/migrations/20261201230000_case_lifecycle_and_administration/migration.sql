-- CreateEnum
CREATE TYPE "VictimDetailsKind" AS ENUM ('IDENTITY', 'CONTACT_DETAILS');

-- CreateEnum
CREATE TYPE "InvolvementBasis" AS ENUM ('DUTY', 'LAWFUL_BASIS', 'CONSENT', 'REFERRAL');

-- CreateEnum
CREATE TYPE "StageChangeCause" AS ENUM ('MOVED', 'EVENT', 'CLOSED', 'REOPENED', 'OPENED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "Role" ADD VALUE 'CASEWORK_LEAD';
ALTER TYPE "Role" ADD VALUE 'PARTNERSHIP_ADMIN';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NotificationKind" ADD VALUE 'NAMED_CONTACT_HANDED_OVER';
ALTER TYPE "NotificationKind" ADD VALUE 'ORGANISATION_JOINED_CASE';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "provisionedByClientId" UUID,
ADD COLUMN     "scimExternalId" TEXT,
ADD COLUMN     "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "provisionedByClientId" UUID,
ADD COLUMN     "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "openedByOrganisationId" UUID,
ADD COLUMN     "openedByUserId" UUID;

-- AlterTable
ALTER TABLE "CaseInvolvement" ADD COLUMN     "addedByOrganisationId" UUID,
ADD COLUMN     "addedByUserId" UUID,
ADD COLUMN     "basis" "InvolvementBasis" NOT NULL DEFAULT 'DUTY',
ADD COLUMN     "consentId" UUID,
ADD COLUMN     "endReason" TEXT,
ADD COLUMN     "endedByUserId" UUID,
ADD COLUMN     "lawfulBasisCode" TEXT,
ADD COLUMN     "referralId" UUID;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "handoverId" UUID,
ADD COLUMN     "involvementId" UUID;

-- CreateTable
CREATE TABLE "VictimDetailsRevision" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "victimId" UUID NOT NULL,
    "kind" "VictimDetailsKind" NOT NULL,
    "previous" JSONB NOT NULL,
    "changedFields" TEXT[],
    "replacedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "replacedByUserId" UUID NOT NULL,
    "replacedByOrganisationId" UUID NOT NULL,

    CONSTRAINT "VictimDetailsRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseStageChange" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "caseId" UUID NOT NULL,
    "fromStage" "CaseStage",
    "toStage" "CaseStage" NOT NULL,
    "cause" "StageChangeCause" NOT NULL,
    "reason" TEXT,
    "causedByUpdateId" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "byUserId" UUID,
    "byOrganisationId" UUID,

    CONSTRAINT "CaseStageChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProvisioningClient" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "organisationId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdByUserId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),
    "lastUsedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ProvisioningClient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProvisioningGroup" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "clientId" UUID NOT NULL,
    "displayName" TEXT NOT NULL,
    "externalId" TEXT,
    "organisationId" UUID,
    "role" "Role",
    "mappedByUserId" UUID,
    "mappedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProvisioningGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProvisioningGroupMember" (
    "groupId" UUID NOT NULL,
    "userId" UUID NOT NULL,

    CONSTRAINT "ProvisioningGroupMember_pkey" PRIMARY KEY ("groupId","userId")
);

-- CreateIndex
CREATE INDEX "VictimDetailsRevision_victimId_kind_replacedAt_idx" ON "VictimDetailsRevision"("victimId", "kind", "replacedAt");

-- CreateIndex
CREATE INDEX "CaseStageChange_caseId_at_idx" ON "CaseStageChange"("caseId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ProvisioningClient_tokenHash_key" ON "ProvisioningClient"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "ProvisioningGroup_clientId_displayName_key" ON "ProvisioningGroup"("clientId", "displayName");

-- CreateIndex
CREATE INDEX "ProvisioningGroupMember_userId_idx" ON "ProvisioningGroupMember"("userId");

-- AddForeignKey
ALTER TABLE "VictimDetailsRevision" ADD CONSTRAINT "VictimDetailsRevision_victimId_fkey" FOREIGN KEY ("victimId") REFERENCES "Victim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseStageChange" ADD CONSTRAINT "CaseStageChange_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvisioningClient" ADD CONSTRAINT "ProvisioningClient_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvisioningGroup" ADD CONSTRAINT "ProvisioningGroup_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "ProvisioningClient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvisioningGroupMember" ADD CONSTRAINT "ProvisioningGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ProvisioningGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: stage history, the victim's replaced details and named-contact hand-overs
-- are history. Nothing is edited or deleted except by the erasure of a victim's record.
CREATE TRIGGER case_stage_change_is_history BEFORE UPDATE OR DELETE ON "CaseStageChange" FOR EACH ROW EXECUTE FUNCTION hub_refuse_history_change();
CREATE TRIGGER victim_details_revision_is_history BEFORE UPDATE OR DELETE ON "VictimDetailsRevision" FOR EACH ROW EXECUTE FUNCTION hub_refuse_history_change();
CREATE TRIGGER contact_handover_is_history BEFORE UPDATE OR DELETE ON "ContactHandover" FOR EACH ROW EXECUTE FUNCTION hub_refuse_history_change();

-- Hand-written: an involvement ends; it is never deleted. While it is current its named
-- contact may change (the hand-over is recorded in ContactHandover); ending it sets until,
-- who ended it and why, once. An ended involvement is history.
CREATE FUNCTION hub_involvement_only_ends() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('hub.erasure', true) = 'on' THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'An organisation''s involvement in a case ends; it is never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.until IS NOT NULL
     OR (to_jsonb(NEW) - 'namedContactUserId' - 'until' - 'endedByUserId' - 'endReason')
        IS DISTINCT FROM (to_jsonb(OLD) - 'namedContactUserId' - 'until' - 'endedByUserId' - 'endReason') THEN
    RAISE EXCEPTION 'An involvement is history: end it and add a new one instead of editing it' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER case_involvement_only_ends BEFORE UPDATE OR DELETE ON "CaseInvolvement" FOR EACH ROW EXECUTE FUNCTION hub_involvement_only_ends();

-- Hand-written: finding a case by URN (opening a case is idempotent by URN and victim).
CREATE INDEX "Case_policeUrn_idx" ON "Case" ("policeUrn");

-- Hand-written: a user is found by the identity provider's id for them (SCIM externalId),
-- once per provisioning client.
CREATE UNIQUE INDEX "User_provisioned_externalId_key" ON "User" ("provisionedByClientId", "scimExternalId") WHERE "scimExternalId" IS NOT NULL;
