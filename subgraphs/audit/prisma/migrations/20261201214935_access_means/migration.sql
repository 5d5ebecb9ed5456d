-- AlterTable
ALTER TABLE "AccessRecord" ADD COLUMN "correlationId" TEXT;
ALTER TABLE "AccessRecord" ADD COLUMN "means" TEXT;
