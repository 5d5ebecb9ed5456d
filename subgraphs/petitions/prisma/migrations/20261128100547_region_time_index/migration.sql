-- CreateIndex
CREATE INDEX "Petition_regionPath_receivedAt_idx" ON "Petition"("regionPath", "receivedAt");
