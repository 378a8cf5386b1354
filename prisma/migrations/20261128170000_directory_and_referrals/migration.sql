-- CreateEnum
CREATE TYPE "ReferralStatus" AS ENUM ('REQUESTED', 'RECEIVED', 'ACCEPTED', 'REJECTED', 'IN_PROGRESS', 'ON_HOLD', 'COMPLETED', 'CANCELLED', 'FAILED');

-- CreateEnum
CREATE TYPE "ReferralUrgency" AS ENUM ('ROUTINE', 'URGENT', 'EMERGENCY');

-- AlterTable
ALTER TABLE "ContactRecord" ADD COLUMN     "signpostedServiceId" UUID;

-- CreateTable
CREATE TABLE "DirectoryOrganization" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "email" TEXT,
    "website" TEXT,
    "hubOrganisationId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DirectoryOrganization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DirectoryService" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "url" TEXT,
    "email" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "eligibilityDescription" TEXT,
    "minimumAge" INTEGER,
    "maximumAge" INTEGER,
    "languages" TEXT[],
    "waitTime" TEXT,
    "alert" TEXT,
    "capacityNote" TEXT,
    "acceptingReferrals" BOOLEAN NOT NULL DEFAULT true,
    "selfReferral" BOOLEAN NOT NULL DEFAULT true,
    "professionalReferral" BOOLEAN NOT NULL DEFAULT true,
    "lastVerifiedAt" TIMESTAMPTZ(3),
    "lastVerifiedByUserId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DirectoryService_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DirectoryLocation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID,
    "name" TEXT,
    "description" TEXT,
    "locationType" TEXT NOT NULL DEFAULT 'physical',
    "url" TEXT,
    "address1" TEXT,
    "city" TEXT,
    "region" TEXT,
    "postalCode" TEXT,
    "country" TEXT NOT NULL DEFAULT 'GB',
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "confidential" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "DirectoryLocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceAtLocation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "serviceId" UUID NOT NULL,
    "locationId" UUID NOT NULL,
    "description" TEXT,

    CONSTRAINT "ServiceAtLocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DirectoryContact" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "serviceId" UUID NOT NULL,
    "name" TEXT,
    "title" TEXT,
    "email" TEXT,

    CONSTRAINT "DirectoryContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DirectoryPhone" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "serviceId" UUID,
    "locationId" UUID,
    "number" TEXT NOT NULL,
    "description" TEXT,

    CONSTRAINT "DirectoryPhone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DirectorySchedule" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "serviceId" UUID,
    "serviceAtLocationId" UUID,
    "byDay" TEXT NOT NULL,
    "opensAt" TEXT NOT NULL,
    "closesAt" TEXT NOT NULL,
    "description" TEXT,

    CONSTRAINT "DirectorySchedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceArea" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "serviceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "areaId" UUID,

    CONSTRAINT "ServiceArea_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Taxonomy" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "uri" TEXT,
    "version" TEXT,

    CONSTRAINT "Taxonomy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaxonomyTerm" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "taxonomyId" UUID,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "parentId" UUID,

    CONSTRAINT "TaxonomyTerm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceAttribute" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "serviceId" UUID NOT NULL,
    "taxonomyTermId" UUID NOT NULL,
    "value" TEXT,

    CONSTRAINT "ServiceAttribute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Referral" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "caseId" UUID NOT NULL,
    "fromOrganisationId" UUID NOT NULL,
    "toOrganisationId" UUID,
    "toServiceId" UUID,
    "reason" TEXT NOT NULL,
    "urgency" "ReferralUrgency" NOT NULL DEFAULT 'ROUTINE',
    "consentId" UUID,
    "sharingDecisionId" UUID,
    "status" "ReferralStatus" NOT NULL DEFAULT 'REQUESTED',
    "statusReason" TEXT,
    "outcome" TEXT,
    "createdByUserId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferralShare" (
    "referralId" UUID NOT NULL,
    "category" "DataCategory" NOT NULL,

    CONSTRAINT "ReferralShare_pkey" PRIMARY KEY ("referralId","category")
);

-- CreateTable
CREATE TABLE "ReferralEvent" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "referralId" UUID NOT NULL,
    "fromStatus" "ReferralStatus",
    "toStatus" "ReferralStatus" NOT NULL,
    "byUserId" UUID NOT NULL,
    "byOrganisationId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reason" TEXT,

    CONSTRAINT "ReferralEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DirectoryService_organizationId_idx" ON "DirectoryService"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceAtLocation_serviceId_locationId_key" ON "ServiceAtLocation"("serviceId", "locationId");

-- CreateIndex
CREATE INDEX "ServiceArea_areaId_idx" ON "ServiceArea"("areaId");

-- CreateIndex
CREATE UNIQUE INDEX "TaxonomyTerm_taxonomyId_code_key" ON "TaxonomyTerm"("taxonomyId", "code");

-- CreateIndex
CREATE INDEX "ServiceAttribute_taxonomyTermId_idx" ON "ServiceAttribute"("taxonomyTermId");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceAttribute_serviceId_taxonomyTermId_key" ON "ServiceAttribute"("serviceId", "taxonomyTermId");

-- CreateIndex
CREATE INDEX "Referral_caseId_idx" ON "Referral"("caseId");

-- CreateIndex
CREATE INDEX "Referral_toOrganisationId_status_idx" ON "Referral"("toOrganisationId", "status");

-- CreateIndex
CREATE INDEX "ReferralEvent_referralId_at_idx" ON "ReferralEvent"("referralId", "at");

-- AddForeignKey
ALTER TABLE "DirectoryService" ADD CONSTRAINT "DirectoryService_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "DirectoryOrganization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectoryLocation" ADD CONSTRAINT "DirectoryLocation_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "DirectoryOrganization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceAtLocation" ADD CONSTRAINT "ServiceAtLocation_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "DirectoryService"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceAtLocation" ADD CONSTRAINT "ServiceAtLocation_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "DirectoryLocation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectoryContact" ADD CONSTRAINT "DirectoryContact_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "DirectoryService"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectoryPhone" ADD CONSTRAINT "DirectoryPhone_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "DirectoryService"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectoryPhone" ADD CONSTRAINT "DirectoryPhone_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "DirectoryLocation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectorySchedule" ADD CONSTRAINT "DirectorySchedule_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "DirectoryService"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectorySchedule" ADD CONSTRAINT "DirectorySchedule_serviceAtLocationId_fkey" FOREIGN KEY ("serviceAtLocationId") REFERENCES "ServiceAtLocation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceArea" ADD CONSTRAINT "ServiceArea_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "DirectoryService"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaxonomyTerm" ADD CONSTRAINT "TaxonomyTerm_taxonomyId_fkey" FOREIGN KEY ("taxonomyId") REFERENCES "Taxonomy"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceAttribute" ADD CONSTRAINT "ServiceAttribute_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "DirectoryService"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceAttribute" ADD CONSTRAINT "ServiceAttribute_taxonomyTermId_fkey" FOREIGN KEY ("taxonomyTermId") REFERENCES "TaxonomyTerm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_toServiceId_fkey" FOREIGN KEY ("toServiceId") REFERENCES "DirectoryService"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferralShare" ADD CONSTRAINT "ReferralShare_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferralEvent" ADD CONSTRAINT "ReferralEvent_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: free-text search over services (name, description, eligibility) for
-- signposting; the "simple" configuration keeps it language-neutral.
CREATE INDEX "DirectoryService_search_idx" ON "DirectoryService" USING GIN (to_tsvector('simple', name || ' ' || description || ' ' || coalesce("eligibilityDescription", '')));
CREATE INDEX "DirectoryLocation_coordinates_idx" ON "DirectoryLocation" (latitude, longitude) WHERE latitude IS NOT NULL AND NOT confidential;
