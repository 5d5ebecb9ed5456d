import 'reflect-metadata';

export type { DepartmentContext } from './context';
export type { ClientOptions, DatabaseClient, DatabaseProvider, PostgresLocation } from './db/open';
export { afterBulkLoad, databaseProvider, openDatabase } from './db/open';
export { DatabaseSetupError, pendingMigrations } from './db/migrate';
export type { MigrationMode } from './db/migrate';
export { checkPostgresDatabase } from './db/postgres';
export { insertRows } from './db/insert';
export { loaderByGroup, loaderById } from './db/loaders';
export type { Department, ReferenceResolver, ScheduledJob } from './department';
export { ConnectionType, MAX_PAGE_SIZE, PageInfo, connection, decodeCursor, encodeCursor, keysetAfter, keysetOrderBy, pageArgs, toConnection } from './schema/connection';
export type { ConnectionShape, ConnectionSpec, CursorKey, CursorPart, KeysetOrder, Page, PageArguments } from './schema/connection';
export { defineLifecycle, transition } from './lifecycle';
export type { Lifecycle, LifecycleSpec, Move, Transactional, TransitionGuard, TransitionRule, Verdict } from './lifecycle';
export { ID_PATTERN, identifier, invalidInput, optionalText, text, validate, z } from './validation';
export type { RowScopeOf } from './privacy/middleware';
export { Sensitive } from './schema/sensitive';
export { ListSize, enforceListSizes } from './schema/list-size';
export type { ListSizeOptions } from './schema/list-size';
export type { SensitiveOptions } from './schema/sensitive';
export { buildDepartmentSchema } from './schema/build';
export type { DepartmentSchema } from './schema/build';
export { startDepartment } from './server';
export { redisReplayGuard } from './replay-guard';
export type { ClosableReplayGuard } from './replay-guard';
export type { DepartmentServerOptions, RunningDepartment } from './server';
export { CITY_REFERENCE_DATE, cityShape, generateCity } from './seed/city';
export type { City, CityBuilding, CityHousehold, CityRegion, CityResident, CityOptions, RegionLevel } from './seed/city';
export { Random } from './seed/random';
export { birthDateOfIdNumber, idNumberCheck, isValidIdNumber } from './seed/id-number';
export { auditPlugin } from './audit/plugin';
export { httpAuditSink } from './audit/http-sink';
export type { HttpAuditSinkOptions } from './audit/http-sink';
export type { AccessRecordInput, AuditSink, RevealMeans } from './audit/record';
export { RevealLog } from './audit/reveal-log';
export type { Reveal } from './audit/reveal-log';
export { NOISE_SCALE, ROUNDING_BASE, SMALL_CELL, newStatsSecret, protectCount, protectCounts, shownValue } from './privacy/small-cells';
export { purposeNeedsGrant, withGrant } from './privacy/grants';
export type { Grant, GrantRecord, GrantSource } from './privacy/grants';
export { peerCaller } from './server';
export type { CellCount, CountPart, ProtectCountsOptions, ProtectedCount } from './privacy/small-cells';
export { DepartmentReference, PeriodInput, departmentScope, parsePeriod, resolveDepartmentReference } from './schema/department';
export {
  AlertReference,
  BuildingReference,
  HouseholdReference,
  OrganisationReference,
  PetitionReference,
  RegionReference,
  RepairRequestReference,
  ResidentReference,
  entityReference,
  resolveReferenceById,
} from './schema/references';
export type { EntityReference, EntityReferenceClass } from './schema/references';
export { statsSecret } from './db/stats-secret';
export type { StatsKeyStore } from './db/stats-secret';
export { joinPath, pathIds, pathRange, underPath } from './places';
export { DEFAULT_SUBMISSIONS_PER_DAY, SUBMISSION_WINDOW_MS, checkDailySubmissions } from './submission-limit';
export type { DailySubmissionCheck } from './submission-limit';
export { median, roundTo } from './figures';
