-- CreateTable
CREATE TABLE "EnforcementCase" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseNumber" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "originId" TEXT,
    "status" TEXT NOT NULL,
    "buildingId" TEXT,
    "regionId" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL,
    "districtId" TEXT NOT NULL,
    "officerId" TEXT NOT NULL,
    "partyKind" TEXT,
    "partyName" TEXT,
    "partyResidentId" TEXT,
    "partyOrganisationId" TEXT,
    "penalty" TEXT,
    "decision" TEXT,
    "publicSummary" TEXT,
    "registeredAt" DATETIME NOT NULL,
    "investigatingAt" DATETIME,
    "decidedAt" DATETIME,
    "executedAt" DATETIME,
    "closedAt" DATETIME
);

-- CreateTable
CREATE TABLE "EvidenceNote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "addedBy" TEXT NOT NULL,
    "addedAt" DATETIME NOT NULL,
    CONSTRAINT "EvidenceNote_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "EnforcementCase" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseCounter" (
    "districtId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    PRIMARY KEY ("districtId", "year")
);

-- CreateTable
CREATE TABLE "Region" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "level" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parentId" TEXT,
    "path" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Building" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "gridId" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "EnforcementCase_caseNumber_key" ON "EnforcementCase"("caseNumber");

-- CreateIndex
CREATE INDEX "EnforcementCase_regionPath_registeredAt_idx" ON "EnforcementCase"("regionPath", "registeredAt");

-- CreateIndex
CREATE INDEX "EnforcementCase_status_closedAt_idx" ON "EnforcementCase"("status", "closedAt");

-- CreateIndex
CREATE INDEX "EnforcementCase_officerId_idx" ON "EnforcementCase"("officerId");

-- CreateIndex
CREATE UNIQUE INDEX "EnforcementCase_source_originId_key" ON "EnforcementCase"("source", "originId");

-- CreateIndex
CREATE INDEX "EvidenceNote_caseId_addedAt_idx" ON "EvidenceNote"("caseId", "addedAt");

-- CreateIndex
CREATE INDEX "Region_path_idx" ON "Region"("path");
