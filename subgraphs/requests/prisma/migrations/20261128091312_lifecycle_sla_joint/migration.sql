-- CreateTable
CREATE TABLE "RequestEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "requestId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "action" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "fromTier" TEXT,
    "toTier" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "actorId" TEXT,
    "note" TEXT
);

-- CreateTable
CREATE TABLE "JointTask" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "openedAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "doneAt" DATETIME,
    "doneById" TEXT,
    "note" TEXT
);

-- CreateTable
CREATE TABLE "Region" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "path" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Household" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "buildingId" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RepairRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clientKey" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "submittedById" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL,
    "contactPhone" TEXT NOT NULL,
    "householdId" TEXT,
    "buildingId" TEXT,
    "assigneeId" TEXT,
    "tier" TEXT NOT NULL DEFAULT 'COMMUNITY',
    "slaDueAt" DATETIME NOT NULL,
    "escalations" INTEGER NOT NULL DEFAULT 0,
    "jointDepartments" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acceptedAt" DATETIME,
    "resolvedAt" DATETIME,
    "closedAt" DATETIME,
    "resolvedOnTime" BOOLEAN,
    "rating" INTEGER,
    "feedback" TEXT
);
-- Requests from before SLAs existed are due from the moment they were made: the first sweep escalates what is still open.
INSERT INTO "new_RepairRequest" ("category", "clientKey", "contactPhone", "createdAt", "description", "id", "regionPath", "status", "submittedById", "slaDueAt") SELECT "category", "clientKey", "contactPhone", "createdAt", "description", "id", "regionPath", "status", "submittedById", "createdAt" FROM "RepairRequest";
DROP TABLE "RepairRequest";
ALTER TABLE "new_RepairRequest" RENAME TO "RepairRequest";
CREATE INDEX "RepairRequest_submittedById_createdAt_idx" ON "RepairRequest"("submittedById", "createdAt");
CREATE INDEX "RepairRequest_regionPath_idx" ON "RepairRequest"("regionPath");
CREATE INDEX "RepairRequest_status_slaDueAt_idx" ON "RepairRequest"("status", "slaDueAt");
CREATE INDEX "RepairRequest_assigneeId_createdAt_idx" ON "RepairRequest"("assigneeId", "createdAt");
CREATE INDEX "RepairRequest_buildingId_status_idx" ON "RepairRequest"("buildingId", "status");
CREATE UNIQUE INDEX "RepairRequest_submittedById_clientKey_key" ON "RepairRequest"("submittedById", "clientKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "RequestEvent_requestId_id_idx" ON "RequestEvent"("requestId", "id");

-- CreateIndex
CREATE INDEX "JointTask_department_openedAt_idx" ON "JointTask"("department", "openedAt");

-- CreateIndex
CREATE UNIQUE INDEX "JointTask_requestId_department_key" ON "JointTask"("requestId", "department");

-- CreateIndex
CREATE INDEX "Household_buildingId_idx" ON "Household"("buildingId");
