-- CreateTable
CREATE TABLE "AssistanceApplication" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "householdId" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "handlerId" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "openedAt" DATETIME NOT NULL,
    "decidedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "AssistanceApplication_handlerId_status_householdId_idx" ON "AssistanceApplication"("handlerId", "status", "householdId");
