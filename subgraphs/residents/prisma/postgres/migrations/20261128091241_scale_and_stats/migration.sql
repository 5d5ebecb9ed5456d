-- DropIndex
DROP INDEX "Resident_gridId_id_idx";

-- AlterTable
ALTER TABLE "Building" ADD COLUMN     "regionPath" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Household" ADD COLUMN     "regionPath" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "RegionStats" (
    "regionId" TEXT NOT NULL,
    "population" INTEGER NOT NULL DEFAULT 0,
    "households" INTEGER NOT NULL DEFAULT 0,
    "buildings" INTEGER NOT NULL DEFAULT 0,
    "elderlyLivingAlone" INTEGER NOT NULL DEFAULT 0,
    "birthYears" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "RegionStats_pkey" PRIMARY KEY ("regionId")
);

-- CreateIndex
CREATE INDEX "Building_regionPath_id_idx" ON "Building"("regionPath", "id");

-- CreateIndex
CREATE INDEX "Resident_regionPath_id_idx" ON "Resident"("regionPath", "id");

-- CreateIndex
CREATE INDEX "Resident_name_idx" ON "Resident"("name");

-- CreateIndex
CREATE INDEX "Resident_phone_idx" ON "Resident"("phone");
