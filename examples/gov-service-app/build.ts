// Builds the page into examples/gov-service-app/dist (see ../shared/build-page.ts): app.js (the page)
// and neighbour-services.js (the embeddable element, a script any host page can load on its own).
import { buildPage, distDir, exitOnFailure } from '../shared/build-page';

export const DIST_DIR = distDir(__dirname);

export function buildApp(): Promise<void> {
  return buildPage({ appDir: __dirname, entryPoints: { app: 'src/main.ts', 'neighbour-services': 'src/neighbour-services.ts' } });
}

if (require.main === module) exitOnFailure(buildApp());
