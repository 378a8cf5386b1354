-- CreateIndex
CREATE INDEX "DirectoryLocation_organizationId_idx" ON "DirectoryLocation"("organizationId");

-- CreateIndex
CREATE INDEX "ServiceAtLocation_locationId_idx" ON "ServiceAtLocation"("locationId");

-- CreateIndex
CREATE INDEX "DirectoryContact_serviceId_idx" ON "DirectoryContact"("serviceId");

-- CreateIndex
CREATE INDEX "DirectoryPhone_serviceId_idx" ON "DirectoryPhone"("serviceId");

-- CreateIndex
CREATE INDEX "DirectoryPhone_locationId_idx" ON "DirectoryPhone"("locationId");

-- CreateIndex
CREATE INDEX "DirectorySchedule_serviceId_idx" ON "DirectorySchedule"("serviceId");

-- CreateIndex
CREATE INDEX "DirectorySchedule_serviceAtLocationId_idx" ON "DirectorySchedule"("serviceAtLocationId");

-- CreateIndex
CREATE INDEX "ServiceArea_serviceId_idx" ON "ServiceArea"("serviceId");

