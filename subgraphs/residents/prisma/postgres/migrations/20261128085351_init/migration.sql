-- CreateTable
CREATE TABLE "Region" (
    "id" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parentId" TEXT,
    "path" TEXT NOT NULL,
    "centroidLng" DOUBLE PRECISION NOT NULL,
    "centroidLat" DOUBLE PRECISION NOT NULL,
    "polygon" TEXT NOT NULL,

    CONSTRAINT "Region_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Building" (
    "id" TEXT NOT NULL,
    "gridId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "Building_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Household" (
    "id" TEXT NOT NULL,
    "buildingId" TEXT NOT NULL,
    "gridId" TEXT NOT NULL,
    "unit" INTEGER NOT NULL,
    "room" TEXT NOT NULL,

    CONSTRAINT "Household_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Resident" (
    "id" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "gridId" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "gender" TEXT NOT NULL,
    "birthDate" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "idNumber" TEXT NOT NULL,
    "livesAlone" BOOLEAN NOT NULL DEFAULT false,
    "elderly" BOOLEAN NOT NULL DEFAULT false,
    "disability" BOOLEAN NOT NULL DEFAULT false,
    "lowIncome" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Resident_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Region_parentId_idx" ON "Region"("parentId");

-- CreateIndex
CREATE INDEX "Region_level_idx" ON "Region"("level");

-- CreateIndex
CREATE INDEX "Region_path_idx" ON "Region"("path");

-- CreateIndex
CREATE INDEX "Building_gridId_idx" ON "Building"("gridId");

-- CreateIndex
CREATE INDEX "Household_buildingId_idx" ON "Household"("buildingId");

-- CreateIndex
CREATE INDEX "Household_gridId_idx" ON "Household"("gridId");

-- CreateIndex
CREATE UNIQUE INDEX "Resident_idNumber_key" ON "Resident"("idNumber");

-- CreateIndex
CREATE INDEX "Resident_gridId_id_idx" ON "Resident"("gridId", "id");

-- CreateIndex
CREATE INDEX "Resident_householdId_idx" ON "Resident"("householdId");
