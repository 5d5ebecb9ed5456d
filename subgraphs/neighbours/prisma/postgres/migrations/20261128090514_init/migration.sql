-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganisationRegion" (
    "organisationId" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL,

    CONSTRAINT "OrganisationRegion_pkey" PRIMARY KEY ("organisationId","regionId")
);

-- CreateTable
CREATE TABLE "NeighbourService" (
    "id" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "hours" TEXT NOT NULL,
    "priceCents" INTEGER,
    "priceUnit" TEXT,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "NeighbourService_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceArea" (
    "serviceId" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL,

    CONSTRAINT "ServiceArea_pkey" PRIMARY KEY ("serviceId","regionId")
);

-- CreateTable
CREATE TABLE "Volunteer" (
    "id" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "skills" TEXT NOT NULL,
    "availability" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Volunteer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Region" (
    "id" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "parentId" TEXT,
    "path" TEXT NOT NULL,
    "centroidLng" DOUBLE PRECISION NOT NULL,
    "centroidLat" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "Region_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Building" (
    "id" TEXT NOT NULL,
    "gridId" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "Building_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Organisation_kind_idx" ON "Organisation"("kind");

-- CreateIndex
CREATE INDEX "OrganisationRegion_regionId_idx" ON "OrganisationRegion"("regionId");

-- CreateIndex
CREATE INDEX "OrganisationRegion_regionPath_idx" ON "OrganisationRegion"("regionPath");

-- CreateIndex
CREATE INDEX "NeighbourService_providerId_idx" ON "NeighbourService"("providerId");

-- CreateIndex
CREATE INDEX "NeighbourService_status_category_idx" ON "NeighbourService"("status", "category");

-- CreateIndex
CREATE INDEX "ServiceArea_regionId_idx" ON "ServiceArea"("regionId");

-- CreateIndex
CREATE INDEX "ServiceArea_regionPath_idx" ON "ServiceArea"("regionPath");

-- CreateIndex
CREATE UNIQUE INDEX "Volunteer_residentId_key" ON "Volunteer"("residentId");

-- CreateIndex
CREATE INDEX "Volunteer_regionPath_id_idx" ON "Volunteer"("regionPath", "id");

-- CreateIndex
CREATE INDEX "Region_path_idx" ON "Region"("path");

-- AddForeignKey
ALTER TABLE "OrganisationRegion" ADD CONSTRAINT "OrganisationRegion_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeighbourService" ADD CONSTRAINT "NeighbourService_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceArea" ADD CONSTRAINT "ServiceArea_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "NeighbourService"("id") ON DELETE CASCADE ON UPDATE CASCADE;
