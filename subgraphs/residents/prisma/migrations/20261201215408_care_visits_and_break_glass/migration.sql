-- CreateTable
CREATE TABLE "CareVisit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "householdId" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL,
    "assigneeId" TEXT NOT NULL,
    "plannedBy" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "alertId" TEXT,
    "reason" TEXT NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "windowEnd" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "outcome" TEXT,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BreakGlass" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "householdId" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL,
    "actorSub" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "actorDepartment" TEXT,
    "reason" TEXT NOT NULL,
    "openedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "CareVisit_assigneeId_status_householdId_idx" ON "CareVisit"("assigneeId", "status", "householdId");

-- CreateIndex
CREATE INDEX "CareVisit_householdId_idx" ON "CareVisit"("householdId");

-- CreateIndex
CREATE INDEX "BreakGlass_actorSub_householdId_expiresAt_idx" ON "BreakGlass"("actorSub", "householdId", "expiresAt");

-- CreateIndex
CREATE INDEX "BreakGlass_openedAt_idx" ON "BreakGlass"("openedAt");
