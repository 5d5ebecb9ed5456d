// npm run -s apikey -- create|list|revoke|rotate: the API keys of apps and partners, in the gateway's
// store (DATA_DIR/gateway.sqlite, or GATEWAY_STORE: a SQLite file or a postgresql:// URL). Running gateways pick changes up within
// STORE_POLL_MS, without a restart. Only a key's hash is stored: `create` and `rotate` print the key
// once, and nothing can print it again.
import { parseArgs } from 'node:util';
import { DEFAULT_ROTATION_GRACE_MS, isKeyLive, openGatewayStore, type StoredKey } from '@liangling/gateway';
import { configOrExit } from '../config';

const USAGE = `usage:
  npm run -s apikey -- create --name APP --audience public|partner [--org ORG] [--scopes publish]
  npm run -s apikey -- list
  npm run -s apikey -- revoke KEY_ID
  npm run -s apikey -- rotate KEY_ID [--grace 24h]   (the old key works for the grace period: s, m, h or d)`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** `90s`, `30m`, `24h`, `7d` → milliseconds. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)(s|m|h|d)$/.exec(text);
  if (!match) return undefined;
  const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

function status(key: StoredKey): string {
  if (key.revokedAt) return `revoked ${key.revokedAt}`;
  if (key.expiresAt) return isKeyLive(key) ? `live until ${key.expiresAt} (rotated)` : `expired ${key.expiresAt}`;
  return 'live';
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { values, positionals } = (() => {
    try {
      return parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          name: { type: 'string' },
          audience: { type: 'string' },
          org: { type: 'string' },
          scopes: { type: 'string' },
          grace: { type: 'string' },
        },
      });
    } catch (error) {
      return fail(`${(error as Error).message}\n${USAGE}`);
    }
  })();
  const path = configOrExit().gateway.store?.path;
  if (!path) fail('GATEWAY_STORE is off: there is no key store');
  const store = await openGatewayStore(path).catch((error: Error) => fail(`GATEWAY_STORE: cannot open the store: ${error.message}`));
  try {
    switch (command) {
      case 'create': {
        const { name, audience, org } = values;
        if (!name || !/^[\w.-]{1,64}$/.test(name)) fail(`--name: the app's name, 1 to 64 letters, digits or . _ -\n${USAGE}`);
        if (audience !== 'public' && audience !== 'partner') fail(`--audience: public or partner\n${USAGE}`);
        if (audience === 'partner' && !org) fail('--org: a partner key belongs to an organisation (its id, e.g. org-water)');
        const scopes = (values.scopes ?? '')
          .split(',')
          .map((scope) => scope.trim())
          .filter(Boolean);
        const unknown = scopes.filter((scope) => scope !== 'publish');
        if (unknown.length > 0) fail(`--scopes: unknown ${unknown.join(', ')} (known: publish)`);
        const { key, stored } = await store.createKey({ name, audience, organisation: org ?? null, scopes });
        console.log(
          `created ${stored.id} for ${name} (${audience}${org ? `, ${org}` : ''}${scopes.length ? `, scopes: ${scopes.join(',')}` : ''})`,
        );
        console.log('the key, shown this once (send it as x-api-key):');
        console.log(key);
        return;
      }
      case 'list': {
        const keys = await store.keys();
        if (keys.length === 0) console.log('no keys');
        for (const key of keys) {
          console.log(
            [
              key.id,
              key.name,
              key.audience,
              key.organisation ?? '-',
              key.scopes.join(',') || '-',
              `created ${key.createdAt}`,
              status(key),
            ].join('\t'),
          );
        }
        return;
      }
      case 'revoke': {
        const id = positionals[0] ?? fail(`revoke: which key? (its id, from list)\n${USAGE}`);
        const revoked = await store.revokeKey(id);
        if (!revoked) fail(`revoke: there is no key ${id}; npm run -s apikey -- list shows the keys`);
        console.log(`revoked ${revoked.id} (${revoked.name}) at ${revoked.revokedAt}`);
        return;
      }
      case 'rotate': {
        const id = positionals[0] ?? fail(`rotate: which key? (its id, from list)\n${USAGE}`);
        const grace =
          values.grace === undefined
            ? DEFAULT_ROTATION_GRACE_MS
            : (parseDuration(values.grace) ?? fail('--grace: a duration such as 90s, 30m, 24h or 7d'));
        const rotated = await store.rotateKey(id, grace);
        if (!rotated) fail(`rotate: there is no live key ${id}; npm run -s apikey -- list shows the keys`);
        console.log(
          `rotated ${rotated.old.id} (${rotated.old.name}): it works until ${rotated.old.expiresAt}; the new key is ${rotated.stored.id}`,
        );
        console.log('the new key, shown this once (send it as x-api-key):');
        console.log(rotated.key);
        return;
      }
      default:
        fail(USAGE);
    }
  } finally {
    await store.close();
  }
}

void main();
