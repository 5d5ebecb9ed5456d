-- CreateTable
CREATE TABLE "CareVisit" (
    "id" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL,
    "assigneeId" TEXT NOT NULL,
    "plannedBy" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "alertId" TEXT,
    "reason" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "windowEnd" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "outcome" TEXT,
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CareVisit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BreakGlass" (
    "id" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL,
    "actorSub" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "actorDepartment" TEXT,
    "reason" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BreakGlass_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CareVisit_assigneeId_status_householdId_idx" ON "CareVisit"("assigneeId", "status", "householdId");

-- CreateIndex
CREATE INDEX "CareVisit_householdId_idx" ON "CareVisit"("householdId");

-- CreateIndex
CREATE INDEX "BreakGlass_actorSub_householdId_expiresAt_idx" ON "BreakGlass"("actorSub", "householdId", "expiresAt");

-- CreateIndex
CREATE INDEX "BreakGlass_openedAt_idx" ON "BreakGlass"("openedAt");
