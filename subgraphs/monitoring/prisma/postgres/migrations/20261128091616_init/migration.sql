-- CreateTable
CREATE TABLE "Device" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "buildingId" TEXT,
    "householdId" TEXT,
    "regionPath" TEXT NOT NULL,
    "streamAddress" TEXT,
    "status" TEXT NOT NULL DEFAULT 'ONLINE',
    "lastSeenAt" TIMESTAMP(3),
    "installedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Device_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reading" (
    "deviceId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Reading_pkey" PRIMARY KEY ("deviceId","at")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
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
    "raisedAt" TIMESTAMP(3) NOT NULL,
    "raisedBy" TEXT NOT NULL,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedBy" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "resolvedBy" TEXT,
    "resolution" TEXT,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Region" (
    "id" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "parentId" TEXT,
    "path" TEXT NOT NULL,

    CONSTRAINT "Region_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Building" (
    "id" TEXT NOT NULL,
    "gridId" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL,

    CONSTRAINT "Building_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Household" (
    "id" TEXT NOT NULL,
    "buildingId" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL,

    CONSTRAINT "Household_pkey" PRIMARY KEY ("id")
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
