-- CreateTable
CREATE TABLE "EnforcementCase" (
    "id" TEXT NOT NULL,
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
    "registeredAt" TIMESTAMP(3) NOT NULL,
    "investigatingAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "executedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "EnforcementCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidenceNote" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "addedBy" TEXT NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EvidenceNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseCounter" (
    "districtId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "CaseCounter_pkey" PRIMARY KEY ("districtId","year")
);

-- CreateTable
CREATE TABLE "Region" (
    "id" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parentId" TEXT,
    "path" TEXT NOT NULL,

    CONSTRAINT "Region_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Building" (
    "id" TEXT NOT NULL,
    "gridId" TEXT NOT NULL,

    CONSTRAINT "Building_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "EvidenceNote" ADD CONSTRAINT "EvidenceNote_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "EnforcementCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;
