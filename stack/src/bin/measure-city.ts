// node -r ./scripts/register.js stack/src/bin/measure-city.ts --data-dir DIR [--runs N]
// Starts the whole stack on a folder seeded by `npm run seed` and times sequential queries through
// the gateway's HTTP path: a page of 50 residents of a grid, a region's statistics, a page of a
// district's residents. Prints p50/p95 per query. A benchmark, not a test: figures go to BENCHMARKS.md.
import { resolve } from 'node:path';
import { startStack } from '../start-stack';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const dataDir = resolve(argv[argv.indexOf('--data-dir') + 1] ?? '.data');
  const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 200;
  const stack = await startStack({ dataDir, gatewayPort: 0, subgraphPorts: {} });
  try {
    const grids = (await stack.query<{ regions: { id: string }[] }>('{ regions(level: GRID) { id } }')).data!.regions.map(
      (region) => region.id,
    );
    const districts = ['r-210103', 'r-210102', 'r-210105', 'r-210106', 'r-210112'];
    const staff = await stack.token({ role: 'community_staff', sub: 'bench', regions: ['r-2101'] });
    const pick = <T>(items: readonly T[], i: number) => items[(i * 7919) % items.length]!;
    const cases: Record<string, (i: number) => Promise<unknown>> = {
      'grid residents page (50)': (i) =>
        stack.query('query($r: ID!) { residents(regionId: $r, first: 50) { edges { node { id name phone household { room } } } } }', {
          token: staff,
          variables: { r: pick(grids, i) },
        }),
      'region statistics (anonymous)': (i) =>
        stack.query(
          'query($r: ID!) { region(id: $r) { name stats { population { value suppressed } elderlyLivingAlone { value suppressed } ageBands { band count { value suppressed } } } } }',
          {
            variables: { r: i % 2 ? pick(grids, i) : pick(districts, i) },
          },
        ),
      'district residents page (50)': (i) =>
        stack.query('query($r: ID!) { residents(regionId: $r, first: 50) { edges { node { id name } } pageInfo { endCursor } } }', {
          token: staff,
          variables: { r: pick(districts, i) },
        }),
    };
    console.log(`${dataDir}: ${grids.length} grids, ${runs} sequential queries each`);
    for (const [name, run] of Object.entries(cases)) {
      for (let i = 0; i < 20; i += 1) await run(i); // warm-up
      const times: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        const started = process.hrtime.bigint();
        const response = (await run(i)) as { errors?: unknown };
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
        if (response.errors) throw new Error(`${name}: ${JSON.stringify(response.errors)}`);
      }
      times.sort((a, b) => a - b);
      const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
      console.log(`${name.padEnd(32)} p50 ${at(0.5)} ms   p95 ${at(0.95)} ms`);
    }
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
