// The console's entry: in development the token comes from the example server's /dev-token for the
// profile named in `?as=` (a real deployment signs its staff in itself).
import { startConsole, type ConsoleProfile } from './console';

const PROFILES: Readonly<Record<string, ConsoleProfile>> = {
  emergency: { name: 'emergency', purpose: 'emergency' },
  'grid-worker': { name: 'grid-worker', purpose: 'grid-visit', grid: 'r-210103-1-1-1' },
  supervisor: { name: 'supervisor', purpose: 'supervision' },
};

const asked = new URLSearchParams(location.search).get('as') ?? 'emergency';
const profile = PROFILES[asked] ?? PROFILES['emergency']!;
let token: Promise<string> | undefined;
const tokenProvider = async (): Promise<string> =>
  (token ??= fetch(`dev-token?as=${encodeURIComponent(profile.name)}`).then(async (response) => {
    if (!response.ok) throw new Error(`dev-token: HTTP ${response.status}`);
    return (await response.text()).trim();
  }));

const root = document.getElementById('app');
if (root) {
  startConsole(root, {
    endpoint: 'graphql',
    profile,
    profiles: Object.keys(PROFILES),
    tokenProvider,
    switchProfile: (name) => {
      const url = new URL(location.href);
      url.searchParams.set('as', name);
      location.assign(url.toString());
    },
  });
}
