#!/usr/bin/env node
// Generates each department's Prisma clients: the SQLite one into subgraphs/<dept>/src/generated/prisma
// and, after writing the PostgreSQL twin (scripts/prisma-twin.mjs: prisma/postgres/schema.prisma and its
// migrations, derived from the SQLite ones), the PostgreSQL one into src/generated/prisma-pg.
// PRISMA_SCHEMA_ENGINE_BINARY points at a no-op: `generate` never runs the schema engine, but the CLI
// would otherwise try to download it from outside the npm registry (see README, "Databases").
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
execFileSync(process.execPath, [join(__dirname, 'prisma-twin.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
const departments = readdirSync(join(root, 'subgraphs')).filter((dir) =>
  existsSync(join(root, 'subgraphs', dir, 'prisma', 'schema.prisma')),
);
const clients = [
  ['prisma/schema.prisma', 'prisma'],
  ['prisma/postgres/schema.prisma', 'prisma-pg'],
];
for (const department of departments) {
  for (const [schema, output] of clients) {
    execFileSync(join(root, 'node_modules', '.bin', 'prisma'), ['generate', '--schema', schema], {
      cwd: join(root, 'subgraphs', department),
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true', PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    console.log(`prisma client: subgraphs/${department}/src/generated/${output}`);
  }
}
