-- AlterTable
ALTER TABLE "Hearing" ADD COLUMN     "resultRecordedByOrganisationId" UUID,
ADD COLUMN     "resultWordsAcceptedAt" TIMESTAMPTZ(3),
ADD COLUMN     "resultWordsAcceptedByUserId" UUID;

