// Builds the console into examples/city-console/dist (see ../shared/build-page.ts).
import { buildPage, distDir, exitOnFailure } from '../shared/build-page';

export const DIST_DIR = distDir(__dirname);

export function buildConsole(): Promise<void> {
  return buildPage({ appDir: __dirname, entryPoints: { app: 'src/main.ts' } });
}

if (require.main === module) exitOnFailure(buildConsole());
