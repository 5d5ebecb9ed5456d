// `liangling`, the SDK's command line:
//   liangling generate [--config codegen.ts]   graphql-codegen with the app's codegen.ts
//   liangling publish --app NAME --version V [--manifest src/gql/persisted-documents.json]
//     uploads the app's documents to the gateway (LIANGLING_GATEWAY_URL, its /graphql URL),
//     authenticated by the app's publishing key (LIANGLING_PUBLISH_KEY).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = `usage:
  liangling generate [--config codegen.ts]
  liangling publish --app NAME --version VERSION [--manifest src/gql/persisted-documents.json] [--gateway URL]
    environment: LIANGLING_GATEWAY_URL (the gateway's /graphql URL, unless --gateway), LIANGLING_PUBLISH_KEY (the app's key with the publish scope)`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

function generate(config: string): number {
  let bin: string;
  try {
    bin = join(resolve(require.resolve('@graphql-codegen/cli/package.json', { paths: [process.cwd()] }), '..'), 'cjs', 'bin.js');
  } catch {
    return fail(
      'liangling generate needs @graphql-codegen/cli and @graphql-codegen/client-preset in the app: npm install -D @graphql-codegen/cli @graphql-codegen/client-preset',
    );
  }
  return spawnSync(process.execPath, [bin, '--config', config], { stdio: 'inherit' }).status ?? 1;
}

interface PublishAnswer {
  readonly app?: string;
  readonly version?: string;
  readonly documents?: readonly string[];
  readonly errors?: readonly { message: string; extensions?: { code?: string; errors?: readonly string[] } }[];
}

async function publish(options: { app: string; version: string; manifest: string; gateway: string; key: string }): Promise<number> {
  let documents: unknown;
  try {
    documents = JSON.parse(readFileSync(options.manifest, 'utf8'));
  } catch (error) {
    return fail(`cannot read the manifest ${options.manifest}: ${(error as Error).message} (run liangling generate first)`);
  }
  const url = new URL(`/apps/${encodeURIComponent(options.app)}/documents`, options.gateway);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': options.key },
    body: JSON.stringify({ version: options.version, documents }),
  });
  const answer = (await response.json().catch(() => ({}))) as PublishAnswer;
  if (response.ok && answer.documents) {
    console.log(`published ${answer.app}@${answer.version}: ${answer.documents.length} document(s)`);
    return 0;
  }
  for (const error of answer.errors ?? [{ message: `HTTP ${response.status}` }]) {
    console.error(`${error.extensions?.code ?? 'ERROR'}: ${error.message}`);
    for (const each of error.extensions?.errors ?? []) console.error(`  ${each}`);
  }
  return 1;
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = (() => {
    try {
      return parseArgs({
        args: rest,
        options: {
          config: { type: 'string' },
          app: { type: 'string' },
          version: { type: 'string' },
          manifest: { type: 'string' },
          gateway: { type: 'string' },
        },
      });
    } catch (error) {
      return fail(`${(error as Error).message}\n${USAGE}`);
    }
  })();
  if (command === 'generate') return generate(values.config ?? 'codegen.ts');
  if (command === 'publish') {
    const gateway = values.gateway ?? process.env['LIANGLING_GATEWAY_URL'];
    const key = process.env['LIANGLING_PUBLISH_KEY'];
    if (!values.app || !values.version) return fail(`publish: --app and --version are needed\n${USAGE}`);
    if (!gateway) return fail('publish: which gateway? --gateway URL or LIANGLING_GATEWAY_URL');
    if (!key)
      return fail('publish: LIANGLING_PUBLISH_KEY must hold the app’s publishing key (npm run -s apikey -- create … --scopes publish)');
    return publish({
      app: values.app,
      version: values.version,
      manifest: values.manifest ?? join('src', 'gql', 'persisted-documents.json'),
      gateway,
      key,
    });
  }
  return fail(USAGE);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => fail(`liangling: ${(error as Error).message}`, 1),
);
