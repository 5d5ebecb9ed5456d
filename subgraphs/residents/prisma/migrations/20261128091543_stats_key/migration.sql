-- CreateTable
CREATE TABLE "StatsKey" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "salt" TEXT NOT NULL
);

-- Backfill (hand-written): a database seeded before this migration gets its key now; a fresh one
-- gets it from the seed.
INSERT INTO "StatsKey" ("id", "salt") SELECT 1, lower(hex(randomblob(32))) WHERE EXISTS (SELECT 1 FROM "Region");
