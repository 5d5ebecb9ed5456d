// npm run migrate [department…] — the migration job: applies each department's pending migrations
// once (PostgreSQL under an advisory lock, so two jobs never race), creating a missing PostgreSQL
// database when CREATE_DATABASES allows, and seeds nothing. Services started with MIGRATIONS=check
// then only check that none is pending. One line per department; a misconfigured database (wrong
// collation, missing) is one line and exit 2, before anything is written.
import { DatabaseSetupError } from '@liangling/kit';
import { configOrExit } from '../config';
import { openDepartmentDatabase } from '../databases';
import { DEPARTMENTS } from '../departments';

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => !DEPARTMENTS.some((department) => department.name === name));
  if (unknown.length > 0) {
    console.error(
      `migrate: unknown department ${unknown.join(', ')}; one of ${DEPARTMENTS.map((department) => department.name).join(', ')}`,
    );
    process.exit(2);
  }
  const config = configOrExit();
  for (const department of DEPARTMENTS.filter((candidate) => names.length === 0 || names.includes(candidate.name))) {
    let applied: readonly string[] = [];
    const db = await openDepartmentDatabase(department, {
      dataDir: config.dataDir,
      postgres: config.postgres ? { ...config.postgres, migrations: 'apply' } : undefined,
      seedResidents: config.seedResidents,
      migrations: 'apply',
      migrateOnly: true,
      onMigrated: (names) => (applied = names),
    });
    await db.$disconnect();
    console.log(`${department.name.padEnd(12)} ${applied.length === 0 ? 'up to date' : `applied ${applied.join(', ')}`}`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof DatabaseSetupError) {
    console.error(`migrate: ${error.message}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
