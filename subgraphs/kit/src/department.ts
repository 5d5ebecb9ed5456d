import { join } from 'node:path';
import type { KeyMaterial, ReplayGuard } from '@liangling/schema';
import type { Router } from 'express';
import type { ClientOptions, DatabaseClient } from './db/open';
import type { DepartmentContext } from './context';
import type { GrantSource } from './privacy/grants';
import type { RowScopeOf } from './privacy/middleware';

/**
 * A reference resolver: turns a federation representation into this department's row. Declared as a
 * method, so that a department of any database is a {@link SomeDepartment} (methods compare their
 * parameters both ways; each department is checked against its own types where it is declared).
 */
export type ReferenceResolver<Db, Loaders> = {
  resolve(reference: Record<string, unknown>, context: DepartmentContext<Db, Loaders>): unknown;
}['resolve'];

/**
 * Everything the kit needs to run one department as a subgraph. A department folder exports exactly
 * one of these from its `src/index.ts`; the kit does the rest.
 */
export interface Department<Db extends DatabaseClient = DatabaseClient, Loaders = unknown, Seed = unknown> {
  /** Subgraph name, also its folder and its database file: `residents`. */
  readonly name: string;
  /** The department that owns this subgraph's data (SECRET fields are theirs alone). */
  readonly code: string;
  /** type-graphql resolver classes. */
  readonly resolvers: readonly [Function, ...Function[]];
  /** Types no query of this department reaches but the graph needs: entities it only adds fields to. */
  readonly orphanedTypes?: readonly Function[];
  /** Reference resolvers of the entities this department owns, by type name. */
  readonly entities: Readonly<Record<string, ReferenceResolver<Db, Loaders>>>;
  /**
   * How to tell who and where a row is about, for every type with `@sensitive` fields; `field` is the
   * field being decided, for rows whose fields have different audiences.
   */
  readonly scopes: Readonly<Record<string, RowScopeOf>>;
  /**
   * Where SENSITIVE values under a purpose find their grants: the department's records of work on the
   * subject (privacy/grants.ts). Without it, no purpose reveals this department's SENSITIVE values.
   */
  readonly grants?: GrantSource<DepartmentContext<Db, Loaders>>;
  /** The department's own database. */
  readonly database: {
    /** Folder of `schema.prisma` and `migrations/`. */
    readonly prismaDir: string;
    /** Builds the department's Prisma client with the options the kit chose (driver adapter, logging). */
    connect(options: ClientOptions): Db;
    /** True when the database holds no data yet, so the stack seeds it. */
    isEmpty(db: Db): Promise<boolean>;
    seed(db: Db, seed: Seed): Promise<void>;
    /** About how many rows `seed` writes, for the seed command's progress and time left; where absent, it counts rows only. */
    seedRows?(seed: Seed): number;
  };
  /** DataLoaders for one request. */
  loaders(db: Db): Loaders;
  /** Work the department does on its own, on an interval, while it is served (e.g. the escalation sweep). */
  readonly jobs?: readonly ScheduledJob<Db>[];
  /** HTTP routes beside `/graphql` that are not part of the graph (e.g. the audit service's intake). */
  routes?(router: Router, services: { db: Db; callerKey: KeyMaterial; replayGuard: ReplayGuard }): void;
}

/** Any department, whatever its database and loaders: what the stack lists and the kit serves. */
export type SomeDepartment<Seed = unknown> = Department<DatabaseClient, unknown, Seed>;

/**
 * A department's background work, run by the kit on an interval while the department is served. Its
 * state must live in the database (a restart loses nothing) and a run must be safe to repeat.
 */
export interface ScheduledJob<Db = unknown> {
  /** For logs: `escalation-sweep`. */
  readonly name: string;
  /** How often to run when the stack does not say. */
  readonly defaultIntervalMs: number;
  /** One run; `now` is the clock resolvers read through `context.now()`. */
  run(services: { readonly db: Db; readonly now: () => Date }): Promise<unknown>;
}

/** What {@link prismaDatabase} needs of a department. */
export interface PrismaDatabaseSpec<Db, Seed> {
  /** The department's source folder (`__dirname` of its `src/index.ts`): `prisma/` is beside it. */
  readonly sourceDir: string;
  /** The SQLite client (`src/generated/prisma`). */
  readonly sqlite: new (options: Omit<ClientOptions, 'provider'>) => Db;
  /** Its PostgreSQL twin (`src/generated/prisma-pg`): the same models, so it serves as the same `Db`. */
  readonly postgres: new (options: Omit<ClientOptions, 'provider'>) => unknown;
  isEmpty(db: Db): Promise<boolean>;
  seed(db: Db, seed: Seed): Promise<void>;
  /** About how many rows `seed` writes (the departments whose seed takes more than a moment at city scale say). */
  seedRows?(seed: Seed): number;
}

/** A department's `database`, from its two generated Prisma clients: every department's is this. */
export function prismaDatabase<Db extends DatabaseClient, Seed>(
  spec: PrismaDatabaseSpec<Db, Seed>,
): Department<Db, unknown, Seed>['database'] {
  return {
    prismaDir: join(spec.sourceDir, '..', 'prisma'),
    // The twin's client has the same models as the SQLite one: one cast, here.
    connect: ({ provider, ...options }) => (provider === 'postgresql' ? (new spec.postgres(options) as Db) : new spec.sqlite(options)),
    isEmpty: (db) => spec.isEmpty(db),
    seed: (db, seed) => spec.seed(db, seed),
    ...(spec.seedRows ? { seedRows: spec.seedRows } : {}),
  };
}
