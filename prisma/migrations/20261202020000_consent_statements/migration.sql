-- Consent as statements (issue #12): for each kind of information, recipient and purpose,
-- her most recent statement stands, whoever recorded it and in whichever record. The hub
-- writes statements; the database works out what they add up to (ConsentGrant), so the
-- policy reads one answer in SQL and in memory.

-- The old rule (a consent row accepts only its withdrawal) gives way to a stricter one below.
DROP TRIGGER "consent_only_withdraw" ON "Consent";
DROP FUNCTION hub_consent_only_withdraw();

-- CreateEnum
CREATE TYPE "ConsentSaidHow" AS ENUM ('IN_PERSON', 'PHONE', 'VIDEO_CALL', 'SIGNED_FORM', 'IN_WRITING', 'THROUGH_REPRESENTATIVE');

-- CreateEnum
CREATE TYPE "ConsentDecision" AS ENUM ('GIVEN', 'WITHHELD', 'WITHDRAWN');

-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'CONSENT_SELF_RECORDED';

-- AlterTable
ALTER TABLE "Consent" ADD COLUMN     "saidAt" TIMESTAMPTZ(3),
ADD COLUMN     "saidHow" "ConsentSaidHow",
ADD COLUMN     "selfRecorded" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "consentId" UUID;

-- CreateTable
CREATE TABLE "ConsentStatement" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "seq" BIGSERIAL NOT NULL,
    "consentId" UUID NOT NULL,
    "victimId" UUID NOT NULL,
    "decision" "ConsentDecision" NOT NULL,
    "category" "DataCategory" NOT NULL,
    "purpose" "AccessPurpose",
    "recipientOrganisationId" UUID,
    "recipientKind" "OrganisationKind",
    "statedAt" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT,

    CONSTRAINT "ConsentStatement_pkey" PRIMARY KEY ("id"),
    -- One organisation, or one kind of organisation, or (both empty) everyone.
    CONSTRAINT "ConsentStatement_one_recipient" CHECK ("recipientOrganisationId" IS NULL OR "recipientKind" IS NULL),
    -- An agreement names who it is for: only keeping back may be from everyone.
    CONSTRAINT "ConsentStatement_given_names_recipient" CHECK ("decision" <> 'GIVEN' OR "recipientOrganisationId" IS NOT NULL OR "recipientKind" IS NOT NULL)
);

-- CreateTable
CREATE TABLE "ConsentGrant" (
    "victimId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "category" "DataCategory" NOT NULL,
    "purpose" "AccessPurpose" NOT NULL,
    "statementId" UUID NOT NULL,
    "consentId" UUID NOT NULL,
    "selfRecorded" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ConsentGrant_pkey" PRIMARY KEY ("victimId","organisationId","category","purpose")
);

-- CreateIndex
CREATE UNIQUE INDEX "ConsentStatement_seq_key" ON "ConsentStatement"("seq");

-- CreateIndex
CREATE INDEX "ConsentStatement_victimId_statedAt_idx" ON "ConsentStatement"("victimId", "statedAt");

-- CreateIndex
CREATE INDEX "ConsentStatement_consentId_idx" ON "ConsentStatement"("consentId");

-- CreateIndex
CREATE INDEX "ConsentGrant_organisationId_victimId_idx" ON "ConsentGrant"("organisationId", "victimId");

-- AddForeignKey
ALTER TABLE "ConsentStatement" ADD CONSTRAINT "ConsentStatement_consentId_fkey" FOREIGN KEY ("consentId") REFERENCES "Consent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentStatement" ADD CONSTRAINT "ConsentStatement_victimId_fkey" FOREIGN KEY ("victimId") REFERENCES "Victim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentGrant" ADD CONSTRAINT "ConsentGrant_victimId_fkey" FOREIGN KEY ("victimId") REFERENCES "Victim"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- What she said before statements, said again as statements. Each scope is a GIVEN
-- statement when its record was captured; each withholding a WITHHELD statement (for every
-- purpose) at the same moment but recorded after, so within a record the keeping back stands
-- as it did. A withdrawn record becomes a withdrawal record, when it was withdrawn, taking
-- back each thing it gave: her latest word on those things.
INSERT INTO "ConsentStatement" ("consentId", "victimId", "decision", "category", "purpose", "recipientOrganisationId", "recipientKind", "statedAt")
SELECT c."id", c."victimId", 'GIVEN', s."category", s."purpose", s."recipientOrganisationId", s."recipientKind", c."capturedAt"
FROM "ConsentScope" s JOIN "Consent" c ON c."id" = s."consentId"
ORDER BY c."capturedAt", c."id", s."id";

INSERT INTO "ConsentStatement" ("consentId", "victimId", "decision", "category", "purpose", "recipientOrganisationId", "recipientKind", "statedAt", "reason")
SELECT c."id", c."victimId", 'WITHHELD', w."category", NULL, w."fromOrganisationId", NULL, c."capturedAt", w."reason"
FROM "ConsentWithholding" w JOIN "Consent" c ON c."id" = w."consentId"
ORDER BY c."capturedAt", c."id", w."id";

INSERT INTO "Consent" ("id", "victimId", "givenBy", "capturedByUserId", "capturedByOrganisationId", "capturedAt", "evidence", "explicit")
SELECT md5(c."id"::text || ':withdrawal')::uuid, c."victimId", c."givenBy", COALESCE(c."withdrawnByUserId", c."capturedByUserId"),
       COALESCE((SELECT m."organisationId" FROM "Membership" m WHERE m."userId" = c."withdrawnByUserId" ORDER BY m."active" DESC, m."createdAt" LIMIT 1), c."capturedByOrganisationId"),
       c."withdrawnAt", 'Withdrawal of consent ' || c."id"::text || ', recorded before consent statements', false
FROM "Consent" c WHERE c."withdrawnAt" IS NOT NULL;

INSERT INTO "ConsentStatement" ("consentId", "victimId", "decision", "category", "purpose", "recipientOrganisationId", "recipientKind", "statedAt")
SELECT md5(c."id"::text || ':withdrawal')::uuid, c."victimId", 'WITHDRAWN', s."category", s."purpose", s."recipientOrganisationId", s."recipientKind", c."withdrawnAt"
FROM "ConsentScope" s JOIN "Consent" c ON c."id" = s."consentId"
WHERE c."withdrawnAt" IS NOT NULL
ORDER BY c."withdrawnAt", c."id", s."id";

-- AlterTable
ALTER TABLE "Consent" DROP COLUMN "withdrawnAt",
DROP COLUMN "withdrawnByUserId";

-- DropTable
DROP TABLE "ConsentScope";

-- DropTable
DROP TABLE "ConsentWithholding";

-- What her statements add up to. For every organisation a statement applies to (named, of
-- the kind named, or everyone), every category and every purpose it covers (a statement with
-- no purpose covers all), her most recent applicable statement decides: GIVEN grants, and
-- special category only on an explicit consent. Null arguments mean every victim / every
-- organisation.
CREATE FUNCTION hub_rebuild_consent_grants(p_victims uuid[], p_organisations uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ConsentGrant" g
  WHERE (p_victims IS NULL OR g."victimId" = ANY (p_victims))
    AND (p_organisations IS NULL OR g."organisationId" = ANY (p_organisations));
  INSERT INTO "ConsentGrant" ("victimId", "organisationId", "category", "purpose", "statementId", "consentId", "selfRecorded")
  SELECT latest."victimId", latest."organisationId", latest."category", latest."purpose", latest."id", latest."consentId", latest."selfRecorded"
  FROM (
    SELECT DISTINCT ON (s."victimId", o."id", s."category", p."purpose")
           s."victimId", o."id" AS "organisationId", s."category", p."purpose", s."id", s."consentId", s."decision", c."explicit", c."selfRecorded"
    FROM "ConsentStatement" s
    JOIN "Consent" c ON c."id" = s."consentId"
    JOIN "Organisation" o
      ON o."id" = s."recipientOrganisationId"
      OR o."kind" = s."recipientKind"
      OR (s."recipientOrganisationId" IS NULL AND s."recipientKind" IS NULL)
    CROSS JOIN LATERAL unnest(enum_range(NULL::"AccessPurpose")) AS p("purpose")
    WHERE (s."purpose" IS NULL OR s."purpose" = p."purpose")
      AND (p_victims IS NULL OR s."victimId" = ANY (p_victims))
      AND (p_organisations IS NULL OR o."id" = ANY (p_organisations))
    ORDER BY s."victimId", o."id", s."category", p."purpose", s."statedAt" DESC, s."seq" DESC
  ) latest
  WHERE latest."decision" = 'GIVEN' AND (latest."category" <> 'SPECIAL_CATEGORY' OR latest."explicit");
END $$;

CREATE FUNCTION hub_consent_statements_added() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hub_rebuild_consent_grants(ARRAY(SELECT DISTINCT "victimId" FROM added), NULL);
  RETURN NULL;
END $$;

CREATE TRIGGER consent_statements_added AFTER INSERT ON "ConsentStatement"
REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION hub_consent_statements_added();

-- What she said is never rewritten: a change of mind is a new statement. Only the erasure
-- of a victim's record (retention, a granted erasure request) removes it; that transaction
-- says so with SET LOCAL hub.erasure = 'on'.
CREATE FUNCTION hub_consent_never_edited() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF current_setting('hub.erasure', true) IS DISTINCT FROM 'on' THEN
      RAISE EXCEPTION 'Consent history is kept: what she said is never deleted' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'Consent history is kept: record what she says now as a new consent instead of editing one' USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER consent_never_edited BEFORE UPDATE OR DELETE ON "Consent"
FOR EACH ROW EXECUTE FUNCTION hub_consent_never_edited();

CREATE TRIGGER consent_statement_never_edited BEFORE UPDATE OR DELETE ON "ConsentStatement"
FOR EACH ROW EXECUTE FUNCTION hub_consent_never_edited();

-- A new organisation, or one that changes kind, gets what her statements about its kind (or
-- about everyone) already say.
CREATE FUNCTION hub_organisation_consent_grants() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM hub_rebuild_consent_grants(NULL, ARRAY[NEW."id"]);
  RETURN NULL;
END $$;

CREATE TRIGGER organisation_consent_grants AFTER INSERT OR UPDATE OF "kind" ON "Organisation"
FOR EACH ROW EXECUTE FUNCTION hub_organisation_consent_grants();

SELECT hub_rebuild_consent_grants(NULL, NULL);
