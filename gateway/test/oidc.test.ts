// Tokens of a city's identity provider (OpenID Connect): RS256, ES256 and EdDSA against a JWKS URL
// served here on port 0, the claims mapping, client-credentials tokens, and a key rotation while the
// gateway runs.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeSupergraph } from '@liangling/schema';
import express from 'express';
import { parse } from 'graphql';
import { SignJWT, exportJWK, generateKeyPair, type JWK, type KeyLike } from 'jose';
import { authenticate } from '../src/auth';
import { startGateway, type RunningGateway } from '../src/gateway';
import { oidcVerifier } from '../src/oidc';

const ISSUER = 'https://id.city.example';
const AUDIENCE = 'liangling-graph';
const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
  type Query { hello: String! }
`;

interface SigningKey {
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256' | 'EdDSA';
  readonly privateKey: KeyLike;
  readonly jwk: JWK;
}

async function signingKey(kid: string, alg: SigningKey['alg']): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg, alg === 'EdDSA' ? { crv: 'Ed25519' } : {});
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

function sign(
  key: SigningKey,
  claims: Record<string, unknown>,
  options: { issuer?: string; audience?: string; expiresIn?: string } = {},
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(key.privateKey);
}

/** The provider's JWKS endpoint: the keys it publishes now, and how often it was asked. */
let published: SigningKey[] = [];
let fetches = 0;
let jwks: Server;
let jwksUrl: string;
let subgraph: { server: ApolloServer; http: Server };
let gateway: RunningGateway;
let rsa: SigningKey;
let ec: SigningKey;
let ed: SigningKey;

const ask = async (token: string) => {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ hello }' }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] },
  };
};

beforeAll(async () => {
  [rsa, ec, ed] = await Promise.all([signingKey('rsa-1', 'RS256'), signingKey('ec-1', 'ES256'), signingKey('ed-1', 'EdDSA')]);
  published = [rsa, ec, ed];
  jwks = createServer((_req, res) => {
    fetches += 1;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: published.map((key) => key.jwk) }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;

  const server = new ApolloServer({
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    schema: buildSubgraphSchema([{ typeDefs: parse(SDL), resolvers: { Query: { hello: () => '你好' } } }]),
  });
  await server.start();
  const app = express();
  app.use('/graphql', express.json(), expressMiddleware(server));
  const http = createServer(app);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  subgraph = { server, http };
  const composed = composeSupergraph([
    { name: 'greetings', url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`, sdl: SDL },
  ]);
  if (!composed.ok) throw new Error(composed.errors.join('\n'));
  gateway = await startGateway({
    supergraphSdl: composed.supergraphSdl,
    auth: { secret: new TextEncoder().encode('s'.repeat(32)) },
    oidc: { jwksUrl, issuer: ISSUER, audience: AUDIENCE, cooldownMs: 200 },
    callerKey: new TextEncoder().encode('c'.repeat(32)),
    port: 0,
    logger: 'silent',
  });
});

afterAll(async () => {
  await gateway?.stop();
  await subgraph?.server.stop();
  subgraph?.http.close();
  jwks?.close();
});

describe('tokens of an OpenID Connect provider, through the gateway', () => {
  it.each(['RS256', 'ES256', 'EdDSA'] as const)('accepts a %s token signed with a published key', async (alg) => {
    const key = { RS256: rsa, ES256: ec, EdDSA: ed }[alg];
    const answer = await ask(await sign(key, { sub: 'staff-1', role: 'grid_worker', regions: ['r-1'] }));
    expect(answer).toEqual({ status: 200, body: { data: { hello: '你好' } } });
  });

  it('refuses a wrong issuer, a wrong audience, an expired token and an unknown signer with 401', async () => {
    const stranger = await signingKey('rsa-1', 'RS256'); // same kid, other key: a forgery
    for (const token of [
      await sign(rsa, { sub: 's', role: 'grid_worker' }, { issuer: 'https://evil.example' }),
      await sign(rsa, { sub: 's', role: 'grid_worker' }, { audience: 'another-api' }),
      await sign(rsa, { sub: 's', role: 'grid_worker' }, { expiresIn: '-1m' }),
      await sign(stranger, { sub: 's', role: 'grid_worker' }),
      await sign(rsa, { sub: 's', role: 'emperor' }),
    ]) {
      const answer = await ask(token);
      expect(answer.status).toBe(401);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('picks up a rotated key while running, and bounds refetches for unknown key ids', async () => {
    const next = await signingKey('rsa-2', 'RS256');
    // The provider rotates: the new key is published, the old one withdrawn.
    published = [next, ec, ed];
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await ask(await sign(next, { sub: 'staff-1', role: 'grid_worker' }))).status).toBe(200);

    // Made-up key ids: at most one fetch per cooldown, however many tokens name them.
    const before = fetches;
    const forger = await signingKey('made-up', 'RS256');
    const answers = await Promise.all(
      Array.from({ length: 10 }, async (_, index) =>
        ask(await sign({ ...forger, kid: `made-up-${index}` }, { sub: 's', role: 'grid_worker' })),
      ),
    );
    expect(answers.every((answer) => answer.status === 401)).toBe(true);
    expect(fetches - before).toBeLessThanOrEqual(1);

    // After the cooldown the set is fetched again: the withdrawn key no longer opens the door.
    await new Promise((resolve) => setTimeout(resolve, 250));
    await ask(await sign({ ...forger, kid: 'made-up-again' }, { sub: 's', role: 'grid_worker' }));
    expect((await ask(await sign(rsa, { sub: 'staff-1', role: 'grid_worker' }))).status).toBe(401);
  });
});

describe('the claims mapping', () => {
  const options = { secret: new TextEncoder().encode('s'.repeat(32)) };

  it('maps the default claims to the caller', async () => {
    const verify = oidcVerifier({ jwksUrl, issuer: ISSUER, audience: AUDIENCE });
    const token = await sign(ec, {
      sub: 'o-7',
      role: 'department_officer',
      department: 'CITY_MANAGEMENT',
      purpose: 'case-handling',
      azp: 'case-desk',
      regions: 'r-1 r-2',
    });
    expect(await authenticate(`Bearer ${token}`, { ...options, oidc: verify })).toEqual({
      role: 'department_officer',
      sub: 'o-7',
      regions: ['r-1', 'r-2'],
      department: 'CITY_MANAGEMENT',
      purpose: 'case-handling',
      clientApp: 'case-desk',
    });
  });

  it('maps a provider’s own claim names and role names', async () => {
    const verify = oidcVerifier({
      jwksUrl,
      issuer: ISSUER,
      audience: AUDIENCE,
      claims: { role: 'realm_access.roles', roles: { 'city-grid-staff': 'grid_worker' }, regions: 'city.grids', department: 'dept' },
    });
    const token = await sign(ed, {
      sub: 'w-3',
      realm_access: { roles: ['offline_access', 'city-grid-staff'] },
      city: { grids: ['r-210103-1-1-1'] },
    });
    expect(await authenticate(`Bearer ${token}`, { ...options, oidc: verify })).toEqual({
      role: 'grid_worker',
      sub: 'w-3',
      regions: ['r-210103-1-1-1'],
    });
  });

  it('maps a partner’s client-credentials token by its scopes', async () => {
    const verify = oidcVerifier({ jwksUrl, issuer: ISSUER, audience: AUDIENCE });
    const token = await sign(ec, {
      sub: 'water-utility-client',
      client_id: 'water-utility-client',
      scope: 'openid liangling:partner',
      org: 'org-water',
    });
    expect(await authenticate(`Bearer ${token}`, { ...options, oidc: verify })).toEqual({
      role: 'partner',
      sub: 'water-utility-client',
      regions: [],
      organisation: 'org-water',
      clientApp: 'water-utility-client',
    });
  });

  it('gives a service client its scopes of ours, and nothing else of the provider’s', async () => {
    const verify = oidcVerifier({ jwksUrl, issuer: ISSUER, audience: AUDIENCE });
    const token = await sign(ec, { sub: 'iot-gateway', scope: 'openid liangling:service readings:write devices:read' });
    expect(await authenticate(`Bearer ${token}`, { ...options, oidc: verify })).toEqual({
      role: 'service',
      sub: 'iot-gateway',
      regions: [],
      scopes: ['readings:write', 'devices:read'],
    });
  });

  it('keeps HS256 tokens signed with the shared secret working beside the provider’s', async () => {
    const verify = oidcVerifier({ jwksUrl, issuer: ISSUER, audience: AUDIENCE });
    const token = await new SignJWT({ role: 'auditor', sub: 'a-1' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('liangling')
      .setAudience('liangling-graph')
      .setExpirationTime('5m')
      .sign(options.secret);
    expect(await authenticate(`Bearer ${token}`, { ...options, oidc: verify })).toMatchObject({ role: 'auditor', sub: 'a-1' });
  });
});
