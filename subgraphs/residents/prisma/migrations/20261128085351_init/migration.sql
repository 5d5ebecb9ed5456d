-- CreateTable
CREATE TABLE "Region" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "level" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parentId" TEXT,
    "path" TEXT NOT NULL,
    "centroidLng" REAL NOT NULL,
    "centroidLat" REAL NOT NULL,
    "polygon" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Building" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "gridId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "lng" REAL NOT NULL,
    "lat" REAL NOT NULL
);

-- CreateTable
CREATE TABLE "Household" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "buildingId" TEXT NOT NULL,
    "gridId" TEXT NOT NULL,
    "unit" INTEGER NOT NULL,
    "room" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Resident" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "lowIncome" BOOLEAN NOT NULL DEFAULT false
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
