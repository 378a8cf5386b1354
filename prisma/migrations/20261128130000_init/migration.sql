-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "OrganisationKind" AS ENUM ('POLICE_WCU', 'POLICE', 'CPS', 'ISVA_SERVICE', 'IDVA_SERVICE', 'VICTIM_SUPPORT_CHARITY', 'OTHER');

-- CreateEnum
CREATE TYPE "LegalType" AS ENUM ('COMPETENT_AUTHORITY', 'PUBLIC_BODY', 'VOLUNTARY_SECTOR');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('CASEWORKER', 'VICTIM_LIAISON_OFFICER', 'PROSECUTOR', 'ADVOCATE', 'ORGANISATION_ADMIN', 'PARTNERSHIP_AUDITOR');

-- CreateEnum
CREATE TYPE "OffenceCategory" AS ENUM ('SEXUAL_OFFENCE', 'DOMESTIC_ABUSE', 'HATE_CRIME', 'STALKING_HARASSMENT', 'HOMICIDE', 'MODERN_SLAVERY', 'ASSAULT', 'ROBBERY', 'BURGLARY', 'FRAUD', 'CRIMINAL_DAMAGE', 'OTHER');

-- CreateEnum
CREATE TYPE "CaseStage" AS ENUM ('REPORTED', 'UNDER_INVESTIGATION', 'CHARGING_DECISION', 'CHARGED', 'NO_FURTHER_ACTION', 'DISCONTINUED', 'AWAITING_TRIAL', 'TRIAL', 'VERDICT', 'SENTENCED', 'CLOSED');

-- CreateEnum
CREATE TYPE "InvolvementCapacity" AS ENUM ('INVESTIGATING_POLICE', 'WITNESS_CARE', 'PROSECUTION', 'ISVA_SUPPORT', 'IDVA_SUPPORT', 'VICTIM_SUPPORT', 'OTHER_SUPPORT');

-- CreateTable
CREATE TABLE "Area" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Area_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organisation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "kind" "OrganisationKind" NOT NULL,
    "legalType" "LegalType" NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganisationArea" (
    "organisationId" UUID NOT NULL,
    "areaId" UUID NOT NULL,

    CONSTRAINT "OrganisationArea_pkey" PRIMARY KEY ("organisationId","areaId")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "oidcSubject" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "roles" "Role"[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Victim" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "reference" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Victim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VictimIdentity" (
    "victimId" UUID NOT NULL,
    "fullName" TEXT NOT NULL,
    "preferredName" TEXT,
    "dateOfBirth" DATE,

    CONSTRAINT "VictimIdentity_pkey" PRIMARY KEY ("victimId")
);

-- CreateTable
CREATE TABLE "VictimContactDetails" (
    "victimId" UUID NOT NULL,
    "address" TEXT,
    "postcode" TEXT,
    "phone" TEXT,
    "email" TEXT,

    CONSTRAINT "VictimContactDetails_pkey" PRIMARY KEY ("victimId")
);

-- CreateTable
CREATE TABLE "Case" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "policeUrn" TEXT,
    "cpsReference" TEXT,
    "offenceCategory" "OffenceCategory" NOT NULL,
    "stage" "CaseStage" NOT NULL DEFAULT 'REPORTED',
    "areaId" UUID NOT NULL,
    "victimId" UUID NOT NULL,
    "openedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseInvolvement" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "caseId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "capacity" "InvolvementCapacity" NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "until" TIMESTAMPTZ(3),
    "namedContactUserId" UUID,

    CONSTRAINT "CaseInvolvement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactHandover" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "involvementId" UUID NOT NULL,
    "fromUserId" UUID,
    "toUserId" UUID NOT NULL,
    "byUserId" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reason" TEXT,

    CONSTRAINT "ContactHandover_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Area_code_key" ON "Area"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_name_key" ON "Organisation"("name");

-- CreateIndex
CREATE INDEX "OrganisationArea_areaId_idx" ON "OrganisationArea"("areaId");

-- CreateIndex
CREATE UNIQUE INDEX "User_oidcSubject_key" ON "User"("oidcSubject");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Membership_organisationId_idx" ON "Membership"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_userId_organisationId_key" ON "Membership"("userId", "organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "Victim_reference_key" ON "Victim"("reference");

-- CreateIndex
CREATE INDEX "Case_areaId_idx" ON "Case"("areaId");

-- CreateIndex
CREATE INDEX "Case_victimId_idx" ON "Case"("victimId");

-- CreateIndex
CREATE INDEX "Case_openedAt_id_idx" ON "Case"("openedAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Case_policeUrn_victimId_key" ON "Case"("policeUrn", "victimId");

-- CreateIndex
CREATE UNIQUE INDEX "Case_cpsReference_victimId_key" ON "Case"("cpsReference", "victimId");

-- CreateIndex
CREATE INDEX "CaseInvolvement_caseId_idx" ON "CaseInvolvement"("caseId");

-- CreateIndex
CREATE INDEX "CaseInvolvement_organisationId_caseId_idx" ON "CaseInvolvement"("organisationId", "caseId");

-- CreateIndex
CREATE INDEX "ContactHandover_involvementId_at_idx" ON "ContactHandover"("involvementId", "at");

-- AddForeignKey
ALTER TABLE "OrganisationArea" ADD CONSTRAINT "OrganisationArea_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationArea" ADD CONSTRAINT "OrganisationArea_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VictimIdentity" ADD CONSTRAINT "VictimIdentity_victimId_fkey" FOREIGN KEY ("victimId") REFERENCES "Victim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VictimContactDetails" ADD CONSTRAINT "VictimContactDetails_victimId_fkey" FOREIGN KEY ("victimId") REFERENCES "Victim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_victimId_fkey" FOREIGN KEY ("victimId") REFERENCES "Victim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseInvolvement" ADD CONSTRAINT "CaseInvolvement_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseInvolvement" ADD CONSTRAINT "CaseInvolvement_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseInvolvement" ADD CONSTRAINT "CaseInvolvement_namedContactUserId_fkey" FOREIGN KEY ("namedContactUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactHandover" ADD CONSTRAINT "ContactHandover_involvementId_fkey" FOREIGN KEY ("involvementId") REFERENCES "CaseInvolvement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactHandover" ADD CONSTRAINT "ContactHandover_fromUserId_fkey" FOREIGN KEY ("fromUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactHandover" ADD CONSTRAINT "ContactHandover_toUserId_fkey" FOREIGN KEY ("toUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactHandover" ADD CONSTRAINT "ContactHandover_byUserId_fkey" FOREIGN KEY ("byUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

