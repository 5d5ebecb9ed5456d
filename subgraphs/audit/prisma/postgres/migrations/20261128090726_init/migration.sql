-- CreateTable
CREATE TABLE "AccessRecord" (
    "seq" INTEGER NOT NULL,
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
    "fields" TEXT NOT NULL,
    "entityIds" TEXT NOT NULL,
    "subjectIds" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AccessRecord_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "AccessSubject" (
    "subjectId" TEXT NOT NULL,
    "recordSeq" INTEGER NOT NULL,

    CONSTRAINT "AccessSubject_pkey" PRIMARY KEY ("subjectId","recordSeq")
);

-- CreateIndex
CREATE UNIQUE INDEX "AccessRecord_id_key" ON "AccessRecord"("id");

-- CreateIndex
CREATE INDEX "AccessRecord_actorSub_seq_idx" ON "AccessRecord"("actorSub", "seq");

-- CreateIndex
CREATE INDEX "AccessRecord_at_idx" ON "AccessRecord"("at");
