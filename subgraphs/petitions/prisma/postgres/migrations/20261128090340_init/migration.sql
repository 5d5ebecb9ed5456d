-- CreateTable
CREATE TABLE "Petition" (
    "id" TEXT NOT NULL,
    "clientKey" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "petitionerId" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL,
    "targetDepartment" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "decisionReason" TEXT,
    "handlingAt" TIMESTAMP(3),
    "extensionDays" INTEGER,
    "extensionReason" TEXT,
    "reply" TEXT,
    "repliedBy" TEXT,
    "repliedAt" TIMESTAMP(3),
    "reviewRequestedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "satisfaction" INTEGER,

    CONSTRAINT "Petition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Opinion" (
    "id" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "supportCount" INTEGER NOT NULL DEFAULT 0,
    "reply" TEXT,
    "repliedBy" TEXT,
    "repliedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Opinion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OpinionSupport" (
    "opinionId" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OpinionSupport_pkey" PRIMARY KEY ("opinionId","residentId")
);

-- CreateIndex
CREATE INDEX "Petition_petitionerId_receivedAt_idx" ON "Petition"("petitionerId", "receivedAt");

-- CreateIndex
CREATE INDEX "Petition_targetDepartment_receivedAt_idx" ON "Petition"("targetDepartment", "receivedAt");

-- CreateIndex
CREATE INDEX "Petition_status_receivedAt_idx" ON "Petition"("status", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Petition_petitionerId_clientKey_key" ON "Petition"("petitionerId", "clientKey");

-- CreateIndex
CREATE INDEX "Opinion_supportCount_id_idx" ON "Opinion"("supportCount", "id");

-- CreateIndex
CREATE INDEX "Opinion_createdAt_id_idx" ON "Opinion"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Opinion_authorId_idx" ON "Opinion"("authorId");

-- CreateIndex
CREATE INDEX "OpinionSupport_residentId_idx" ON "OpinionSupport"("residentId");
