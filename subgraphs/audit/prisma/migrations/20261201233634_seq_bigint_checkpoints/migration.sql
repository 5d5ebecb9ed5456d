-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "kind" TEXT NOT NULL PRIMARY KEY,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    "startedAt" TEXT NOT NULL,
    "verifiedAt" TEXT NOT NULL,
    "state" TEXT NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AccessRecord" (
    "seq" BIGINT NOT NULL PRIMARY KEY,
    "id" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "subgraph" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "actorSub" TEXT,
    "actorDepartment" TEXT,
    "actorOrganisation" TEXT,
    "clientApp" TEXT,
    "purpose" TEXT,
    "typeName" TEXT NOT NULL,
    "means" TEXT,
    "correlationId" TEXT,
    "fields" TEXT NOT NULL,
    "entityIds" TEXT NOT NULL,
    "subjectIds" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);
INSERT INTO "new_AccessRecord" ("actorDepartment", "actorOrganisation", "actorRole", "actorSub", "at", "clientApp", "correlationId", "entityIds", "fields", "hash", "id", "means", "prevHash", "purpose", "requestId", "seq", "subgraph", "subjectIds", "typeName") SELECT "actorDepartment", "actorOrganisation", "actorRole", "actorSub", "at", "clientApp", "correlationId", "entityIds", "fields", "hash", "id", "means", "prevHash", "purpose", "requestId", "seq", "subgraph", "subjectIds", "typeName" FROM "AccessRecord";
DROP TABLE "AccessRecord";
ALTER TABLE "new_AccessRecord" RENAME TO "AccessRecord";
CREATE UNIQUE INDEX "AccessRecord_id_key" ON "AccessRecord"("id");
CREATE INDEX "AccessRecord_actorSub_seq_idx" ON "AccessRecord"("actorSub", "seq");
CREATE INDEX "AccessRecord_at_idx" ON "AccessRecord"("at");
CREATE TABLE "new_AccessSubject" (
    "subjectId" TEXT NOT NULL,
    "recordSeq" BIGINT NOT NULL,

    PRIMARY KEY ("subjectId", "recordSeq")
);
INSERT INTO "new_AccessSubject" ("recordSeq", "subjectId") SELECT "recordSeq", "subjectId" FROM "AccessSubject";
DROP TABLE "AccessSubject";
ALTER TABLE "new_AccessSubject" RENAME TO "AccessSubject";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
