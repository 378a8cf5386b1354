-- CreateTable
CREATE TABLE "AreaGlossaryTerm" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "areaId" UUID NOT NULL,
    "term" TEXT NOT NULL,
    "variants" TEXT[],
    "explanation" TEXT NOT NULL,
    "addedByUserId" UUID NOT NULL,
    "addedByOrganisationId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AreaGlossaryTerm_pkey" PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "AreaGlossaryTerm" ADD CONSTRAINT "AreaGlossaryTerm_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: one entry per term in each area, whatever its case ("ABE interview" and
-- "abe interview" are the same term). The index leads with "areaId", so it also serves
-- loading an area's glossary.
CREATE UNIQUE INDEX "AreaGlossaryTerm_areaId_lower_term_key" ON "AreaGlossaryTerm" ("areaId", lower(term));
