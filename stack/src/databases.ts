import { join } from 'node:path';
import {
  afterBulkLoad,
  generateCity,
  openDatabase,
  type City,
  type DatabaseClient,
  type SomeDepartment,
  type MigrationMode,
  type PostgresLocation,
} from '@liangling/kit';

/**
 * PostgreSQL instead of the embedded SQLite files: one database for all (a schema per department) or
 * a database per department, as departments own their data. Databases must sort text bytewise
 * (`LC_COLLATE 'C'`), as SQLite does: region paths are compared as ranges.
 */
export interface PostgresSettings {
  /** `DATABASE_URL`: one database; each department in a schema named after it. */
  readonly url?: string | undefined;
  /** `<NAME>_DATABASE_URL`: a department's own database (its `?schema=` or `public`); wins over `url`. */
  readonly urls?: Readonly<Record<string, string>> | undefined;
  /** Connections per department process. @default 10 */
  readonly poolSize?: number | undefined;
  /** `check`: services refuse to start with migrations pending (the migration job applies them). @default 'apply' */
  readonly migrations?: MigrationMode | undefined;
  /** Create a missing database (C collation); otherwise say exactly what to create. @default false */
  readonly createDatabases?: boolean | undefined;
}

/** Where a department's data lives: its PostgreSQL location, or undefined for SQLite under the data folder. */
export function postgresLocationOf(
  department: { readonly name: string; readonly database: { readonly prismaDir: string } },
  settings: PostgresSettings | undefined,
): PostgresLocation | undefined {
  const own = settings?.urls?.[department.name];
  const url = own ?? settings?.url;
  if (!url) return undefined;
  return {
    url,
    ...(own ? {} : { schema: department.name }),
    migrationsDir: join(department.database.prismaDir, 'postgres', 'migrations'),
    ...(settings?.poolSize ? { poolSize: settings.poolSize } : {}),
    ...(settings?.createDatabases ? { createDatabase: true } : {}),
  };
}

export interface OpenDepartmentOptions {
  readonly dataDir: string;
  readonly postgres?: PostgresSettings | undefined;
  /** Residents of the seeded city, when the database is empty. */
  readonly seedResidents: number;
  /** The city to seed from, shared by the departments of one process; made on first need. */
  readonly city?: () => City;
  readonly onQuery?: ((sql: string) => void) | undefined;
  /** SQLite too: apply pending migrations, or only check there are none. @default the PostgreSQL settings', else 'apply' */
  readonly migrations?: MigrationMode | undefined;
  /** Called with the migrations applied (the migration job reports them). */
  readonly onMigrated?: (names: readonly string[]) => void;
  /** Only migrate: no seeding (the migration job). @default false */
  readonly migrateOnly?: boolean;
}

/**
 * Opens a department's database (migrating it) and seeds it with the synthetic city when empty.
 * The city is deterministic, so departments seeded by different processes agree on every id.
 */
export async function openDepartmentDatabase(department: SomeDepartment<City>, options: OpenDepartmentOptions): Promise<DatabaseClient> {
  const postgres = postgresLocationOf(department, options.postgres);
  const db = await openDatabase({
    dataDir: options.dataDir,
    name: department.name,
    migrationsDir: join(department.database.prismaDir, 'migrations'),
    ...(postgres ? { postgres } : {}),
    connect: department.database.connect,
    ...(options.onQuery ? { onQuery: options.onQuery } : {}),
    migrations: options.migrations ?? options.postgres?.migrations ?? 'apply',
    ...(options.onMigrated ? { onMigrated: options.onMigrated } : {}),
  });
  try {
    if (!options.migrateOnly && (await department.database.isEmpty(db))) {
      await department.database.seed(db, options.city ? options.city() : generateCity({ residents: options.seedResidents }));
      await afterBulkLoad(db);
    }
    return db;
  } catch (error) {
    await db.$disconnect();
    throw error;
  }
}
