-- CreateTable
CREATE TABLE "Device" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "buildingId" TEXT,
    "householdId" TEXT,
    "regionPath" TEXT NOT NULL,
    "streamAddress" TEXT,
    "status" TEXT NOT NULL DEFAULT 'ONLINE',
    "lastSeenAt" DATETIME,
    "installedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Reading" (
    "deviceId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "value" REAL NOT NULL,
    "receivedAt" DATETIME NOT NULL,

    PRIMARY KEY ("deviceId", "at")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "dedupeKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL,
    "buildingId" TEXT,
    "householdId" TEXT,
    "evidence" TEXT,
    "personalEvidence" TEXT,
    "residentId" TEXT,
    "deviceIds" TEXT NOT NULL DEFAULT '[]',
    "requestIds" TEXT NOT NULL DEFAULT '[]',
    "petitionIds" TEXT NOT NULL DEFAULT '[]',
    "raisedAt" DATETIME NOT NULL,
    "raisedBy" TEXT NOT NULL,
    "acknowledgedAt" DATETIME,
    "acknowledgedBy" TEXT,
    "resolvedAt" DATETIME,
    "resolvedBy" TEXT,
    "resolution" TEXT
);

-- CreateTable
CREATE TABLE "Region" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "level" TEXT NOT NULL,
    "parentId" TEXT,
    "path" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Building" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "gridId" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Household" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "buildingId" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "Device_buildingId_idx" ON "Device"("buildingId");

-- CreateIndex
CREATE INDEX "Device_householdId_idx" ON "Device"("householdId");

-- CreateIndex
CREATE INDEX "Device_kind_status_idx" ON "Device"("kind", "status");

-- CreateIndex
CREATE INDEX "Device_regionPath_idx" ON "Device"("regionPath");

-- CreateIndex
CREATE INDEX "Reading_at_idx" ON "Reading"("at");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_dedupeKey_key" ON "Alert"("dedupeKey");

-- CreateIndex
CREATE INDEX "Alert_regionPath_status_idx" ON "Alert"("regionPath", "status");

-- CreateIndex
CREATE INDEX "Alert_department_raisedAt_idx" ON "Alert"("department", "raisedAt");

-- CreateIndex
CREATE INDEX "Alert_raisedAt_idx" ON "Alert"("raisedAt");

-- CreateIndex
CREATE INDEX "Region_path_idx" ON "Region"("path");

-- CreateIndex
CREATE INDEX "Household_buildingId_idx" ON "Household"("buildingId");
