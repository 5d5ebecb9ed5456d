// Runs TypeScript sources directly (no build step) with decorator metadata, which type-graphql needs;
// tsx and esbuild do not emit it. Options come from the root tsconfig.json.
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || require('node:path').join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
