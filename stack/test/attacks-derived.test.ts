import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SERVICE_SCOPES, type Caller } from '@liangling/schema';
import type { EngineRun } from '@liangling/warning';
import { loadConfig, startTestStack, type GraphQLResponse, type TestStack } from '../src';

// Derived records inherit, and service identities have scopes (issue 15, items 3 and 4), tried as the
// attacks of the issue: through the gateway's HTTP path, with the gateway settings `npm start` gives,
// on the alerts the early-warning engine raises on the seeded city at start. Each attack asserts that
// nothing is learned; each legitimate read, that it left an access record.

const CITY = 'r-2101';
const PHONE = /1[3-9]\d{9}/;
const ID_NUMBER = /\d{17}[\dX]/;

type Token = Omit<Caller, 'regions'> & { regions?: readonly string[] };

let stack: TestStack;
let configDir: string;
let firstRun: EngineRun;
/** The ELDERLY_INACTIVITY alert and what it must not give away. */
let care: { id: string; grid: string; building: string; meter: string; household: string; resident: string };
/** The PETITION_SURGE alert: its street, its petitions and the department they complain about. */
let surge: { id: string; street: string; petitionIds: string[]; complainedAbout: string };

const token = (caller: Token) => stack.token(caller);
const ask = async (caller: Token, query: string, variables?: Record<string, unknown>) =>
  stack.query(query, { token: await token(caller), ...(variables ? { variables } : {}) });
const codes = (response: GraphQLResponse) => (response.errors ?? []).map((error) => error.extensions?.['code']);
const dataOf = (response: GraphQLResponse) => {
  expect(response.errors).toBeUndefined();
  return response.data!;
};
const text = (response: GraphQLResponse) => JSON.stringify(response);

const emergencyOfficer: Token = { role: 'department_officer', sub: 'o-em', department: 'EMERGENCY', purpose: 'emergency' };
const petitionsOfficer: Token = { role: 'department_officer', sub: 'o-pet', department: 'PETITIONS' };
const partner: Token = { role: 'partner', sub: 'k-1', organisation: 'org-water' };
const auditor: Token = { role: 'auditor', sub: 'a-1' };

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'liangling-config-'));
  const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: configDir, LOG_LEVEL: 'silent' });
  if (!config.ok) throw new Error(config.errors.join('; '));
  let ran: (run: EngineRun) => void = () => undefined;
  const engineRan = new Promise<EngineRun>((resolve) => (ran = resolve));
  stack = await startTestStack({ gateway: config.config.gateway, warning: { intervalMs: 3_600_000, onRun: (run) => ran(run) } });
  firstRun = await engineRan;

  const ALERTS = `{ region(id: "${CITY}") { alerts(first: 500) { id kind place { regionPath building { id } } related { deviceIds petitionIds } resident { id } } } }`;
  const byEmergency = dataOf(await ask(emergencyOfficer, ALERTS))['region'].alerts as any[];
  const elderly = byEmergency.find((alert) => alert.kind === 'ELDERLY_INACTIVITY');
  const meter = elderly.related.deviceIds[0] as string;
  const device = dataOf(await ask(emergencyOfficer, `{ device(id: "${meter}") { place { household { id } } } }`))['device'];
  care = {
    id: elderly.id,
    grid: elderly.place.regionPath.at(-1),
    building: elderly.place.building.id,
    meter,
    household: device.place.household.id,
    resident: elderly.resident.id,
  };

  const byOffice = dataOf(await ask(petitionsOfficer, ALERTS))['region'].alerts as any[];
  const found = byOffice.find((alert) => alert.kind === 'PETITION_SURGE');
  const petition = dataOf(await ask(petitionsOfficer, `{ petition(id: "${found.related.petitionIds[0]}") { targetDepartment } }`))[
    'petition'
  ];
  surge = {
    id: found.id,
    street: found.place.regionPath.at(-1),
    petitionIds: found.related.petitionIds,
    complainedAbout: petition.targetDepartment,
  };
});
afterAll(async () => {
  await stack?.stop();
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

const ALERT =
  'query($id: ID!) { alert(id: $id) { id kind place { regionPath region { id } building { id } } evidence personalEvidence resident { id } related { deviceIds requestIds petitionIds } } }';

describe('the engine ran with its scopes only', () => {
  it('raised every kind on the seeded city, with no step refused', () => {
    expect(firstRun.failures).toEqual([]);
    expect(new Set(firstRun.raised.map((alert) => alert.kind))).toEqual(
      new Set([
        'FIRE',
        'GAS_LEAK',
        'ELEVATOR_TRAPPED',
        'ELDERLY_INACTIVITY',
        'REPEATED_COMPLAINTS',
        'PETITION_SURGE',
        'DEVICE_OFFLINE',
        'WATER_LEAK',
      ]),
    );
  });
});

describe('a care alert (ELDERLY_INACTIVITY) is the household’s', () => {
  const outsiders: [string, Token][] = [
    ['a partner utility', partner],
    [
      'an officer of another department',
      { role: 'department_officer', sub: 'o-city', department: 'CITY_MANAGEMENT', purpose: 'case-handling' },
    ],
    [
      'a grid worker of another grid, on a care visit',
      { role: 'grid_worker', sub: 'gw-9', regions: ['r-210199-9-9-9'], purpose: 'care-visit' },
    ],
    ['the auditor', auditor],
  ];

  it.each(outsiders)('%s follows alert → related device ids → Device.place and learns no place', async (_who, caller) => {
    const response = await ask(caller, ALERT, { id: care.id });
    const alert = response.data?.['alert'];
    expect(alert?.place ?? null).toBeNull();
    expect(alert?.related ?? null).toBeNull();
    expect(alert?.resident ?? null).toBeNull();
    expect(alert?.personalEvidence ?? null).toBeNull();
    // The next hop of the chain has nothing to start from: no device id, building, grid, household or person anywhere.
    const deviceIds: string[] = alert?.related?.deviceIds ?? [];
    expect(deviceIds).toEqual([]);
    for (const secret of [care.meter, care.building, care.grid, care.household, care.resident])
      expect(text(response)).not.toContain(secret);
  });

  it.each(outsiders)('%s does not find it by listing the alerts of its grid', async (_who, caller) => {
    const response = await ask(caller, `{ region(id: "${care.grid}") { alerts(first: 500) { id kind } } }`);
    const listed = (response.data?.['region']?.alerts ?? []) as { id: string; kind: string }[];
    expect(listed.map((alert) => alert.id)).not.toContain(care.id);
    expect(listed.map((alert) => alert.kind)).not.toContain('ELDERLY_INACTIVITY');
  });

  it('its grid’s worker without a care visit sees it is there, but not where or whom (SENSITIVE: masked)', async () => {
    const response = await ask({ role: 'grid_worker', sub: 'gw-1', regions: [care.grid] }, ALERT, { id: care.id });
    const alert = dataOf(response)['alert'];
    expect(alert).toMatchObject({ kind: 'ELDERLY_INACTIVITY', place: null, related: null, resident: null, personalEvidence: null });
    expect(text(response)).not.toContain(care.meter);
  });

  it('its grid’s worker on a care visit follows it to the household, and the resident’s access log records it', async () => {
    const worker: Token = { role: 'grid_worker', sub: 'gw-care', regions: [care.grid], purpose: 'care-visit' };
    const alert = dataOf(await ask(worker, ALERT, { id: care.id }))['alert'];
    expect(alert.place.building).toEqual({ id: care.building });
    expect(alert.related.deviceIds).toEqual([care.meter]);
    expect(alert.resident).toEqual({ id: care.resident });
    const device = dataOf(await ask(worker, `{ device(id: "${care.meter}") { place { household { id } } } }`))['device'];
    expect(device.place.household).toEqual({ id: care.household });
    const trail = dataOf(
      await ask(
        auditor,
        `{ auditTrail(filter: { actorSub: "gw-care", subjectId: "${care.resident}" }) { edges { node { typeName fields entityIds purpose subgraph } } } }`,
      ),
    );
    const records = trail['auditTrail'].edges.map((edge: any) => edge.node).filter((node: any) => node.typeName === 'Alert');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ subgraph: 'monitoring', purpose: 'care-visit', entityIds: [care.id] });
    expect(records[0].fields).toEqual(expect.arrayContaining(['place', 'related', 'resident', 'personalEvidence']));
  });

  it('a leak alert (WATER_LEAK) on a household is the household’s too: a partner learns no place', async () => {
    const leak = firstRun.raised.find((alert) => alert.kind === 'WATER_LEAK')!;
    const response = await ask(partner, ALERT, { id: leak.id });
    expect(response.data?.['alert']?.place ?? null).toBeNull();
    expect(response.data?.['alert']?.related ?? null).toBeNull();
    expect(codes(response)).toContain('FORBIDDEN_FIELD');
  });
});

describe('a petition surge (PETITION_SURGE) keeps the petitions’ origin with the petitions office', () => {
  const attackers = (): [string, Token][] => [
    [
      'the department complained about',
      { role: 'department_officer', sub: 'o-target', department: surge.complainedAbout, purpose: 'petition-handling' },
    ],
    ['a partner', partner],
  ];

  it('the department complained about cannot read the street on the petitions themselves (the baseline)', async () => {
    const officer: Token = { role: 'department_officer', sub: 'o-target', department: surge.complainedAbout };
    const response = await ask(officer, `{ petition(id: "${surge.petitionIds[0]}") { id region { id } } }`);
    expect(response.data?.['petition']?.region ?? null).toBeNull();
    expect(text(response)).not.toContain(surge.street);
  });

  it('neither the department complained about nor a partner learns the street or the petition ids from the alert', async () => {
    for (const [, caller] of attackers()) {
      const response = await ask(caller, ALERT, { id: surge.id });
      const alert = response.data?.['alert'];
      expect(alert?.place ?? null).toBeNull();
      expect(alert?.related ?? null).toBeNull();
      expect(alert?.evidence ?? null).toBeNull();
      expect(text(response)).not.toContain(surge.street);
      for (const id of surge.petitionIds) expect(text(response)).not.toContain(id);
    }
  });

  it('neither finds it by listing the alerts of the street', async () => {
    for (const [, caller] of attackers()) {
      const response = await ask(caller, `{ region(id: "${surge.street}") { alerts(first: 500) { id kind } } }`);
      const listed = (response.data?.['region']?.alerts ?? []) as { id: string }[];
      expect(listed.map((alert) => alert.id)).not.toContain(surge.id);
    }
  });

  it('the petitions office reads the street and the petitions, and it is recorded', async () => {
    const alert = dataOf(await ask({ ...petitionsOfficer, sub: 'o-pet-2' }, ALERT, { id: surge.id }))['alert'];
    expect(alert.place.region).toEqual({ id: surge.street });
    expect([...alert.related.petitionIds].sort()).toEqual([...surge.petitionIds].sort());
    const trail = dataOf(
      await ask(auditor, '{ auditTrail(filter: { actorSub: "o-pet-2" }) { edges { node { typeName fields entityIds subgraph } } } }'),
    );
    const records = trail['auditTrail'].edges.map((edge: any) => edge.node).filter((node: any) => node.typeName === 'Alert');
    expect(records).toContainEqual(
      expect.objectContaining({
        subgraph: 'monitoring',
        entityIds: [surge.id],
        fields: expect.arrayContaining(['place', 'related', 'evidence']),
      }),
    );
  });
});

describe('service identities have scopes', () => {
  const deviceGateway: Token = {
    role: 'service',
    sub: 'device-gateway',
    purpose: 'early-warning',
    scopes: SERVICE_SCOPES['device-gateway'],
  };
  const engine: Token = { role: 'service', sub: 'early-warning', purpose: 'early-warning', scopes: SERVICE_SCOPES['early-warning'] };

  it('the device gateway, declaring early warning, lists no resident: no id, ID number, phone or care flag', async () => {
    const response = await ask(
      deviceGateway,
      `{ residents(regionId: "${CITY}", first: 50) { edges { node { id name idNumber phone elderly livesAlone lowIncome } } } }`,
    );
    expect(response.data?.['residents'] ?? null).toBeNull();
    expect(codes(response)).toEqual(['FORBIDDEN_FIELD']);
    expect(text(response)).not.toMatch(/p-\d{7}/);
    expect(text(response)).not.toMatch(PHONE);
    expect(text(response)).not.toMatch(ID_NUMBER);
  });

  it('the device gateway reads no resident by id, no household’s members, no readings and no petitions', async () => {
    const resident = await ask(deviceGateway, `{ resident(id: "${care.resident}") { id idNumber phone elderly livesAlone } }`);
    // No scope names a field of residents: not even that the resident exists (as for an id no one has).
    expect(resident.data?.['resident']).toBeNull();
    expect(text(resident)).not.toMatch(PHONE);
    expect(text(resident)).not.toMatch(ID_NUMBER);
    const usage = await ask(
      deviceGateway,
      `{ deviceUsage(kind: WATER_METER, from: "2020-01-01T00:00:00Z", to: "2099-01-01T00:00:00Z") { device { id } total } }`,
    );
    expect(usage.data?.['deviceUsage'] ?? null).toBeNull();
    expect(codes(usage)).toEqual(['FORBIDDEN_FIELD']);
    const petitions = await ask(
      deviceGateway,
      `{ petitions(regionId: "${CITY}", first: 50) { edges { node { id subject region { id } } } } }`,
    );
    expect(petitions.data?.['petitions'] ?? null).toBeNull();
    // Selecting by where petitioners live reads Petition.region, which no scope of it names.
    expect(codes(petitions)).toContain('FORBIDDEN_ARGUMENT');
    for (const id of surge.petitionIds) expect(text(petitions)).not.toContain(id);
  });

  it('the engine reads the care flags its rule reads, and no ID number or phone; what it read is recorded', async () => {
    const response = await ask(engine, `{ resident(id: "${care.resident}") { elderly livesAlone idNumber phone } }`);
    expect(response.data?.['resident']).toEqual({ elderly: true, livesAlone: true, idNumber: null, phone: null });
    expect(codes(response)).toEqual(['FORBIDDEN_FIELD', 'FORBIDDEN_FIELD']);
    expect(text(response)).not.toMatch(ID_NUMBER);
    const trail = dataOf(
      await ask(
        auditor,
        `{ auditTrail(filter: { actorSub: "early-warning", subjectId: "${care.resident}" }) { edges { node { typeName fields purpose } } } }`,
      ),
    );
    const records = trail['auditTrail'].edges.map((edge: any) => edge.node);
    expect(records).toContainEqual(
      expect.objectContaining({
        typeName: 'Resident',
        purpose: 'early-warning',
        fields: expect.arrayContaining(['elderly', 'livesAlone']),
      }),
    );
    for (const record of records) expect(record.fields).not.toContain('idNumber');
  });

  it('without its scope a service sends no reading and raises no alert (FORBIDDEN), and nothing is written', async () => {
    const reading = { deviceId: care.meter, at: new Date(Date.now() - 60_000).toISOString(), value: 3 };
    const INGEST = 'mutation($r: [ReadingInput!]!) { ingestReadings(readings: $r) { accepted duplicates } }';
    const refused = await ask({ role: 'service', sub: 'device-gateway', scopes: ['alerts:write'] }, INGEST, { r: [reading] });
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    // The device gateway then stores it as new: the refused call wrote nothing.
    const stored = dataOf(await ask(deviceGateway, INGEST, { r: [reading] }));
    expect(stored['ingestReadings']).toEqual({ accepted: 1, duplicates: 0 });

    const RAISE = 'mutation($input: RaiseAlertInput!) { raiseAlert(input: $input) { created } }';
    const input = { kind: 'FIRE', severity: 'CRITICAL', dedupeKey: 'FIRE:attack:no-scope', buildingId: care.building };
    expect(codes(await ask(deviceGateway, RAISE, { input }))).toEqual(['FORBIDDEN']);
    expect(dataOf(await ask(engine, RAISE, { input }))['raiseAlert']).toEqual({ created: true });
  });

  it('a service runs no department’s job and lists no case or volunteer without a scope naming it', async () => {
    for (const mutation of ['mutation { runEscalationSweep { count } }', 'mutation { runReviewWindowSweep { count } }']) {
      expect(codes(await ask(engine, mutation))).toEqual(['FORBIDDEN']);
      expect(dataOf(await ask({ role: 'service', sub: 'escalation-sweep', scopes: ['jobs:run'] }, mutation))).toBeTruthy();
    }
    const cases = await ask(engine, '{ enforcementCases(first: 20) { edges { node { id caseNumber } } } }');
    expect(codes(cases)).toContain('FORBIDDEN');
    expect(text(cases)).not.toMatch(/"caseNumber":"/);
    const volunteers = await ask(engine, `{ volunteers(regionId: "${CITY}", first: 20) { edges { node { id } } } }`);
    // A staff-only list: refused before the department reads anything (FORBIDDEN_FIELD at the root).
    expect(codes(volunteers).some((code) => code === 'FORBIDDEN' || code === 'FORBIDDEN_FIELD')).toBe(true);
    expect(text(volunteers)).not.toMatch(/p-\d{7}/);
  });

  it('a token naming a scope the platform does not know is no credential (UNAUTHENTICATED)', async () => {
    const response = await ask({ role: 'service', sub: 'x', scopes: ['residents:everything'] }, '{ regions(level: CITY) { id } }');
    expect(response.status).toBe(401);
    expect(codes(response)).toEqual(['UNAUTHENTICATED']);
  });

  it('a person’s token carrying a scope is no credential either', async () => {
    const response = await ask(
      { role: 'grid_worker', sub: 'gw-1', regions: [care.grid], scopes: ['care-flags:read'] },
      `{ resident(id: "${care.resident}") { elderly } }`,
    );
    expect(response.status).toBe(401);
    expect(codes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.data?.['resident'] ?? null).toBeNull();
  });

  it('the dev token command issues the configured scopes to a service, and refuses an unknown one', async () => {
    // Asynchronously: the stack serves from this process, and a blocked event loop would drop its connections.
    const run = (...args: string[]) =>
      new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          ['-r', './scripts/register.js', 'stack/src/bin/token.ts', ...args],
          { cwd: join(__dirname, '..', '..'), env: { ...process.env, DATA_DIR: stack.dataDir } },
          (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
      });
    const issued = await run('--role', 'service', '--sub', 'device-gateway');
    expect(issued.status).toBe(0);
    const jwt = issued.stdout.trim();
    expect(JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString())).toMatchObject({
      role: 'service',
      sub: 'device-gateway',
      scopes: ['readings:write'],
    });
    const listing = await stack.query(`{ residents(regionId: "${CITY}", first: 5) { edges { node { id } } } }`, { token: jwt });
    expect(codes(listing)).toEqual(['FORBIDDEN_FIELD']);
    const unknown = await run('--role', 'service', '--scopes', 'readings:write,everything');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown scopes everything');
  });
});
