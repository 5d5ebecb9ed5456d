-- CreateTable
CREATE TABLE "RepairRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clientKey" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "submittedById" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL,
    "contactPhone" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "RepairRequest_submittedById_createdAt_idx" ON "RepairRequest"("submittedById", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "RepairRequest_submittedById_clientKey_key" ON "RepairRequest"("submittedById", "clientKey");
