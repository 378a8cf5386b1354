-- CreateTable
CREATE TABLE "CaseUpdatePlainLanguageAcceptance" (
    "updateId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseUpdatePlainLanguageAcceptance_pkey" PRIMARY KEY ("updateId")
);

-- AddForeignKey
ALTER TABLE "CaseUpdatePlainLanguageAcceptance" ADD CONSTRAINT "CaseUpdatePlainLanguageAcceptance_updateId_fkey" FOREIGN KEY ("updateId") REFERENCES "CaseUpdate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

