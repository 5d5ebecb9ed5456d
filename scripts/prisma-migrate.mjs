#!/usr/bin/env node
// Authors a SQL migration for one department: the difference between what its checked-in migrations
// build and what its schema.prisma now says, written to prisma/migrations/<timestamp>_<name>/.
//
// Why not `prisma migrate dev`: every Prisma 7 CLI command but `generate` downloads a native schema
// engine from outside the npm registry, which this project must never need. The same engine ships as
// wasm in @prisma/schema-engine-wasm (pinned to the build of our Prisma version); its `diff` compares
// the schema the last migration reached with the current one and prints the SQL. Applying migrations is the kit's
// job at start-up (subgraphs/kit/src/db/migrate.ts), in Prisma's own `_prisma_migrations` layout.
//
// Usage: node scripts/prisma-migrate.mjs <department> <migration_name>
import { readFileSync, readdirSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [department, name] = process.argv.slice(2);
if (!department || !name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: node scripts/prisma-migrate.mjs <department> <migration_name in snake_case>');
  process.exit(2);
}
const prismaDir = join(root, 'subgraphs', department, 'prisma');
const schemaPath = join(prismaDir, 'schema.prisma');
const migrationsDir = join(prismaDir, 'migrations');
mkdirSync(migrationsDir, { recursive: true });

const { SchemaEngine } = await loadSchemaEngine();
const { bindMigrationAwareSqlAdapterFactory } = require('@prisma/driver-adapter-utils');
const { PrismaBetterSqlite3 } = require('@prisma/adapter-better-sqlite3');

const schema = { files: [{ path: schemaPath, content: readFileSync(schemaPath, 'utf8') }] };
const lockPath = join(migrationsDir, 'migration_lock.toml');
// Each migration folder keeps the schema it reaches (schema.prisma beside migration.sql), so the next
// diff is schema to schema and needs no database at all.
const last = readdirSync(migrationsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()
  .at(-1);
const from = last
  ? { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: readFileSync(join(migrationsDir, last, 'schema.prisma'), 'utf8') }] }
  : { tag: 'empty' };

const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaBetterSqlite3({ url: ':memory:' }));
const engine = await SchemaEngine.new({ datamodels: [[schemaPath, schema.files[0].content]] }, () => {}, adapter);
const result = await engine.diff({
  from,
  to: { tag: 'schemaDatamodel', ...schema },
  script: true,
  exitCode: null,
  filters: { externalTables: [], externalEnums: [] },
});
const sql = result.stdout ?? '';
if (!/\S/.test(sql.replace(/^--.*$/gm, ''))) {
  console.log(`${department}: schema and migrations agree; nothing to write`);
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir);
writeFileSync(join(dir, 'migration.sql'), sql);
writeFileSync(join(dir, 'schema.prisma'), schema.files[0].content);
if (!existsSync(lockPath)) writeFileSync(lockPath, 'provider = "sqlite"\n');
console.log(`${department}: wrote ${dir}`);

/** The package is built for bundlers (`import * as wasm from "./x.wasm"`); Node 20 needs it wired by hand. */
async function loadSchemaEngine() {
  const dir = dirname(require.resolve('@prisma/schema-engine-wasm'));
  const bindings = await import(join(dir, 'schema_engine_bg.js'));
  const { instance } = await WebAssembly.instantiate(readFileSync(join(dir, 'schema_engine_bg.wasm')), {
    './schema_engine_bg.js': bindings,
  });
  bindings.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return bindings;
}
