import { describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { isMasked, mayRetry, NetworkError, paginate, persistedMetaOf, RateLimitedError, type ClientOptions } from '../src';
import { GridResidentsDocument, MeDocument, SubmitRepairRequestDocument, PostOpinionDocument, createClient } from '../src/government';

interface Sent {
  readonly body: {
    query?: string;
    operationName?: string;
    variables?: Record<string, unknown>;
    extensions?: { persistedQuery?: { sha256Hash: string } };
  };
  readonly headers: Headers;
}

/** A client whose gateway answers from a script, one answer per request (the last one repeats); records what was sent. */
function scripted(answers: readonly (() => Response)[], options: Partial<ClientOptions> = {}) {
  const sent: Sent[] = [];
  const client = createClient({
    url: 'http://gateway.test/graphql',
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    ...options,
    fetch: async (_input, init) => {
      sent.push({ body: JSON.parse(String(init?.body)), headers: new Headers(init?.headers) });
      const answer = answers[Math.min(sent.length - 1, answers.length - 1)];
      if (!answer) throw new Error('no answer scripted');
      return answer();
    },
  });
  return { client, sent };
}

const json =
  (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const down = () => () => {
  throw new TypeError('fetch failed');
};
const me = { me: { id: 'p-0000001', name: '周浩伟', phone: null, idNumber: null, birthDate: null, repairRequests: [] } };
const rateLimited = (retryAfter?: number) =>
  json(
    { errors: [{ message: 'Slow down.', extensions: { code: 'RATE_LIMITED', ...(retryAfter === undefined ? {} : { retryAfter }) } }] },
    429,
  );

describe('retries', () => {
  it('retries a query after no answer and after a 503, then returns the data', async () => {
    const { client, sent } = scripted([down(), () => new Response('<html>restarting</html>', { status: 503 }), json({ data: me })]);
    await expect(client.request(MeDocument)).resolves.toEqual(me);
    expect(sent).toHaveLength(3);
  });

  it('gives up after the configured retries with the last failure', async () => {
    const { client, sent } = scripted([down()], { retry: { retries: 2, baseDelayMs: 1 } });
    await expect(client.request(MeDocument)).rejects.toBeInstanceOf(NetworkError);
    expect(sent).toHaveLength(3);
  });

  it('retries a mutation that carries a clientKey, never one that does not', async () => {
    const submitted = {
      submitRepairRequest: {
        id: 'rr-1',
        category: 'WATER',
        description: 'x',
        contactPhone: null,
        status: 'SUBMITTED',
        createdAt: '2026-01-01T00:00:00.000Z',
      },
    };
    const keyed = scripted([down(), json({ data: submitted })]);
    const input = { category: 'WATER' as const, description: '漏水', contactPhone: '13800001111', clientKey: 'k-1' };
    await expect(keyed.client.request(SubmitRepairRequestDocument, { input })).resolves.toEqual(submitted);
    expect(keyed.sent).toHaveLength(2);

    const unkeyed = scripted([down(), json({ data: {} })]);
    await expect(
      unkeyed.client.request(PostOpinionDocument, { input: { topic: 't', content: 'c', regionId: 'r-1' } }),
    ).rejects.toBeInstanceOf(NetworkError);
    expect(unkeyed.sent).toHaveLength(1);
  });

  it('decides retries from the operation and its variables', () => {
    expect(mayRetry('query', {})).toBe(true);
    expect(mayRetry('mutation', { input: { clientKey: 'k' } })).toBe(true);
    expect(mayRetry('mutation', { input: { clientKey: '' } })).toBe(false);
    expect(mayRetry('mutation', { id: 'x' })).toBe(false);
    expect(mayRetry('subscription', { clientKey: 'k' })).toBe(false);
  });

  it('never retries an answer that is an error of the request itself', async () => {
    const { client, sent } = scripted([json({ errors: [{ message: 'No.', extensions: { code: 'FORBIDDEN' } }] })]);
    await expect(client.request(MeDocument)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(sent).toHaveLength(1);
  });
});

describe('rate limits', () => {
  it('waits the Retry-After it is given, then retries', async () => {
    const { client, sent } = scripted([rateLimited(0), json({ data: me })]);
    await expect(client.request(MeDocument)).resolves.toEqual(me);
    expect(sent).toHaveLength(2);
  });

  it('throws RateLimitedError with retryAfter when the wait is longer than the client accepts', async () => {
    const { client, sent } = scripted([rateLimited(120)]);
    const error = await client.request(MeDocument).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 120, status: 429 });
    expect(sent).toHaveLength(1);
  });

  it('reads the Retry-After header when the error does not say', async () => {
    const { client } = scripted(
      [json({ errors: [{ message: 'Slow down.', extensions: { code: 'RATE_LIMITED' } }] }, 429, { 'retry-after': '90' })],
      { retry: false },
    );
    const { errors } = await client.requestWithErrors(MeDocument);
    expect(errors[0]).toBeInstanceOf(RateLimitedError);
    expect((errors[0] as RateLimitedError).retryAfter).toBe(90);
  });

  it('does not retry a rate-limited mutation without a clientKey', async () => {
    const { client, sent } = scripted([rateLimited(0), json({ data: {} })]);
    await expect(client.request(PostOpinionDocument, { input: { topic: 't', content: 'c', regionId: 'r-1' } })).rejects.toBeInstanceOf(
      RateLimitedError,
    );
    expect(sent).toHaveLength(1);
  });
});

describe('trusted documents', () => {
  it('sends only the hash of a generated document, and the text when the gateway does not know it', async () => {
    const notFound = json({ errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] });
    const { client, sent } = scripted([notFound, json({ data: me })]);
    await expect(client.request(MeDocument)).resolves.toEqual(me);
    const meta = persistedMetaOf(MeDocument);
    expect(meta?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(sent[0]?.body.query).toBeUndefined();
    expect(sent[0]?.body.extensions?.persistedQuery?.sha256Hash).toBe(meta?.hash);
    expect(sent[1]?.body.query).toBe(meta?.query);
    expect(sent[1]?.body.extensions?.persistedQuery?.sha256Hash).toBe(meta?.hash);
  });

  it('sends the text of a hand-written document, and of every document when told not to use hashes', async () => {
    const handWritten: TypedDocumentNode<{ me: { id: string } | null }, Record<string, never>> = parse('query HandWritten { me { id } }');
    const { client, sent } = scripted([json({ data: { me: { id: 'p-1' } } })]);
    await client.request(handWritten);
    expect(sent[0]?.body).toMatchObject({ query: expect.stringContaining('HandWritten'), operationName: 'HandWritten' });
    expect(sent[0]?.body.extensions).toBeUndefined();
    const plain = scripted([json({ data: me })], { persistedDocuments: false });
    await plain.client.request(MeDocument);
    expect(plain.sent[0]?.body.query).toBe(persistedMetaOf(MeDocument)?.query);
  });

  it('sends the API key as x-api-key', async () => {
    const { client, sent } = scripted([json({ data: me })], { apiKey: 'app-key-1' });
    await client.request(MeDocument);
    expect(sent[0]?.headers.get('x-api-key')).toBe('app-key-1');
    expect(sent[0]?.headers.get('authorization')).toBeNull();
  });
});

describe('paginate', () => {
  const page = (ids: string[], endCursor: string | null, hasNextPage: boolean) =>
    json({
      data: {
        residents: {
          edges: ids.map((id) => ({
            cursor: id,
            node: { id, name: null, phone: null, idNumber: null, birthDate: null, repairRequests: [] },
          })),
          pageInfo: { hasNextPage, endCursor },
        },
      },
    });

  it('yields every node across pages, sending each endCursor as after', async () => {
    const { client, sent } = scripted([page(['a', 'b'], 'c2', true), page(['c'], 'c3', false)]);
    const ids: string[] = [];
    for await (const node of paginate(client, GridResidentsDocument, { regionId: 'r-1', first: 2 }, (data) => data.residents))
      ids.push(node.id);
    expect(ids).toEqual(['a', 'b', 'c']);
    expect(sent.map((each) => each.body.variables?.['after'])).toEqual([null, 'c2']);
  });

  it('stops when the cursor does not move, and at maxPages', async () => {
    const stuck = scripted([page(['a'], 'same', true), page(['a'], 'same', true), page(['x'], 'never', false)]);
    const ids: string[] = [];
    for await (const node of paginate(stuck.client, GridResidentsDocument, { regionId: 'r-1', first: 1 }, (data) => data.residents))
      ids.push(node.id);
    expect(ids).toEqual(['a', 'a']);
    const capped = scripted([page(['a'], 'c1', true), page(['b'], 'c2', true)]);
    const capIds: string[] = [];
    for await (const node of paginate(capped.client, GridResidentsDocument, { regionId: 'r-1', first: 1 }, (data) => data.residents, {
      maxPages: 1,
    }))
      capIds.push(node.id);
    expect(capIds).toEqual(['a']);
  });
});

describe('isMasked', () => {
  it('tells masked values from clear ones, by mask or by field', () => {
    expect(isMasked('张**')).toBe(true);
    expect(isMasked('张三')).toBe(false);
    expect(isMasked('138****5678', 'PHONE')).toBe(true);
    expect(isMasked('13812345678', 'Resident.phone')).toBe(false);
    expect(isMasked('2101**************', 'Resident.idNumber')).toBe(true);
    expect(isMasked('***', 'Resident.birthDate')).toBe(true);
    expect(isMasked('1951-02-11', 'Resident.birthDate')).toBe(false);
    expect(isMasked(null, 'NULL')).toBe(true);
  });
});
