-- CreateTable
CREATE TABLE "ReadingHour" (
    "deviceId" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "ReadingHour_pkey" PRIMARY KEY ("deviceId","hour")
);

-- CreateIndex
CREATE INDEX "ReadingHour_hour_idx" ON "ReadingHour"("hour");
