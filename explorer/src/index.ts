// GraphiQL for the gateway, from npm: `ensureExplorer(dir)` builds the bundle into `dir` once (about a
// second) and the gateway serves that folder (gateway/src/http/graphiql.ts). The gateway does not
// depend on this package: a production image builds the folder at image build time
// (`npm run build:explorer -- <dir>`) and points EXPLORER_DIR at it, so React and Monaco stay out of
// the runtime install.
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildExplorer, EXPLORER_FILES } from './build';

export { buildExplorer, EXPLORER_FILES };

const stamp = () =>
  `graphiql ${(JSON.parse(readFileSync(require.resolve('graphiql/package.json', { paths: [__dirname] }), 'utf8')) as { version: string }).version}`;

/** The bundle in `dir`, built when missing or built from another GraphiQL version. */
export async function ensureExplorer(dir: string): Promise<string> {
  const marker = join(dir, 'VERSION');
  const wanted = stamp();
  const current = existsSync(marker) ? readFileSync(marker, 'utf8').trim() : undefined;
  if (current === wanted && EXPLORER_FILES.every((file) => existsSync(join(dir, file)))) return dir;
  // Built beside and swapped in whole: a reader never sees half a bundle, two builders never mix theirs.
  const building = `${dir}.building-${process.pid}`;
  try {
    await buildExplorer(building, wanted);
    rmSync(dir, { recursive: true, force: true });
    renameSync(building, dir);
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return dir;
}

/** Where `npm run build:explorer` puts the bundle without a folder given, and `npm start` serves it from. */
export const DEFAULT_EXPLORER_DIR = join(__dirname, '..', 'dist');

if (require.main === module) {
  const dir = process.argv[2] ?? DEFAULT_EXPLORER_DIR;
  ensureExplorer(dir).then(
    () => undefined,
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
