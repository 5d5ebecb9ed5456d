#!/usr/bin/env node
// Authors a SQL migration for one department: the difference between what its checked-in migrations
// build and what its schema.prisma now says, written to prisma/migrations/<timestamp>_<name>/.
//
// Why not `prisma migrate dev`: it downloads a native schema engine from outside the npm registry. The
// same engine as wasm (scripts/schema-engine.mjs) compares the schema the last migration reached with
// the current one and prints the SQL. Applying migrations is the kit's job at start-up
// (subgraphs/kit/src/db/migrate.ts), in Prisma's own `_prisma_migrations` layout.
//
// Usage: node scripts/prisma-migrate.mjs <department> <migration_name>
import { readFileSync, readdirSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { diffScript, openSchemaEngine } from './schema-engine.mjs';

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

const { PrismaBetterSqlite3 } = require('@prisma/adapter-better-sqlite3');

const schema = readFileSync(schemaPath, 'utf8');
const lockPath = join(migrationsDir, 'migration_lock.toml');
// Each migration folder keeps the schema it reaches (schema.prisma beside migration.sql), so the next
// diff is schema to schema and needs no database at all.
const last = readdirSync(migrationsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()
  .at(-1);
const from = last ? readFileSync(join(migrationsDir, last, 'schema.prisma'), 'utf8') : undefined;

const engine = await openSchemaEngine(schemaPath, schema, new PrismaBetterSqlite3({ url: ':memory:' }));
const sql = await diffScript(engine, schemaPath, from, schema);
if (!/\S/.test(sql.replace(/^--.*$/gm, ''))) {
  console.log(`${department}: schema and migrations agree; nothing to write`);
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir);
writeFileSync(join(dir, 'migration.sql'), sql);
writeFileSync(join(dir, 'schema.prisma'), schema);
if (!existsSync(lockPath)) writeFileSync(lockPath, 'provider = "sqlite"\n');
console.log(`${department}: wrote ${dir}`);
