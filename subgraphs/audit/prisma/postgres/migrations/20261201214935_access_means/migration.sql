-- AlterTable
ALTER TABLE "AccessRecord" ADD COLUMN     "correlationId" TEXT,
ADD COLUMN     "means" TEXT;
