// npm run generate:schema — prints the subgraph SDLs and composes the supergraph.
import { composeAll } from '../compose';
import { configOrExit } from '../config';

async function main(): Promise<number> {
  const config = configOrExit();
  const result = await composeAll(config.subgraphPorts);
  if (!result.ok) {
    console.error(`composition failed:\n${result.errors.map((error) => `  - ${error}`).join('\n')}`);
    return 1;
  }
  console.log('composed schema/supergraph.graphql');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
