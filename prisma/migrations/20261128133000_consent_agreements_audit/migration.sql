-- CreateEnum
CREATE TYPE "DataCategory" AS ENUM ('CASE_PROGRESS', 'IDENTITY', 'CONTACT_DETAILS', 'SAFE_CONTACT_RULES', 'NEEDS_AND_VULNERABILITIES', 'SPECIAL_CATEGORY');

-- CreateEnum
CREATE TYPE "AccessPurpose" AS ENUM ('KEEPING_VICTIM_INFORMED', 'SUPPORT_AND_ADVOCACY', 'REFERRAL', 'SAFEGUARDING', 'LAW_ENFORCEMENT', 'COMPLIANCE_MONITORING', 'SUBJECT_ACCESS', 'AUDIT');

-- CreateEnum
CREATE TYPE "ConsentGivenBy" AS ENUM ('VICTIM', 'PARENT_OR_GUARDIAN', 'OTHER_REPRESENTATIVE');

-- CreateEnum
CREATE TYPE "DsaStatus" AS ENUM ('DRAFT', 'ACTIVE', 'SUSPENDED', 'ENDED');

-- CreateEnum
CREATE TYPE "ControllerRole" AS ENUM ('SEPARATE_CONTROLLER', 'JOINT_CONTROLLER', 'PROCESSOR');

-- CreateEnum
CREATE TYPE "SharingDecisionOutcome" AS ENUM ('APPROVED', 'REFUSED');

-- CreateEnum
CREATE TYPE "AuditAction" AS ENUM ('COLLECTION', 'ALTERATION', 'CONSULTATION', 'DISCLOSURE', 'COMBINATION', 'ERASURE', 'DENIED');

-- CreateTable
CREATE TABLE "LawfulBasis" (
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "consentBased" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "LawfulBasis_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Consent" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "victimId" UUID NOT NULL,
    "givenBy" "ConsentGivenBy" NOT NULL,
    "capturedByUserId" UUID NOT NULL,
    "capturedByOrganisationId" UUID NOT NULL,
    "capturedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "evidence" TEXT NOT NULL,
    "explicit" BOOLEAN NOT NULL DEFAULT false,
    "reviewDate" DATE,
    "withdrawnAt" TIMESTAMPTZ(3),
    "withdrawnByUserId" UUID,

    CONSTRAINT "Consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsentScope" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "consentId" UUID NOT NULL,
    "category" "DataCategory" NOT NULL,
    "purpose" "AccessPurpose" NOT NULL,
    "recipientOrganisationId" UUID,
    "recipientKind" "OrganisationKind",

    CONSTRAINT "ConsentScope_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsentWithholding" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "consentId" UUID NOT NULL,
    "category" "DataCategory" NOT NULL,
    "fromOrganisationId" UUID,
    "reason" TEXT NOT NULL,

    CONSTRAINT "ConsentWithholding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataSharingAgreement" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "reference" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "purposes" "AccessPurpose"[],
    "categories" "DataCategory"[],
    "status" "DsaStatus" NOT NULL DEFAULT 'DRAFT',
    "retention" TEXT NOT NULL,
    "reviewDate" DATE NOT NULL,
    "signedOffBy" TEXT,
    "signedOffAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DataSharingAgreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DsaParty" (
    "dsaId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "controllerRole" "ControllerRole" NOT NULL,
    "lawfulBasisCode" TEXT NOT NULL,
    "specialCategoryCondition" TEXT,

    CONSTRAINT "DsaParty_pkey" PRIMARY KEY ("dsaId","organisationId")
);

-- CreateTable
CREATE TABLE "SharingDecision" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "caseId" UUID NOT NULL,
    "requestingOrganisationId" UUID NOT NULL,
    "receivingOrganisationId" UUID NOT NULL,
    "requesterName" TEXT NOT NULL,
    "requesterRole" TEXT NOT NULL,
    "purpose" "AccessPurpose" NOT NULL,
    "lawfulBasisCode" TEXT NOT NULL,
    "necessity" TEXT NOT NULL,
    "specialCategoryCondition" TEXT,
    "dsaId" UUID,
    "dpiaConsidered" BOOLEAN NOT NULL,
    "retention" TEXT NOT NULL,
    "outcome" "SharingDecisionOutcome" NOT NULL,
    "reasons" TEXT NOT NULL,
    "decidedByUserId" UUID NOT NULL,
    "decidedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3),

    CONSTRAINT "SharingDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SharingDecisionCategory" (
    "decisionId" UUID NOT NULL,
    "category" "DataCategory" NOT NULL,

    CONSTRAINT "SharingDecisionCategory_pkey" PRIMARY KEY ("decisionId","category")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "seq" BIGSERIAL NOT NULL,
    "chainIndex" BIGINT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" "AuditAction" NOT NULL,
    "actorUserId" UUID,
    "organisationId" UUID,
    "roles" "Role"[],
    "purpose" "AccessPurpose",
    "lawfulBasisCode" TEXT,
    "consentId" UUID,
    "sharingDecisionId" UUID,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "caseId" UUID,
    "victimId" UUID,
    "fields" TEXT[],
    "recipientOrganisationIds" TEXT[],
    "outcome" TEXT,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "TrustedDocument" (
    "hash" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "organisationId" UUID,
    "createdByUserId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrustedDocument_pkey" PRIMARY KEY ("hash")
);

-- CreateIndex
CREATE INDEX "Consent_victimId_idx" ON "Consent"("victimId");

-- CreateIndex
CREATE INDEX "ConsentScope_consentId_idx" ON "ConsentScope"("consentId");

-- CreateIndex
CREATE INDEX "ConsentWithholding_consentId_idx" ON "ConsentWithholding"("consentId");

-- CreateIndex
CREATE UNIQUE INDEX "DataSharingAgreement_reference_key" ON "DataSharingAgreement"("reference");

-- CreateIndex
CREATE INDEX "DsaParty_organisationId_idx" ON "DsaParty"("organisationId");

-- CreateIndex
CREATE INDEX "SharingDecision_caseId_receivingOrganisationId_idx" ON "SharingDecision"("caseId", "receivingOrganisationId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_chainIndex_key" ON "AuditEvent"("chainIndex");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_victimId_at_idx" ON "AuditEvent"("victimId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_caseId_at_idx" ON "AuditEvent"("caseId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorUserId_at_idx" ON "AuditEvent"("actorUserId", "at");

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_victimId_fkey" FOREIGN KEY ("victimId") REFERENCES "Victim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentScope" ADD CONSTRAINT "ConsentScope_consentId_fkey" FOREIGN KEY ("consentId") REFERENCES "Consent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentWithholding" ADD CONSTRAINT "ConsentWithholding_consentId_fkey" FOREIGN KEY ("consentId") REFERENCES "Consent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DsaParty" ADD CONSTRAINT "DsaParty_dsaId_fkey" FOREIGN KEY ("dsaId") REFERENCES "DataSharingAgreement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DsaParty" ADD CONSTRAINT "DsaParty_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SharingDecision" ADD CONSTRAINT "SharingDecision_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SharingDecisionCategory" ADD CONSTRAINT "SharingDecisionCategory_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "SharingDecision"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- ---------------------------------------------------------------------------------------
-- Hand-written: the s.62 audit log is append-only and hash-chained inside the database,
-- so no code path (nor a direct INSERT) can skip the chain or rewrite history.

CREATE FUNCTION hub_audit_canonical(a "AuditEvent") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array(
    a."chainIndex", a.seq, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    a.action, a."actorUserId", a."organisationId", a.roles, a.purpose, a."lawfulBasisCode",
    a."consentId", a."sharingDecisionId", a."entityType", a."entityId", a."caseId", a."victimId",
    a.fields, a."recipientOrganisationIds", a.outcome
  )::text
$$;

CREATE FUNCTION hub_audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head_index bigint;
  head_hash text;
BEGIN
  -- One writer at a time extends the chain; the lock is released at commit.
  PERFORM pg_advisory_xact_lock(726200101);
  SELECT "chainIndex", hash INTO head_index, head_hash FROM "AuditEvent" ORDER BY "chainIndex" DESC LIMIT 1;
  NEW."chainIndex" := coalesce(head_index, 0) + 1;
  NEW."prevHash" := coalesce(head_hash, repeat('0', 64));
  NEW.hash := encode(sha256(convert_to(NEW."prevHash" || hub_audit_canonical(NEW), 'UTF8')), 'hex');
  RETURN NEW;
END
$$;

CREATE FUNCTION hub_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'The audit log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_chain BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION hub_audit_chain();
CREATE TRIGGER audit_no_update_or_delete BEFORE UPDATE OR DELETE ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION hub_audit_refuse_change();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON "AuditEvent" FOR EACH STATEMENT EXECUTE FUNCTION hub_audit_refuse_change();

-- Consent history is never edited: the only change a consent row accepts is its withdrawal.
CREATE FUNCTION hub_consent_only_withdraw() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    -- Only the erasure of a victim's record (retention, a granted erasure request) removes
    -- consent history; that transaction says so with SET LOCAL hub.erasure = 'on'.
    IF current_setting('hub.erasure', true) IS DISTINCT FROM 'on' THEN
      RAISE EXCEPTION 'Consent history is kept: consents are withdrawn, never deleted' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD."withdrawnAt" IS NOT NULL
     OR (to_jsonb(NEW) - 'withdrawnAt' - 'withdrawnByUserId') IS DISTINCT FROM (to_jsonb(OLD) - 'withdrawnAt' - 'withdrawnByUserId') THEN
    RAISE EXCEPTION 'Consent history is kept: record a new consent instead of editing one' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER consent_only_withdraw BEFORE UPDATE OR DELETE ON "Consent" FOR EACH ROW EXECUTE FUNCTION hub_consent_only_withdraw();

-- Where the hub runs as a dedicated, non-owner database role, also take the privileges away.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hub_app') THEN
    REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEvent" FROM hub_app;
  END IF;
END
$$;

-- The lawful bases a deployment starts with; its data protection officer maintains the list.
INSERT INTO "LawfulBasis" (code, label, description, "consentBased") VALUES
  ('PUBLIC_TASK', 'Public task', 'UK GDPR Art 6(1)(e): Victims'' Code duties of police, WCU and CPS', false),
  ('LEGAL_OBLIGATION', 'Legal obligation', 'UK GDPR Art 6(1)(c)', false),
  ('LAW_ENFORCEMENT', 'Law enforcement processing', 'DPA 2018 Part 3, s.35: competent authorities, for law enforcement purposes', false),
  ('CONSENT', 'Consent', 'UK GDPR Art 6(1)(a): the victim''s consent', true),
  ('EXPLICIT_CONSENT', 'Explicit consent', 'UK GDPR Art 9(2)(a): explicit consent for special category data', true),
  ('SAFEGUARDING', 'Safeguarding', 'DPA 2018 Sch 1 paras 18-19: safeguarding of children and of individuals at risk', false),
  ('VITAL_INTERESTS', 'Vital interests', 'UK GDPR Art 6(1)(d): to protect someone''s life', false),
  ('RECOGNISED_LEGITIMATE_INTERESTS', 'Recognised legitimate interests', 'Data (Use and Access) Act 2025: e.g. safeguarding, crime prevention (check commencement)', false);
