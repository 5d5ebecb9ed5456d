-- CreateTable
CREATE TABLE "RepairRequest" (
    "id" TEXT NOT NULL,
    "clientKey" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "submittedById" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL,
    "contactPhone" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RepairRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RepairRequest_submittedById_createdAt_idx" ON "RepairRequest"("submittedById", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "RepairRequest_submittedById_clientKey_key" ON "RepairRequest"("submittedById", "clientKey");
