-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "lng" REAL NOT NULL,
    "lat" REAL NOT NULL
);

-- CreateTable
CREATE TABLE "OrganisationRegion" (
    "organisationId" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL,

    PRIMARY KEY ("organisationId", "regionId"),
    CONSTRAINT "OrganisationRegion_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NeighbourService" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "providerId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "hours" TEXT NOT NULL,
    "priceCents" INTEGER,
    "priceUnit" TEXT,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" DATETIME,
    CONSTRAINT "NeighbourService_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ServiceArea" (
    "serviceId" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL,

    PRIMARY KEY ("serviceId", "regionId"),
    CONSTRAINT "ServiceArea_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "NeighbourService" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Volunteer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "residentId" TEXT NOT NULL,
    "skills" TEXT NOT NULL,
    "availability" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Region" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "level" TEXT NOT NULL,
    "parentId" TEXT,
    "path" TEXT NOT NULL,
    "centroidLng" REAL NOT NULL,
    "centroidLat" REAL NOT NULL
);

-- CreateTable
CREATE TABLE "Building" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "gridId" TEXT NOT NULL,
    "regionPath" TEXT NOT NULL,
    "lng" REAL NOT NULL,
    "lat" REAL NOT NULL
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
