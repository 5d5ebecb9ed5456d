// Prisma's schema engine as wasm (@prisma/schema-engine-wasm, pinned to the build of our Prisma
// version), shared by scripts/prisma-migrate.mjs (SQLite migrations) and scripts/prisma-twin.mjs (their
// PostgreSQL twins). Every Prisma 7 CLI command but `generate` downloads a native engine from outside the
// npm registry, which this project must never need; the wasm build does the one thing we ask of it, `diff`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
let loaded;

/**
 * The engine's `SchemaEngine` class. The package is built for bundlers (`import * as wasm from
 * "./x.wasm"`); Node 20 needs it wired by hand, once per process.
 */
export async function loadSchemaEngine() {
  loaded ??= (async () => {
    const dir = dirname(require.resolve('@prisma/schema-engine-wasm'));
    const bindings = await import(join(dir, 'schema_engine_bg.js'));
    const { instance } = await WebAssembly.instantiate(readFileSync(join(dir, 'schema_engine_bg.wasm')), {
      './schema_engine_bg.js': bindings,
    });
    bindings.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    return bindings.SchemaEngine;
  })();
  return loaded;
}

/**
 * Opens the engine on `schema` (its text; `path` names it in messages) with a driver adapter factory
 * of the schema's provider, which the engine takes its SQL dialect from.
 */
export async function openSchemaEngine(path, schema, adapterFactory) {
  const SchemaEngine = await loadSchemaEngine();
  const { bindMigrationAwareSqlAdapterFactory } = require('@prisma/driver-adapter-utils');
  return SchemaEngine.new({ datamodels: [[path, schema]] }, () => {}, bindMigrationAwareSqlAdapterFactory(adapterFactory));
}

/**
 * The SQL script that takes a database from the schema `from` (its text, or undefined for an empty
 * database) to the schema `to`: schema to schema, no database read.
 */
export async function diffScript(engine, path, from, to) {
  const result = await engine.diff({
    from: from === undefined ? { tag: 'empty' } : { tag: 'schemaDatamodel', files: [{ path, content: from }] },
    to: { tag: 'schemaDatamodel', files: [{ path, content: to }] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  return result.stdout ?? '';
}
