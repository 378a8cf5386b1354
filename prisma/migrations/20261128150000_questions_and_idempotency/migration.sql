-- CreateTable
CREATE TABLE "VictimQuestion" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "caseId" UUID NOT NULL,
    "askedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "relayedByUserId" UUID NOT NULL,
    "relayedByOrganisationId" UUID NOT NULL,
    "forKind" "OrganisationKind" NOT NULL,
    "question" TEXT NOT NULL,
    "dueBy" TIMESTAMPTZ(3) NOT NULL,
    "answer" TEXT,
    "answeredAt" TIMESTAMPTZ(3),
    "answeredByUserId" UUID,
    "answeredByOrganisationId" UUID,

    CONSTRAINT "VictimQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "organisationId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" INTEGER,
    "responseBody" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMPTZ(3),

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("organisationId","key")
);

-- CreateIndex
CREATE INDEX "VictimQuestion_caseId_answeredAt_idx" ON "VictimQuestion"("caseId", "answeredAt");

-- CreateIndex
CREATE INDEX "IdempotencyRecord_createdAt_idx" ON "IdempotencyRecord"("createdAt");

-- AddForeignKey
ALTER TABLE "VictimQuestion" ADD CONSTRAINT "VictimQuestion_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

