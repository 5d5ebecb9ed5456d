// The example page's entry: in development the token comes from the example server's /dev-token;
// the real government-service app passes the signed-in resident's token from its own session.
import { startApp } from './app';

let token: Promise<string> | undefined;

async function devToken(): Promise<string> {
  token ??= fetch('dev-token').then(async (response) => {
    if (!response.ok) throw new Error(`dev-token: HTTP ${response.status}`);
    return (await response.text()).trim();
  });
  return token;
}

const root = document.getElementById('app');
if (root) startApp(root, { endpoint: 'graphql', tokenProvider: devToken });
