// node -r ./scripts/register.js bench/src/bin/profile-summary.ts FILE.cpuprofile [--top 25]
// The heaviest frames of a V8 CPU profile (`node --cpu-prof`) by self time, and the time per package.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
for (const file of positionals) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, index) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const total = [...selfMicros.values()].reduce((sum, value) => sum + value, 0);
  const frames = new Map<string, number>();
  const packages = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const where = frame.url.replace(/^file:\/\//, '').replace(/^.*\/work\/main\//, '');
    const key = `${frame.functionName || '(anonymous)'} ${where ? `${where}:${frame.lineNumber + 1}` : ''}`.trim();
    frames.set(key, (frames.get(key) ?? 0) + micros);
    packages.set(packageOf(where, frame.functionName), (packages.get(packageOf(where, frame.functionName)) ?? 0) + micros);
  }
  const pct = (micros: number) => `${((micros / total) * 100).toFixed(1).padStart(5)}%`;
  console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
  console.log('\nby package (self time):');
  for (const [name, micros] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${pct(micros)}  ${name}`);
  console.log('\ntop frames (self time):');
  for (const [name, micros] of [...frames].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top)))
    console.log(`  ${pct(micros)}  ${name}`);
}

function packageOf(where: string, functionName: string): string {
  if (!where) return functionName.startsWith('(') ? functionName : '(native)';
  if (where.startsWith('node:')) return where.split('/')[0] ?? where;
  const nodeModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where);
  if (nodeModules?.[1]) return nodeModules[1];
  return where.split('/').slice(0, 2).join('/');
}
