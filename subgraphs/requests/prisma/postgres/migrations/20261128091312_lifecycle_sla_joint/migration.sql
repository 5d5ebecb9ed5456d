-- AlterTable
ALTER TABLE "RepairRequest" ADD COLUMN     "acceptedAt" TIMESTAMP(3),
ADD COLUMN     "assigneeId" TEXT,
ADD COLUMN     "buildingId" TEXT,
ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "escalations" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "feedback" TEXT,
ADD COLUMN     "householdId" TEXT,
ADD COLUMN     "jointDepartments" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "rating" INTEGER,
ADD COLUMN     "resolvedAt" TIMESTAMP(3),
ADD COLUMN     "resolvedOnTime" BOOLEAN,
ADD COLUMN     "slaDueAt" TIMESTAMP(3) NOT NULL,
ADD COLUMN     "tier" TEXT NOT NULL DEFAULT 'COMMUNITY';

-- CreateTable
CREATE TABLE "RequestEvent" (
    "id" SERIAL NOT NULL,
    "requestId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "action" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "fromTier" TEXT,
    "toTier" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "actorId" TEXT,
    "note" TEXT,

    CONSTRAINT "RequestEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JointTask" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "doneAt" TIMESTAMP(3),
    "doneById" TEXT,
    "note" TEXT,

    CONSTRAINT "JointTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Region" (
    "id" TEXT NOT NULL,
    "path" TEXT NOT NULL,

    CONSTRAINT "Region_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Household" (
    "id" TEXT NOT NULL,
    "buildingId" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL,

    CONSTRAINT "Household_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RequestEvent_requestId_id_idx" ON "RequestEvent"("requestId", "id");

-- CreateIndex
CREATE INDEX "JointTask_department_openedAt_idx" ON "JointTask"("department", "openedAt");

-- CreateIndex
CREATE UNIQUE INDEX "JointTask_requestId_department_key" ON "JointTask"("requestId", "department");

-- CreateIndex
CREATE INDEX "Household_buildingId_idx" ON "Household"("buildingId");

-- CreateIndex
CREATE INDEX "RepairRequest_regionPath_idx" ON "RepairRequest"("regionPath");

-- CreateIndex
CREATE INDEX "RepairRequest_status_slaDueAt_idx" ON "RepairRequest"("status", "slaDueAt");

-- CreateIndex
CREATE INDEX "RepairRequest_assigneeId_createdAt_idx" ON "RepairRequest"("assigneeId", "createdAt");

-- CreateIndex
CREATE INDEX "RepairRequest_buildingId_status_idx" ON "RepairRequest"("buildingId", "status");
