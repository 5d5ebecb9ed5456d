// npm run generate:schema — prints the subgraph SDLs and composes the supergraph.
import { composeAll } from '../compose';
import { loadConfig } from '../config';

async function main(): Promise<number> {
  const loaded = loadConfig();
  if (!loaded.ok) {
    console.error(`configuration: ${loaded.errors.join('; ')}`);
    return 2;
  }
  const result = await composeAll(loaded.config.subgraphPorts);
  if (!result.ok) {
    console.error(`composition failed:\n${result.errors.map((error) => `  - ${error}`).join('\n')}`);
    return 1;
  }
  console.log('composed schema/supergraph.graphql');
  return 0;
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
