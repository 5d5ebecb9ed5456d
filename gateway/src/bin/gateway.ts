// liangling-gateway [supergraph.graphql] — serves any Federation 2 supergraph with caller verification.
import { stopOnSignals } from '@liangling/runtime';
import { loadGatewayConfig } from '../config';
import { startGateway } from '../gateway';

async function main(): Promise<void> {
  const supergraphPath = process.argv[2];
  if (supergraphPath === '--help' || supergraphPath === '-h') {
    console.error('usage: liangling-gateway [supergraph.graphql]   (or SUPERGRAPH=…; every variable: README, "Operating the gateway")');
    process.exit(2);
  }
  const loaded = loadGatewayConfig(supergraphPath);
  if (!loaded.ok) {
    console.error(`configuration: ${loaded.errors.join('; ')}`);
    process.exit(2);
  }
  const gateway = await startGateway(loaded.options);
  console.log(`gateway ${gateway.url}`);
  stopOnSignals(() => gateway.stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
