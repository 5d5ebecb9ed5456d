-- CreateTable
CREATE TABLE "ReadingHour" (
    "deviceId" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,
    "min" REAL NOT NULL,
    "max" REAL NOT NULL,
    "sum" REAL NOT NULL,

    PRIMARY KEY ("deviceId", "hour")
);

-- CreateIndex
CREATE INDEX "ReadingHour_hour_idx" ON "ReadingHour"("hour");
