-- DropIndex
DROP INDEX "Resident_gridId_id_idx";

-- CreateTable
CREATE TABLE "RegionStats" (
    "regionId" TEXT NOT NULL PRIMARY KEY,
    "population" INTEGER NOT NULL DEFAULT 0,
    "households" INTEGER NOT NULL DEFAULT 0,
    "buildings" INTEGER NOT NULL DEFAULT 0,
    "elderlyLivingAlone" INTEGER NOT NULL DEFAULT 0,
    "birthYears" TEXT NOT NULL DEFAULT '{}'
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Building" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "gridId" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL DEFAULT '',
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "lng" REAL NOT NULL,
    "lat" REAL NOT NULL
);
INSERT INTO "new_Building" ("address", "gridId", "id", "lat", "lng", "name") SELECT "address", "gridId", "id", "lat", "lng", "name" FROM "Building";
DROP TABLE "Building";
ALTER TABLE "new_Building" RENAME TO "Building";
CREATE INDEX "Building_gridId_idx" ON "Building"("gridId");
CREATE INDEX "Building_regionPath_id_idx" ON "Building"("regionPath", "id");
CREATE TABLE "new_Household" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "buildingId" TEXT NOT NULL,
    "gridId" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL DEFAULT '',
    "unit" INTEGER NOT NULL,
    "room" TEXT NOT NULL
);
INSERT INTO "new_Household" ("buildingId", "gridId", "id", "room", "unit") SELECT "buildingId", "gridId", "id", "room", "unit" FROM "Household";
DROP TABLE "Household";
ALTER TABLE "new_Household" RENAME TO "Household";
CREATE INDEX "Household_buildingId_idx" ON "Household"("buildingId");
CREATE INDEX "Household_gridId_idx" ON "Household"("gridId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Resident_regionPath_id_idx" ON "Resident"("regionPath", "id");

-- CreateIndex
CREATE INDEX "Resident_name_idx" ON "Resident"("name");

-- CreateIndex
CREATE INDEX "Resident_phone_idx" ON "Resident"("phone");

-- Backfill (hand-written): databases seeded before this migration get their buildings' paths and
-- their regions' statistics; a fresh database has no rows and this does nothing.
UPDATE "Building" SET "regionPath" = COALESCE((SELECT "path" FROM "Region" WHERE "Region"."id" = "Building"."gridId"), '');
UPDATE "Household" SET "regionPath" = COALESCE((SELECT "path" FROM "Region" WHERE "Region"."id" = "Household"."gridId"), '');
INSERT INTO "RegionStats" ("regionId", "population", "households", "buildings", "elderlyLivingAlone", "birthYears")
SELECT r."id",
  (SELECT COUNT(*) FROM "Resident" x WHERE substr(x."regionPath", 1, length(r."path")) = r."path"),
  (SELECT COUNT(DISTINCT x."householdId") FROM "Resident" x WHERE substr(x."regionPath", 1, length(r."path")) = r."path"),
  (SELECT COUNT(*) FROM "Building" b WHERE substr(b."regionPath", 1, length(r."path")) = r."path"),
  (SELECT COUNT(*) FROM "Resident" x WHERE substr(x."regionPath", 1, length(r."path")) = r."path" AND x."elderly" AND x."livesAlone"),
  COALESCE((SELECT json_group_object(y, n) FROM (SELECT substr(x."birthDate", 1, 4) AS y, COUNT(*) AS n FROM "Resident" x
    WHERE substr(x."regionPath", 1, length(r."path")) = r."path" GROUP BY y)), '{}')
FROM "Region" r;
