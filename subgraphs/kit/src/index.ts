import 'reflect-metadata';

export type { DepartmentContext } from './context';
export type { ClientOptions, DatabaseClient } from './db/open';
export { openDatabase } from './db/open';
export { insertRows } from './db/insert';
export type { Department, ReferenceResolver } from './department';
export { ConnectionType, MAX_PAGE_SIZE, PageInfo, pageArgs, toConnection } from './schema/connection';
export type { ConnectionShape } from './schema/connection';
export { Sensitive } from './schema/sensitive';
export type { SensitiveOptions } from './schema/sensitive';
export { buildDepartmentSchema } from './schema/build';
export type { DepartmentSchema } from './schema/build';
export { startDepartment } from './server';
export type { DepartmentServerOptions, RunningDepartment } from './server';
export { CITY_REFERENCE_DATE, generateCity } from './seed/city';
export type { City, CityBuilding, CityHousehold, CityRegion, CityResident, CityOptions, RegionLevel } from './seed/city';
export { Random } from './seed/random';
export { birthDateOfIdNumber, idNumberCheck, isValidIdNumber } from './seed/id-number';
