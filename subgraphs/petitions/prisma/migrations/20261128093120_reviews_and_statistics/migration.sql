-- CreateTable
CREATE TABLE "StatsKey" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "salt" TEXT NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Petition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clientKey" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "petitionerId" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL,
    "targetDepartment" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "decidedAt" DATETIME,
    "decisionReason" TEXT,
    "handlingAt" DATETIME,
    "extensionDays" INTEGER,
    "extensionReason" TEXT,
    "reply" TEXT,
    "repliedBy" TEXT,
    "repliedAt" DATETIME,
    "reviewRequestedAt" DATETIME,
    "reviewCount" INTEGER NOT NULL DEFAULT 0,
    "reviewUpheld" BOOLEAN,
    "reviewNote" TEXT,
    "reviewConcludedAt" DATETIME,
    "closedAt" DATETIME,
    "satisfaction" INTEGER
);
INSERT INTO "new_Petition" ("channel", "clientKey", "closedAt", "content", "decidedAt", "decisionReason", "extensionDays", "extensionReason", "handlingAt", "id", "petitionerId", "receivedAt", "regionPath", "repliedAt", "repliedBy", "reply", "reviewRequestedAt", "satisfaction", "status", "subject", "targetDepartment") SELECT "channel", "clientKey", "closedAt", "content", "decidedAt", "decisionReason", "extensionDays", "extensionReason", "handlingAt", "id", "petitionerId", "receivedAt", "regionPath", "repliedAt", "repliedBy", "reply", "reviewRequestedAt", "satisfaction", "status", "subject", "targetDepartment" FROM "Petition";
DROP TABLE "Petition";
ALTER TABLE "new_Petition" RENAME TO "Petition";
CREATE INDEX "Petition_petitionerId_receivedAt_idx" ON "Petition"("petitionerId", "receivedAt");
CREATE INDEX "Petition_targetDepartment_receivedAt_idx" ON "Petition"("targetDepartment", "receivedAt");
CREATE INDEX "Petition_status_receivedAt_idx" ON "Petition"("status", "receivedAt");
CREATE INDEX "Petition_receivedAt_idx" ON "Petition"("receivedAt");
CREATE UNIQUE INDEX "Petition_petitionerId_clientKey_key" ON "Petition"("petitionerId", "clientKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
