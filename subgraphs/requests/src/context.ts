import type { DepartmentContext } from '@liangling/kit';
import type { PrismaClient } from './generated/prisma/client';
import type { Loaders } from './loaders';

export type Db = PrismaClient;
export type Context = DepartmentContext<Db, Loaders>;

/** The department whose records repair requests are: city management (城市管理), which runs the city platform. */
export const OWNER_DEPARTMENT = 'CITY_MANAGEMENT';
