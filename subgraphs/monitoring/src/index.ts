import {
  departmentScope,
  DepartmentReference,
  resolveDepartmentReference,
  resolveReferenceById,
  type City,
  type Department,
  prismaDatabase,
} from '@liangling/kit';
// The resolvers first, in this order: type-graphql prints types and fields in the order their
// classes are declared, so the order of these imports is the order of the printed schema.
import { AlertResolver, resolveAlert } from './alert.resolver';
import { AlertSubscriptionResolver } from './alert-subscription.resolver';
import { BuildingDevicesResolver } from './building.resolver';
import { AlertPerformanceResolver } from './alert-performance.resolver';
import { DeviceResolver, resolveDevice } from './device.resolver';
import { ReadingResolver } from './reading.resolver';
import { RegionAlertsResolver } from './region.resolver';
import { alertScope, buildingScope, deviceScope, EMERGENCY, regionScope } from './access';
import type { Db } from './context';
import { PrismaClient } from './generated/prisma/client';
import { PrismaClient as PostgresClient } from './generated/prisma-pg/client';
import { heartbeatSweepJob } from './jobs/heartbeat-sweep';
import { readingRetentionJob } from './jobs/reading-retention';
import { createLoaders, type Loaders } from './loaders';
import { BuildingReference, HouseholdReference, RegionReference, ResidentReference } from './references';
import { isMonitoringEmpty, monitoringSeedRows, seedMonitoring } from './seed';

/** 视频监控、物联感知、预警: devices, their readings, and the alerts the early-warning engine raises. */
export const monitoring: Department<Db, Loaders, City> = {
  name: 'monitoring',
  code: EMERGENCY,
  resolvers: [
    DeviceResolver,
    ReadingResolver,
    AlertResolver,
    BuildingDevicesResolver,
    RegionAlertsResolver,
    AlertPerformanceResolver,
    AlertSubscriptionResolver,
  ],
  orphanedTypes: [BuildingReference, HouseholdReference, RegionReference, ResidentReference, DepartmentReference],
  entities: {
    Device: resolveDevice,
    Alert: resolveAlert,
    // The residents department's entities: key classes of references.ts, any id a valid reference.
    Building: resolveReferenceById,
    Household: resolveReferenceById,
    Region: resolveReferenceById,
    Resident: resolveReferenceById,
    Department: resolveDepartmentReference,
  },
  scopes: { Device: deviceScope, Alert: alertScope, Building: buildingScope, Region: regionScope, Department: departmentScope },
  database: prismaDatabase({
    sourceDir: __dirname,
    sqlite: PrismaClient,
    postgres: PostgresClient,
    isEmpty: isMonitoringEmpty,
    seed: seedMonitoring,
    seedRows: monitoringSeedRows,
  }),
  loaders: createLoaders,
  jobs: [heartbeatSweepJob, readingRetentionJob],
};

// What the early-warning engine's tests build their city's devices and demo from.
export { cityDevices, demoScenario } from './seed';
