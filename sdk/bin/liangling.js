#!/usr/bin/env node
// The `liangling` command. In this repository it runs its TypeScript source through the
// repository's loader (the workspace runs without a build); packed, the built CLI.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const source = join(__dirname, '..', 'tooling', 'cli.ts');
if (existsSync(source)) {
  require(join(__dirname, '..', '..', 'scripts', 'register.js'));
  require(source);
} else require(join(__dirname, '..', 'dist', 'tooling', 'cli.js'));
