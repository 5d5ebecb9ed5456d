-- DropIndex
DROP INDEX "RepairRequest_regionPath_idx";

-- CreateIndex
CREATE INDEX "RepairRequest_regionPath_createdAt_idx" ON "RepairRequest"("regionPath", "createdAt");
