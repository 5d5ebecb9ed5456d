import { join } from 'node:path';

/** Where the generated contract files live, so every generator and reader agrees. */
export const SCHEMA_DIR = join(__dirname, '..');
export const SUBGRAPHS_DIR = join(SCHEMA_DIR, 'subgraphs');
export const SUPERGRAPH_PATH = join(SCHEMA_DIR, 'supergraph.graphql');
export const CONTRACTS_DIR = join(SCHEMA_DIR, 'contracts');
