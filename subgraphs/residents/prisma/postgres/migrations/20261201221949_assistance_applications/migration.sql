-- CreateTable
CREATE TABLE "AssistanceApplication" (
    "id" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "handlerId" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "AssistanceApplication_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AssistanceApplication_handlerId_status_householdId_idx" ON "AssistanceApplication"("handlerId", "status", "householdId");
