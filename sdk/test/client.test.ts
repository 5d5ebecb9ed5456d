import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { loadTrustedDocuments } from '@liangling/gateway';
import { startTestStack } from '@liangling/stack';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  AuthError,
  BadInputError,
  GridResidentsDocument,
  MeDocument,
  NetworkError,
  PURPOSE_HEADER,
  PrivacyDeniedError,
  RepairRequestDocument,
  ResidentDocument,
  SubmitRepairRequestDocument,
  createClient,
  paginate,
  persistedMetaOf,
  type LianglingError,
} from '../src/government';
import { RegionsDocument } from '../src/public';

const GRID = 'r-210103-1-1-1';
const HOME = ['r-2101', 'r-210103', 'r-210103-1', 'r-210103-1-1', GRID];
const MASKED_ID_NUMBER = /^\d{4}\*{14}$/;

let stack: Awaited<ReturnType<typeof startTestStack>> | undefined;
let url: string;
let gridWorkerToken: string;
let residentToken: string;

beforeAll(async () => {
  // As `npm start` serves it: the SDK's documents are trusted, run by their hash (automatic registration is off).
  const manifest = loadTrustedDocuments(join(__dirname, '..', 'src', 'generated', 'persisted-documents.json'));
  if (!manifest.ok) throw new Error(manifest.error);
  stack = await startTestStack({ gateway: { logger: 'silent', trustedDocuments: { documents: manifest.documents } } });
  url = stack.url;
  gridWorkerToken = await stack.token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID] });
  residentToken = await stack.token({ role: 'resident', sub: 'p-0000001', home: HOME });
});

afterAll(async () => {
  await stack?.stop();
});

/** The rejection of a promise, to assert on its class and fields. */
async function rejectionOf(promise: Promise<unknown>): Promise<LianglingError> {
  try {
    await promise;
  } catch (error) {
    return error as LianglingError;
  }
  throw new Error('expected the request to reject');
}

describe('the SDK over HTTP through the gateway', () => {
  it('shows a grid worker the names and phones of their grid, the ID numbers masked', async () => {
    const client = createClient({ url, token: gridWorkerToken, purpose: 'grid-visit' });
    const { residents } = await client.request(GridResidentsDocument, { regionId: GRID, first: 10 });
    expect(residents?.edges.length).toBeGreaterThan(0);
    for (const { node } of residents?.edges ?? []) {
      expect(node.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      expect(node.phone).toMatch(/^1[3-9]\d{9}$/);
      expect(node.idNumber).toMatch(MASKED_ID_NUMBER);
      expect(node.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Array.isArray(node.repairRequests)).toBe(true);
    }
  });

  it('pages through a grid with the cursor', async () => {
    const client = createClient({ url, token: gridWorkerToken });
    const first = await client.request(GridResidentsDocument, { regionId: GRID, first: 1 });
    expect(first.residents?.pageInfo.hasNextPage).toBe(true);
    const next = await client.request(GridResidentsDocument, { regionId: GRID, first: 1, after: first.residents?.pageInfo.endCursor });
    expect(next.residents?.edges[0]?.node.id).toBeDefined();
    expect(next.residents?.edges[0]?.node.id).not.toBe(first.residents?.edges[0]?.node.id);
  });

  it('rejects a neighbour’s personal fields with every denied path, and keeps the rest', async () => {
    // A resident may see only their own personal data: on a neighbour's request each personal field is
    // denied at the source, and the neighbour themselves is not even there (the same null as for an id no one has).
    const { residents } = await createClient({ url, token: gridWorkerToken }).request(GridResidentsDocument, { regionId: GRID, first: 50 });
    const theirs = residents?.edges.find(({ node }) => node.id !== 'p-0000001' && (node.repairRequests?.length ?? 0) > 0)?.node
      .repairRequests?.[0]?.id;
    expect(theirs).toEqual(expect.any(String));
    const client = createClient({ url, token: residentToken });
    const error = await rejectionOf(client.request(RepairRequestDocument, { id: theirs! }));
    expect(error).toBeInstanceOf(PrivacyDeniedError);
    expect(error.code).toBe('FORBIDDEN_FIELD');
    const denied = error as PrivacyDeniedError;
    expect(denied.deniedPaths).toEqual(
      expect.arrayContaining([
        ['repairRequest', 'description'],
        ['repairRequest', 'contactPhone'],
      ]),
    );
    expect(denied.deniedFields).toEqual(expect.arrayContaining(['RepairRequest.description', 'RepairRequest.contactPhone']));
    expect(denied.data).toMatchObject({ repairRequest: { id: theirs, description: null, contactPhone: null } });

    const { data, errors } = await client.requestWithErrors(RepairRequestDocument, { id: theirs! });
    expect(data?.repairRequest?.id).toBe(theirs);
    expect(data?.repairRequest?.category).toEqual(expect.any(String));
    expect(errors).toHaveLength(2);
    expect(errors.every((each) => each instanceof PrivacyDeniedError && each.code === 'FORBIDDEN_FIELD')).toBe(true);

    const neighbour = await client.requestWithErrors(ResidentDocument, { id: 'p-0000002' });
    expect(neighbour.data).toEqual({ resident: null });
    expect(neighbour.errors).toEqual([]);
  });

  it('never gives an anonymous caller a resident’s name: the field is not in the public contract', async () => {
    // The public entry point has no operation that asks for it; a government one sent anonymously
    // fails validation against the public contract, as for a field that does not exist.
    const error = await rejectionOf(createClient({ url }).request(ResidentDocument, { id: 'p-0000001' }));
    expect(error).toBeInstanceOf(BadInputError);
    expect(error.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error.message).toMatch(/name/);
    expect(error.data ?? null).toBeNull();
  });

  it('serves public data to an anonymous caller, with no error', async () => {
    const client = createClient({ url });
    const { regions } = await client.request(RegionsDocument, { level: 'DISTRICT' });
    expect(regions.map((region) => region.name)).toContain('沈河区');
    const shenhe = regions.find((region) => region.id === 'r-210103');
    expect(shenhe?.centroid.lat).toBeCloseTo(41.8, 0);
    expect(shenhe?.children.length).toBeGreaterThan(0);
  });

  it('refuses an operation the caller may not perform with AuthError FORBIDDEN', async () => {
    const client = createClient({ url, token: gridWorkerToken });
    const input = { category: 'GAS' as const, description: '燃气味', contactPhone: '13800001111', clientKey: 'sdk-test-staff' };
    const error = await rejectionOf(client.request(SubmitRepairRequestDocument, { input }));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.code).toBe('FORBIDDEN');
    expect(error.path).toEqual(['submitRepairRequest']);
  });

  it('shows a resident their own ID number unmasked', async () => {
    const client = createClient({ url, getToken: async () => residentToken });
    const { me } = await client.request(MeDocument);
    expect(me?.id).toBe('p-0000001');
    expect(me?.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(me?.idNumber).toHaveLength(18);
  });

  it('submits a repair request once for one client key', async () => {
    const client = createClient({ url, token: residentToken });
    const input = { category: 'WATER' as const, description: '厨房水管漏水', contactPhone: '13800001111', clientKey: 'sdk-test-once' };
    const first = await client.request(SubmitRepairRequestDocument, { input });
    const again = await client.request(SubmitRepairRequestDocument, { input });
    expect(again.submitRepairRequest.id).toBe(first.submitRepairRequest.id);
    expect(first.submitRepairRequest.status).toBe('SUBMITTED');
    const { me } = await client.request(MeDocument);
    expect(me?.repairRequests?.filter((request) => request.id === first.submitRepairRequest.id)).toHaveLength(1);
  });

  it('rejects a bad phone number with BadInputError, naming the field', async () => {
    const client = createClient({ url, token: residentToken });
    const input = { category: 'POWER' as const, description: '停电', contactPhone: '12345', clientKey: 'sdk-test-bad-phone' };
    const error = await rejectionOf(client.request(SubmitRepairRequestDocument, { input }));
    expect(error).toBeInstanceOf(BadInputError);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.extensions['field']).toBe('contactPhone');
  });

  it('rejects a document the schema does not hold with BadInputError', async () => {
    const document: TypedDocumentNode<{ me: { nope: string } | null }, Record<string, never>> = parse('query Nope { me { nope } }');
    const error = await rejectionOf(createClient({ url, token: residentToken }).request(document));
    expect(error).toBeInstanceOf(BadInputError);
    expect(error.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error.status).toBe(400);
  });

  it('rejects a bad token with AuthError UNAUTHENTICATED, never as anonymous', async () => {
    const client = createClient({ url, token: 'not-a-token' });
    const error = await rejectionOf(client.request(RegionsDocument, { level: 'DISTRICT' }));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.status).toBe(401);
    const result = await client.requestWithErrors(RegionsDocument, { level: 'DISTRICT' });
    expect(result.data).toBeNull();
    expect(result.errors.map((each) => each.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('reports an answer that is not GraphQL, or none, as NetworkError', async () => {
    const notGraphQL = await rejectionOf(createClient({ url: url.replace(/\/graphql$/, '/nowhere') }).request(MeDocument));
    expect(notGraphQL).toBeInstanceOf(NetworkError);
    expect(notGraphQL.code).toBe('NETWORK_ERROR');
    expect(notGraphQL.status).toBe(404);
    const unreachable = await createClient({ url: 'http://127.0.0.1:9/graphql' }).requestWithErrors(MeDocument);
    expect(unreachable.data).toBeNull();
    expect(unreachable.errors[0]).toBeInstanceOf(NetworkError);
  });

  it('sends the token, the purpose and the operation as the gateway expects', async () => {
    const seen: { headers: Headers; body: { operationName?: string; variables?: unknown } }[] = [];
    let tokens = 0;
    const client = createClient({
      url,
      purpose: 'care-visit',
      getToken: () => {
        tokens += 1;
        return gridWorkerToken;
      },
      fetch: async (input, init) => {
        seen.push({ headers: new Headers(init?.headers), body: JSON.parse(String(init?.body)) });
        return fetch(input, init);
      },
    });
    await client.request(GridResidentsDocument, { regionId: GRID, first: 1 });
    await client.request(RegionsDocument, { level: 'DISTRICT' }, { purpose: 'emergency' });
    // A purpose the role may not declare is refused by the gateway, even percent-encoded.
    await expect(client.request(RegionsDocument, { level: 'DISTRICT' }, { purpose: '走访' })).rejects.toMatchObject({
      code: 'PURPOSE_NOT_ALLOWED',
    });
    expect(tokens).toBe(3);
    expect(seen[0]?.headers.get('authorization')).toBe(`Bearer ${gridWorkerToken}`);
    expect(seen[0]?.headers.get(PURPOSE_HEADER)).toBe('care-visit');
    expect(seen[0]?.body).toMatchObject({ operationName: 'GridResidents', variables: { regionId: GRID, first: 1 } });
    expect(seen[1]?.headers.get(PURPOSE_HEADER)).toBe('emergency');
    expect(decodeURIComponent(seen[2]?.headers.get(PURPOSE_HEADER) ?? '')).toBe('走访');
  });

  it('lists a whole grid with paginate(), page by page', async () => {
    const client = createClient({ url, token: gridWorkerToken });
    const ids: string[] = [];
    for await (const resident of paginate(client, GridResidentsDocument, { regionId: GRID, first: 7 }, (data) => data.residents))
      ids.push(resident.id);
    const all = await client.request(GridResidentsDocument, { regionId: GRID, first: 500 });
    expect(ids.length).toBeGreaterThan(7);
    expect(ids).toEqual(all.residents?.edges.map((edge) => edge.node.id));
  });

  it('sends a generated document as its hash; the gateway runs it, learning the text once if it must', async () => {
    const bodies: { query?: string; extensions?: unknown }[] = [];
    const client = createClient({
      url,
      fetch: async (input, init) => {
        bodies.push(JSON.parse(String(init?.body)));
        return fetch(input, init);
      },
    });
    const first = await client.request(RegionsDocument, { level: 'DISTRICT' });
    const second = await client.request(RegionsDocument, { level: 'DISTRICT' });
    expect(second).toEqual(first);
    expect(bodies[0]?.query).toBeUndefined();
    expect(bodies[0]?.extensions).toEqual({ persistedQuery: { version: 1, sha256Hash: persistedMetaOf(RegionsDocument)?.hash } });
    // Known by hash (a trusted document, or learnt on the first call): the last request carried no text.
    expect(bodies[bodies.length - 1]?.query).toBeUndefined();
    expect(bodies.length).toBeLessThanOrEqual(3);
  });
});
