-- AlterTable
ALTER TABLE "AccessRecord" DROP CONSTRAINT "AccessRecord_pkey",
ALTER COLUMN "seq" SET DATA TYPE BIGINT,
ADD CONSTRAINT "AccessRecord_pkey" PRIMARY KEY ("seq");

-- AlterTable
ALTER TABLE "AccessSubject" DROP CONSTRAINT "AccessSubject_pkey",
ALTER COLUMN "recordSeq" SET DATA TYPE BIGINT,
ADD CONSTRAINT "AccessSubject_pkey" PRIMARY KEY ("subjectId", "recordSeq");

-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "kind" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    "startedAt" TEXT NOT NULL,
    "verifiedAt" TEXT NOT NULL,
    "state" TEXT NOT NULL,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("kind")
);
