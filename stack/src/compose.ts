import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDepartmentSchema } from '@liangling/kit';
import {
  CONTRACTS_DIR,
  PUBLISHED_AUDIENCES,
  SUBGRAPHS_DIR,
  SUPERGRAPH_PATH,
  apiSchemaOf,
  buildContract,
  composeSupergraph,
  policiesOfSupergraph,
  type ComposeResult,
} from '@liangling/schema';
import { printSchema } from 'graphql';
import type { StackConfig } from './config';
import { DEPARTMENTS } from './departments';

/**
 * Prints every department's SDL to `schema/subgraphs/<name>.graphql` and composes them into
 * `schema/supergraph.graphql`, with each subgraph at its default local URL, and writes each published
 * audience's contract to `schema/contracts/<audience>.graphql`.
 */
export async function composeAll(subgraphPorts: StackConfig['subgraphPorts']): Promise<ComposeResult> {
  mkdirSync(SUBGRAPHS_DIR, { recursive: true });
  const sources = [];
  for (const department of DEPARTMENTS) {
    const { sdl } = await buildDepartmentSchema(department);
    writeFileSync(join(SUBGRAPHS_DIR, `${department.name}.graphql`), sdl);
    sources.push({ name: department.name, url: `http://127.0.0.1:${subgraphPorts[department.name] ?? 0}/graphql`, sdl });
  }
  const result = composeSupergraph(sources);
  if (!result.ok) return result;
  writeFileSync(SUPERGRAPH_PATH, result.supergraphSdl);
  const apiSchema = apiSchemaOf(result.supergraphSdl);
  const policies = policiesOfSupergraph(result.supergraphSdl);
  mkdirSync(CONTRACTS_DIR, { recursive: true });
  for (const audience of PUBLISHED_AUDIENCES) {
    writeFileSync(join(CONTRACTS_DIR, `${audience}.graphql`), `${printSchema(buildContract(apiSchema, policies, audience))}\n`);
  }
  return result;
}
