import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { postGraphQL, startTestStack, type RunningStack } from '@liangling/stack';
import type { RunningGateway } from '../src/gateway';
import { gatewayOverStack } from './support/stack-gateway';
import { loadTrustedDocuments } from '../src/trusted-documents';

// The production gateway over the real departments: the SDK's trusted documents by hash, and a
// stopped department whose part of a joined response is missing while the rest stands.

const GRID = 'r-210103-1-1-1';
const OPERATOR_TOKEN = 'the-operator-of-this-test-0123456789';
const MANIFEST = join(__dirname, '..', '..', 'sdk', 'src', 'generated', 'persisted-documents.json');

let stack: RunningStack;
let gateway: RunningGateway;

beforeAll(async () => {
  stack = await startTestStack();
  const manifest = existsSync(MANIFEST) ? loadTrustedDocuments(MANIFEST) : undefined;
  gateway = await gatewayOverStack(stack, {
    subgraphDefaults: { retries: 1, retryDelayMs: 1 },
    operator: { token: OPERATOR_TOKEN },
    ...(manifest?.ok ? { trustedDocuments: { documents: manifest.documents } } : {}),
  });
});

afterAll(async () => {
  await gateway?.stop();
  await stack?.stop();
});

describe('the SDK’s trusted documents', () => {
  it('are served by hash alone', async () => {
    const manifest = loadTrustedDocuments(MANIFEST);
    expect(manifest.ok).toBe(true);
    if (!manifest.ok) return;
    const [hash, document] = [...manifest.documents].find(([, text]) => /^query \w+ \{/.test(text) && !/\$/.test(text)) ?? [];
    expect(hash).toBeDefined();
    const token = await stack.token({ role: 'auditor', sub: 'a-1' });
    const byHash = await postGraphQL(gateway.url, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }, token);
    const byText = await postGraphQL(gateway.url, { query: document }, token);
    expect(byHash.status).toBe(200);
    expect(byHash.data).toEqual(byText.data);
    expect(byHash.data).not.toBeNull();
  });
});

describe('a department that is down', () => {
  it('leaves the rest of a joined response standing, with SUBGRAPH_UNAVAILABLE naming it', async () => {
    const token = await stack.token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID] });
    // Resident.repairRequests is nullable, so a missing requests service nulls only that field.
    const query = `{ regions(level: CITY) { name } residents(regionId: "${GRID}", first: 5) { edges { node { id name repairRequests { id category } } } } }`;
    const before = await postGraphQL<any>(gateway.url, { query }, token);
    expect(before.errors).toBeUndefined();
    expect(before.data.residents.edges).toHaveLength(5);

    await stack.stopSubgraph('requests');
    const after = await postGraphQL<any>(gateway.url, { query }, token);
    expect(after.status).toBe(200);
    expect(after.data.regions).toEqual(before.data.regions);
    // The residents' own fields stand; only the part the requests service owed is missing.
    const residents = after.data.residents.edges.map((edge: any) => edge.node);
    expect(residents.length).toBeGreaterThan(0);
    for (const resident of residents) {
      expect(resident.id).toEqual(expect.any(String));
      expect(resident.repairRequests).toBeNull();
    }
    const unavailable = after.errors?.filter((error) => error.extensions?.['code'] === 'SUBGRAPH_UNAVAILABLE') ?? [];
    expect(unavailable).toHaveLength(1);
    expect(unavailable[0]?.extensions).toMatchObject({ serviceName: 'requests', responsePath: 'residents.edges.@.node' });
    expect(unavailable[0]?.message).toMatch(/requests service is not reachable/);
    expect(after.errors?.some((error) => error.extensions?.['code'] === 'INTERNAL_SERVER_ERROR')).toBe(false);

    const health = await fetch(new URL('/health', gateway.url), { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
    expect(health.status).toBe(503);
    const report = (await health.json()) as { subgraphs: Record<string, string> };
    expect(report.subgraphs['requests']).toBe('down');
    expect(report.subgraphs['residents']).toBe('ok');
    expect((await fetch(new URL('/ready', gateway.url))).status).toBe(200);

    const metrics = await (
      await fetch(new URL('/metrics', gateway.url), { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } })
    ).text();
    expect(metrics).toMatch(/liangling_gateway_errors_total\{code="SUBGRAPH_UNAVAILABLE"\} [1-9]/);
    expect(metrics).toMatch(/liangling_gateway_subgraph_fetches_total\{subgraph="requests",outcome="connection"\} [1-9]/);
  });
});
