import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDepartmentSchema } from '@liangling/kit';
import { SUBGRAPHS_DIR, SUPERGRAPH_PATH, composeSupergraph, type ComposeResult } from '@liangling/schema';
import type { StackConfig } from './config';
import { DEPARTMENTS } from './departments';

/**
 * Prints every department's SDL to `schema/subgraphs/<name>.graphql` and composes them into
 * `schema/supergraph.graphql`, with each subgraph at its default local URL.
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
  if (result.ok) writeFileSync(SUPERGRAPH_PATH, result.supergraphSdl);
  return result;
}
