-- AlterTable
ALTER TABLE "Petition" ADD COLUMN     "reviewConcludedAt" TIMESTAMP(3),
ADD COLUMN     "reviewCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reviewNote" TEXT,
ADD COLUMN     "reviewUpheld" BOOLEAN;

-- CreateTable
CREATE TABLE "StatsKey" (
    "id" INTEGER NOT NULL,
    "salt" TEXT NOT NULL,

    CONSTRAINT "StatsKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Petition_receivedAt_idx" ON "Petition"("receivedAt");
