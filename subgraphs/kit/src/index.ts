// The department framework: what every department (subgraphs/<dept>) and the stack that runs them use.
// Each name is here because a package outside the kit imports it, or names it in a department's code.
import 'reflect-metadata';

// A department and how it is served.
export { prismaDatabase } from './department';
export type { Department, PrismaDatabaseSpec, ReferenceResolver, ScheduledJob, SomeDepartment } from './department';
export type { DepartmentContext } from './context';
export { buildDepartmentSchema } from './schema/build';
export { peerCaller, startDepartment } from './server';
export type { DepartmentServerOptions, RunningDepartment } from './server';
export { redisReplayGuard } from './replay-guard';

// Its schema: privacy and size declarations, lists, references to other departments' entities.
export { Sensitive } from './schema/sensitive';
export { ListSize } from './schema/list-size';
export type { RowScopeOf } from './privacy/middleware';
export { ConnectionType, MAX_PAGE_SIZE, PageInfo, connection, keysetAfter, keysetOrderBy } from './schema/connection';
export type { ConnectionShape, ConnectionSpec, CursorKey, CursorPart, KeysetOrder, Page } from './schema/connection';
export { entityReference, resolveReferenceById } from './schema/references';
export type { EntityReference, EntityReferenceClass } from './schema/references';
export {
  DepartmentReference,
  PeriodInput,
  departmentScope,
  parsePeriod,
  periodWithin,
  resolveDepartmentReference,
} from './schema/department';

// Its mechanics, written once: state transitions, input checks, submission limits, group commit, live events.
export { defineLifecycle, transition } from './lifecycle';
export type { Lifecycle, Transactional, TransitionRule, Verdict } from './lifecycle';
export { ID_PATTERN, identifier, invalidInput, optionalText, text, validate, z } from './validation';
export { DEFAULT_SUBMISSIONS_PER_DAY, checkDailySubmissions } from './submission-limit';
export { groupedCalls } from './grouped-calls';
export type { GroupedCalls, GroupedCallsOptions } from './grouped-calls';
export { eventChannel } from './event-channel';
export type { EventChannel, EventChannelOptions } from './event-channel';

// Its database.
export { afterBulkLoad, databaseProvider, openDatabase } from './db/open';
export type { ClientOptions, DatabaseClient, PostgresLocation } from './db/open';
export { DatabaseSetupError } from './db/migrate';
export type { MigrationMode } from './db/migrate';
export { insertRows, observeInserts } from './db/insert';
export { bulkLoad } from './db/bulk-load';
export type { BulkTransactional } from './db/bulk-load';
export { loaderByGroup, loaderById } from './db/loaders';
export { rowsWhereIn } from './db/rows-where-in';
export { statsSecret } from './db/stats-secret';

// Privacy beyond fields: grants for purposes, protected counts, the access records.
export type { Grant, GrantSource } from './privacy/grants';
export { SMALL_CELL, protectCounts } from './privacy/small-cells';
export type { CellCount, CountPart, ProtectCountsOptions, ProtectedCount } from './privacy/small-cells';
export { httpAuditSink } from './audit/http-sink';
export type { AccessRecordInput, AuditSink } from './audit/record';

// Places, figures and the synthetic city every department seeds from.
export { joinPath, pathIds, pathRange, underPath } from './places';
export { median, roundTo } from './figures';
export { CITY_REFERENCE_DATE, generateCity } from './seed/city';
export type { City, CityRegion } from './seed/city';
export { Random } from './seed/random';
export { birthDateOfIdNumber, idNumberCheck, isValidIdNumber } from './seed/id-number';
