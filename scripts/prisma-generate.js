#!/usr/bin/env node
// Generates each department's Prisma client into subgraphs/<dept>/src/generated/prisma.
// PRISMA_SCHEMA_ENGINE_BINARY points at a no-op: `generate` never runs the schema engine, but the CLI
// would otherwise try to download it from outside the npm registry (see README, "Databases").
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const departments = readdirSync(join(root, 'subgraphs')).filter((dir) => existsSync(join(root, 'subgraphs', dir, 'prisma', 'schema.prisma')));
for (const department of departments) {
  execFileSync(join(root, 'node_modules', '.bin', 'prisma'), ['generate', '--schema', 'prisma/schema.prisma'], {
    cwd: join(root, 'subgraphs', department),
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true', PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  console.log(`prisma client: subgraphs/${department}/src/generated/prisma`);
}
