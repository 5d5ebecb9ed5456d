import { join } from 'node:path';
import {
  BuildingReference,
  departmentScope,
  DepartmentReference,
  HouseholdReference,
  RegionReference,
  ResidentReference,
  resolveDepartmentReference,
  resolveReferenceById,
  type City,
  type Department as DepartmentDefinition,
} from '@liangling/kit';
import { AlertResolver, alertScope, resolveAlert } from './alert';
import { BuildingDevicesResolver, buildingScope } from './building';
import type { Db } from './context';
import { DepartmentAlertsResolver } from './department';
import { DeviceResolver, deviceScope, resolveDevice } from './device';
import { DeviceSearchResolver } from './device-search';
import { PrismaClient } from './generated/prisma/client';
import { PrismaClient as PostgresClient } from './generated/prisma-pg/client';
import { markSilentDevicesOffline } from './ingestion';
import { createLoaders, type Loaders } from './loaders';
import { EMERGENCY } from './places';
import { pruneReadings, ReadingResolver } from './reading';
import { RegionAlertsResolver, regionScope } from './region';
import { isMonitoringEmpty, seedMonitoring } from './seed';

/** 视频监控、物联感知、预警: devices, their readings, and the alerts the early-warning engine raises. */
export const monitoring: DepartmentDefinition<Db, Loaders, City> = {
  name: 'monitoring',
  code: EMERGENCY,
  resolvers: [DeviceResolver, DeviceSearchResolver, ReadingResolver, AlertResolver, BuildingDevicesResolver, RegionAlertsResolver, DepartmentAlertsResolver],
  orphanedTypes: [BuildingReference, HouseholdReference, RegionReference, ResidentReference, DepartmentReference],
  entities: {
    Device: resolveDevice,
    Alert: resolveAlert,
    // The residents department's entities: the kit's key classes, any id a valid reference.
    Building: resolveReferenceById,
    Household: resolveReferenceById,
    Region: resolveReferenceById,
    Resident: resolveReferenceById,
    Department: resolveDepartmentReference,
  },
  scopes: { Device: deviceScope, Alert: alertScope, Building: buildingScope, Region: regionScope, Department: departmentScope },
  database: {
    prismaDir: join(__dirname, '..', 'prisma'),
    // The PostgreSQL twin's client has the same models as the SQLite one: one cast, here.
    connect: ({ provider, ...options }) => (provider === 'postgresql' ? (new PostgresClient(options) as unknown as Db) : new PrismaClient(options)),
    isEmpty: isMonitoringEmpty,
    seed: seedMonitoring,
  },
  loaders: createLoaders,
  jobs: [
    {
      name: 'heartbeat-sweep',
      defaultIntervalMs: 60_000,
      run: ({ db, now }) => markSilentDevicesOffline(db, now()),
    },
    {
      name: 'reading-retention',
      defaultIntervalMs: 3_600_000,
      run: ({ db, now }) => pruneReadings(db, now()),
    },
  ],
};

export { DEVICE_KINDS, DeviceKind } from './device-kind';
export type { DeviceKindSpec } from './device-kind';
export { ALERT_DEPARTMENT, AlertKind, AlertSeverity, AlertStatus } from './alert-kind';
export { cityDevices, demoScenario } from './seed';
