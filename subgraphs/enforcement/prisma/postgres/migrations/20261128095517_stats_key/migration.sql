-- CreateTable
CREATE TABLE "StatsKey" (
    "id" INTEGER NOT NULL,
    "salt" TEXT NOT NULL,

    CONSTRAINT "StatsKey_pkey" PRIMARY KEY ("id")
);
