import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateCity } from '@liangling/kit';
import { cityDevices, demoScenario } from '@liangling/monitoring';
import { startTestStack, type RunningStack } from '@liangling/stack';
import { SERVICE_SCOPES } from '@liangling/schema';
import { DEFAULT_RULES, runEngine, withRules, type EngineRun } from '../src';

// A clock of our own, years after the seeded readings, so that only the data built here is in any window.
const NOW = new Date('2030-03-01T12:00:00.000Z');
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

// The test stack seeds the same deterministic city of 800 residents.
const city = generateCity({ residents: 800 });
const occupants = new Map<string, number>();
for (const resident of city.residents) occupants.set(resident.householdId, (occupants.get(resident.householdId) ?? 0) + 1);
const demoHousehold = demoScenario(city).quietHousehold;
const [inactive, active] = city.residents.filter(
  (resident) =>
    resident.elderly && resident.livesAlone && occupants.get(resident.householdId) === 1 && resident.householdId !== demoHousehold,
);
const homeOf = (resident: { regionPath: readonly string[] }) => [...resident.regionPath];
// Buildings with at least one resident, and a resident of each, for repair requests.
const residentOfBuilding = (buildingId: string) =>
  city.residents.find((resident) => city.households.find((household) => household.id === resident.householdId)?.buildingId === buildingId);
const [complained, underComplained, lateComplained] = city.buildings
  .slice(10)
  .filter((building) => residentOfBuilding(building.id))
  .map((building) => building.id);
// DEVICE_OFFLINE: smoke sensors silent for just over and just under the threshold, and a camera (a kind not watched) silent for hours.
const offlineOver = `smoke-${city.buildings[20]!.id}`;
const offlineUnder = `smoke-${city.buildings[21]!.id}`;
const offlineCamera = `cam-${city.buildings[22]!.id}`;
// WATER_LEAK: households of other meters than the ones above.
const [leaking, leakingLess, leakingShorter] = city.households
  .filter((household) => ![inactive!.householdId, active!.householdId, demoHousehold].includes(household.id))
  .slice(-3)
  .map((household) => household.id);
// PETITION_SURGE: residents of two streets.
const streetOf = (resident: { regionPath: readonly string[] }) => resident.regionPath[2]!;
const [streetA, streetB] = [...new Set(city.residents.map(streetOf))];
const ofStreetA = city.residents.filter((resident) => streetOf(resident) === streetA).slice(0, 9);
const ofStreetB = city.residents.filter((resident) => streetOf(resident) === streetB).slice(0, 1);

// The departments' clock: NOW, but for a request submitted earlier.
let clock = NOW;
let stack: RunningStack;
let engineToken: string;
let auditor: string;
let first: EngineRun;

beforeAll(async () => {
  stack = await startTestStack({ clock: () => clock });
  engineToken = await stack.token({
    role: 'service',
    sub: 'early-warning',
    purpose: 'early-warning',
    scopes: SERVICE_SCOPES['early-warning'],
  });
  auditor = await stack.token({ role: 'auditor', sub: 'a-1' });
  const deviceGateway = await stack.token({ role: 'service', sub: 'device-gateway', scopes: SERVICE_SCOPES['device-gateway'] });
  const ingest = async (readings: { deviceId: string; at: string; value: number }[]) => {
    const response = await stack.query(
      'mutation($r: [ReadingInput!]!) { ingestReadings(readings: $r) { accepted rejected { index reason } } }',
      { token: deviceGateway, variables: { r: readings } },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!['ingestReadings'].rejected).toEqual([]);
  };

  // FIRE and GAS_LEAK: over the threshold in b-000005, just under it in b-000006; a lift stopped with someone in it.
  await ingest([
    { deviceId: 'smoke-b-000005', at: ago(5 * 60_000), value: DEFAULT_RULES.fire.threshold + 4 },
    { deviceId: 'smoke-b-000006', at: ago(5 * 60_000), value: DEFAULT_RULES.fire.threshold - 0.1 },
    { deviceId: 'gas-b-000005', at: ago(3 * 60_000), value: DEFAULT_RULES.gasLeak.threshold + 5 },
    { deviceId: 'gas-b-000006', at: ago(3 * 60_000), value: DEFAULT_RULES.gasLeak.threshold - 0.1 },
    // Over the threshold, but an hour ago: outside the window.
    { deviceId: 'smoke-b-000007', at: ago(HOUR), value: 30 },
  ]);

  // ELDERLY_INACTIVITY: both meters report hourly for a day; one shows no use, the other one use 23 hours ago.
  const day = (householdId: string, used: (hoursAgo: number) => number) =>
    Array.from({ length: 24 }, (_, n) => ({ deviceId: `wm-${householdId}`, at: ago((n + 0.5) * HOUR), value: used(n + 0.5) }));
  await ingest([...day(inactive!.householdId, () => 0), ...day(active!.householdId, (hoursAgo) => (hoursAgo === 22.5 ? 6 : 0))]);

  // WATER_LEAK: twelve hourly readings of a running tap; the same with one reading just under the flow; ten readings only.
  const flowing = (householdId: string, hours: number, litres: (hoursAgo: number) => number) =>
    Array.from({ length: hours }, (_, n) => ({ deviceId: `wm-${householdId}`, at: ago((n + 0.5) * HOUR), value: litres(n + 0.5) }));
  const flow = DEFAULT_RULES.waterLeak.minLitresPerReading;
  await ingest([
    ...flowing(leaking!, 12, () => flow + 5),
    ...flowing(leakingLess!, 12, (hoursAgo) => (hoursAgo === 6.5 ? flow - 0.1 : flow + 5)),
    ...flowing(leakingShorter!, DEFAULT_RULES.waterLeak.minReadings - 1, () => flow + 5),
  ]);

  // DEVICE_OFFLINE: every other device reports a minute ago; three fall silent; then the heartbeat sweep runs.
  const silence = DEFAULT_RULES.deviceOffline.minutesSilent * 60_000;
  const built = new Set([
    `wm-${inactive!.householdId}`,
    `wm-${active!.householdId}`,
    ...[leaking, leakingLess, leakingShorter].map((householdId) => `wm-${householdId}`),
    offlineOver,
    offlineUnder,
    offlineCamera,
  ]);
  const heartbeats = [...cityDevices(city, NOW, NOW)]
    .filter((device) => !built.has(device.id))
    .map((device) => ({ deviceId: device.id, at: ago(60_000), value: 0 }));
  await ingest([
    ...heartbeats,
    { deviceId: offlineOver, at: ago(silence + 10 * 60_000), value: 0 },
    { deviceId: offlineUnder, at: ago(silence - 10 * 60_000), value: 0 },
    { deviceId: offlineCamera, at: ago(5 * HOUR), value: 0 },
  ]);
  const sweep = await stack.query('mutation { sweepSilentDevices { markedOffline } }', { token: deviceGateway });
  expect(sweep.errors).toBeUndefined();
  expect([...sweep.data!['sweepSilentDevices'].markedOffline].sort()).toEqual([offlineOver, offlineUnder, offlineCamera].sort());

  // REPEATED_COMPLAINTS: three heating and water requests from one building, two from another.
  const submit = async (buildingId: string, category: string, key: string) => {
    const resident = residentOfBuilding(buildingId)!;
    const token = await stack.token({ role: 'resident', sub: resident.id, home: homeOf(resident) });
    const response = await stack.query('mutation($input: SubmitRepairRequestInput!) { submitRepairRequest(input: $input) { id } }', {
      token,
      variables: {
        input: {
          category,
          description: '暖气不热，家里只有十几度',
          contactPhone: '13800000000',
          clientKey: key,
          householdId: resident.householdId,
        },
      },
    });
    expect(response.errors).toBeUndefined();
  };
  await submit(complained!, 'HEATING', 'k-1');
  await submit(complained!, 'WATER', 'k-2');
  await submit(complained!, 'HEATING', 'k-3');
  await submit(complained!, 'POWER', 'k-4');
  await submit(underComplained!, 'HEATING', 'k-1');
  await submit(underComplained!, 'HEATING', 'k-2');
  await submit(underComplained!, 'POWER', 'k-3');
  // Three from a third building, but one of them a day and an hour ago: outside the window.
  clock = new Date(NOW.getTime() - 25 * HOUR);
  await submit(lateComplained!, 'HEATING', 'k-1');
  clock = NOW;
  await submit(lateComplained!, 'HEATING', 'k-2');
  await submit(lateComplained!, 'WATER', 'k-3');

  // PETITION_SURGE: five petitions on one subject from one street; on another subject, four from that street and one from another.
  const petitioners = [...ofStreetA, ...ofStreetB];
  const petition = async (n: number, subject: string) => {
    const resident = petitioners[n]!;
    const token = await stack.token({ role: 'resident', sub: resident.id, home: homeOf(resident) });
    const response = await stack.query('mutation($input: SubmitPetitionInput!) { submitPetition(input: $input) { id } }', {
      token,
      variables: {
        input: {
          subject,
          content: `第${n}位居民反映：${subject}，希望尽快解决。`,
          targetDepartment: 'CITY_MANAGEMENT',
          clientKey: `p-${n}`,
        },
      },
    });
    expect(response.errors).toBeUndefined();
  };
  for (let n = 0; n < 5; n += 1) await petition(n, '小区供暖温度不达标');
  for (let n = 5; n < 10; n += 1) await petition(n, '广场舞噪音扰民');

  first = await runEngine({ gatewayUrl: stack.url, token: engineToken, now: NOW });
});
afterAll(async () => {
  await stack?.stop();
});

const raisedFor = (run: EngineRun, kind: string) => run.raised.filter((alert) => alert.kind === kind);
const candidatesFor = (run: EngineRun, kind: string) => run.candidates.filter((candidate) => candidate.kind === kind);

describe('the early-warning engine', () => {
  it('runs every rule without a failure', () => {
    expect(first.failures).toEqual([]);
  });

  it('raises FIRE and GAS_LEAK on readings over the threshold, not just under it nor outside the window', () => {
    expect(candidatesFor(first, 'FIRE').map((candidate) => candidate.deviceIds)).toEqual([['smoke-b-000005']]);
    expect(candidatesFor(first, 'FIRE')[0]).toMatchObject({ buildingId: 'b-000005', severity: 'CRITICAL' });
    expect(candidatesFor(first, 'GAS_LEAK').map((candidate) => candidate.deviceIds)).toEqual([['gas-b-000005']]);
    expect(raisedFor(first, 'FIRE')).toHaveLength(1);
    expect(raisedFor(first, 'GAS_LEAK')).toHaveLength(1);
  });

  it('raises ELDERLY_INACTIVITY for an elderly resident living alone whose meter shows no use for 24 hours, and not for one who used water 23 hours ago', () => {
    const elderly = candidatesFor(first, 'ELDERLY_INACTIVITY');
    expect(elderly.map((candidate) => candidate.residentId)).toEqual([inactive!.id]);
    expect(elderly[0]).toMatchObject({ householdId: inactive!.householdId, deviceIds: [`wm-${inactive!.householdId}`] });
    expect(elderly[0]!.personalEvidence).toContain(inactive!.id);
    expect(raisedFor(first, 'ELDERLY_INACTIVITY')).toHaveLength(1);
  });

  it('raises REPEATED_COMPLAINTS for three heating or water requests from one building in 24 hours, not for two, nor for three of which one is older', () => {
    const complaints = candidatesFor(first, 'REPEATED_COMPLAINTS');
    expect(complaints.map((candidate) => candidate.buildingId)).toEqual([complained]);
    expect(complaints[0]!.requestIds).toHaveLength(3);
  });

  it('raises PETITION_SURGE for five petitions on one subject from one street, not for five split between two streets', () => {
    const surges = candidatesFor(first, 'PETITION_SURGE');
    expect(surges).toHaveLength(1);
    expect(surges[0]!.petitionIds).toHaveLength(5);
    // Placed at the street they come from, not the city.
    expect(surges[0]!.regionId).toBe(streetA);
    // The subject is the petitioners' personal data: it is not copied into the alert, nor its key.
    expect(JSON.stringify(surges[0])).not.toContain('供暖');
    expect(raisedFor(first, 'PETITION_SURGE')).toHaveLength(1);
  });

  it('raises DEVICE_OFFLINE for a smoke sensor silent just over the threshold, not just under it, nor for a kind not watched', () => {
    const offline = candidatesFor(first, 'DEVICE_OFFLINE');
    expect(offline.map((candidate) => candidate.deviceIds)).toEqual([[offlineOver]]);
    expect(offline[0]).toMatchObject({ buildingId: city.buildings[20]!.id, severity: DEFAULT_RULES.deviceOffline.severity });
    expect(raisedFor(first, 'DEVICE_OFFLINE')).toHaveLength(1);
  });

  it('raises WATER_LEAK for a meter whose flow never stopped for 12 hours, not when one reading dipped just under it, nor for a reading short', () => {
    const leaks = candidatesFor(first, 'WATER_LEAK');
    expect(leaks.map((candidate) => candidate.householdId)).toEqual([leaking]);
    expect(leaks[0]!.deviceIds).toEqual([`wm-${leaking}`]);
    // About a household's meter, not a person: nothing personal.
    expect(leaks[0]!.personalEvidence).toBeUndefined();
    expect(raisedFor(first, 'WATER_LEAK')).toHaveLength(1);
  });

  it('raises nothing twice when run again on the same data', async () => {
    const again = await runEngine({ gatewayUrl: stack.url, token: engineToken, now: new Date(NOW.getTime() + 60_000) });
    expect(again.failures).toEqual([]);
    expect(again.raised).toEqual([]);
    expect(again.alreadyRaised).toBe(first.raised.length);
    // Who may know where an alert is depends on its kind: the emergency department every alert but a
    // petition surge (the petitions office's alone); the auditor none about a household or petitions.
    const kindsListedBy = async (caller: Parameters<RunningStack['token']>[0]) => {
      const open = await stack.query('{ region(id: "r-2101") { alerts(status: OPEN, first: 500) { id kind } } }', {
        token: await stack.token(caller),
      });
      expect(open.errors).toBeUndefined();
      return (open.data!['region'].alerts as { kind: string }[]).map((alert) => alert.kind);
    };
    const emergency = await kindsListedBy({ role: 'department_officer', sub: 'o-em', department: 'EMERGENCY' });
    for (const kind of ['FIRE', 'GAS_LEAK', 'ELDERLY_INACTIVITY', 'REPEATED_COMPLAINTS', 'DEVICE_OFFLINE', 'WATER_LEAK'])
      expect(emergency.filter((each) => each === kind)).toHaveLength(1);
    expect(emergency).not.toContain('PETITION_SURGE');
    const office = await kindsListedBy({ role: 'department_officer', sub: 'o-pet', department: 'PETITIONS' });
    expect(office.filter((each) => each === 'PETITION_SURGE')).toHaveLength(1);
    const oversight = await kindsListedBy({ role: 'auditor', sub: 'a-1' });
    expect(oversight).toContain('FIRE');
    for (const kind of ['ELDERLY_INACTIVITY', 'WATER_LEAK', 'PETITION_SURGE']) expect(oversight).not.toContain(kind);
  });

  it('follows its rules as data: a higher threshold or a disabled rule raises nothing', async () => {
    const strict = await runEngine({
      gatewayUrl: stack.url,
      token: engineToken,
      now: NOW,
      rules: withRules({
        fire: { threshold: 50 },
        gasLeak: { enabled: false },
        repeatedComplaints: { minRequests: 4 },
        petitionSurge: { minPetitions: 6 },
        elderlyInactivity: { windowHours: 12, minReadings: 100 },
        deviceOffline: { minutesSilent: 24 * 60 },
        waterLeak: { minLitresPerReading: 100 },
      }),
    });
    expect(strict.failures).toEqual([]);
    expect(strict.candidates).toEqual([]);
  });

  it('reads through the gateway as a service, and every personal value it read is in the audit trail', async () => {
    const trail = await stack.query(
      '{ auditTrail(first: 200, filter: { actorSub: "early-warning" }) { edges { node { actorRole purpose subgraph typeName fields entityIds } } } }',
      { token: auditor },
    );
    expect(trail.errors).toBeUndefined();
    const records = (trail.data!['auditTrail'].edges as { node: any }[]).map((edge) => edge.node);
    expect(records.every((record) => record.actorRole === 'service' && record.purpose === 'early-warning')).toBe(true);
    const careFlags = records.find((record) => record.subgraph === 'residents' && record.entityIds.includes(inactive!.id));
    expect(careFlags?.fields).toEqual(expect.arrayContaining(['elderly', 'livesAlone']));
    expect(records.some((record) => record.subgraph === 'petitions')).toBe(true);
  });
});
