import type { DepartmentContext } from '@liangling/kit';
import type { PrismaClient } from './generated/prisma/client';
import type { Loaders } from './loaders';

export type Db = PrismaClient;
export type Context = DepartmentContext<Db, Loaders>;
