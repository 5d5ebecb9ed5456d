import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestStack, type TestStack } from '@liangling/stack';
import { SERVICE_SCOPES } from '@liangling/schema';

// A clock of our own, far from the seeded readings (which end when the city was seeded).
let now = new Date('2030-03-01T12:00:00.000Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

const GRID = 'r-210103-1-1-1';
const OTHER_GRID = 'r-210103-1-1-2';
const BUILDING = 'b-000001';

const INGEST =
  'mutation($readings: [ReadingInput!]!) { ingestReadings(readings: $readings) { accepted duplicates rejected { index deviceId reason message } } }';
const DEVICE =
  'query($id: ID!) { device(id: $id) { id kind status lastSeenAt unit place { regionPath grid { id } building { id } household { id } } } }';
const RAISE = 'mutation($input: RaiseAlertInput!) { raiseAlert(input: $input) { created alert { id kind status severity department } } }';
const ACK = 'mutation($id: ID!) { acknowledgeAlert(id: $id) { id status acknowledgedAt acknowledgedBy } }';
const RESOLVE =
  'mutation($id: ID!, $resolution: String!) { resolveAlert(id: $id, resolution: $resolution) { id status resolvedAt resolvedBy resolution } }';

let stack: TestStack;
let deviceGateway: string;
let engine: string;
let gridWorker: string;
let otherGridWorker: string;
let emergencyOfficer: string;
let auditor: string;
beforeAll(async () => {
  stack = await startTestStack({ clock: () => now });
  deviceGateway = await stack.token({ role: 'service', sub: 'device-gateway', scopes: SERVICE_SCOPES['device-gateway'] });
  engine = await stack.token({ role: 'service', sub: 'early-warning', purpose: 'early-warning', scopes: SERVICE_SCOPES['early-warning'] });
  gridWorker = await stack.token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID] });
  otherGridWorker = await stack.token({ role: 'grid_worker', sub: 'gw-2', regions: [OTHER_GRID] });
  emergencyOfficer = await stack.token({ role: 'department_officer', sub: 'o-em', department: 'EMERGENCY' });
  auditor = await stack.token({ role: 'auditor', sub: 'a-1' });
});
afterAll(async () => {
  await stack?.stop();
});

const codes = (response: { errors?: readonly { extensions?: Record<string, any> }[] }) =>
  (response.errors ?? []).map((error) => error.extensions?.['code']);

describe('devices', () => {
  it('are installed in buildings: Building.devices lists them with their places, for staff', async () => {
    const response = await stack.query(
      `{ building(id: "${BUILDING}") { id devices { id kind status place { grid { id } building { id } household { id } } } } }`,
      { token: gridWorker },
    );
    expect(response.errors).toBeUndefined();
    const devices = response.data!['building'].devices as any[];
    const kinds = new Set(devices.map((device) => device.kind));
    for (const kind of ['CAMERA', 'SMOKE_SENSOR', 'GAS_DETECTOR', 'WATER_METER']) expect(kinds).toContain(kind);
    expect(devices.every((device) => device.place.grid.id === GRID && device.place.building.id === BUILDING)).toBe(true);
    const meter = devices.find((device) => device.kind === 'WATER_METER');
    expect(meter.place.household.id).toMatch(/^h-/);
    expect(meter.id).toBe(`wm-${meter.place.household.id}`);
  });

  it('are not in the public graph, and a camera’s stream is the emergency department’s secret', async () => {
    const anonymous = await stack.query(`{ building(id: "${BUILDING}") { devices { id } } }`);
    expect(codes(anonymous)).toContain('GRAPHQL_VALIDATION_FAILED');
    const stream = `{ device(id: "cam-${BUILDING}") { id streamAddress } }`;
    const officer = await stack.query(stream, { token: emergencyOfficer });
    expect(officer.errors).toBeUndefined();
    expect(officer.data!['device'].streamAddress).toMatch(/^rtsp:\/\//);
    const otherOfficer = await stack.query(stream, {
      token: await stack.token({ role: 'department_officer', sub: 'o-cm', department: 'CITY_MANAGEMENT' }),
    });
    expect(otherOfficer.data?.['device']?.streamAddress ?? null).toBeNull();
    expect(codes(otherOfficer).length).toBeGreaterThan(0);
    const worker = await stack.query(stream, { token: gridWorker });
    expect(worker.data?.['device']?.streamAddress ?? null).toBeNull();
  });
});

describe('ingesting readings', () => {
  it('takes a batch of 5,000, refuses the bad ones each with its index and reason, and stores the rest once', async () => {
    const building = await stack.query(`{ building(id: "b-000002") { devices { id kind } } }`, { token: emergencyOfficer });
    const devices = (building.data!['building'].devices as { id: string; kind: string }[]).filter((device) => device.kind !== 'ELEVATOR');
    const readings = Array.from({ length: 5000 }, (_, n) => {
      const device = devices[n % devices.length]!;
      const value = device.kind === 'CAMERA' ? 0.2 : device.kind === 'WATER_METER' ? 3 : 1;
      return { deviceId: device.id, at: new Date(now.getTime() - 3 * 86_400_000 + n * 1000).toISOString(), value };
    });
    readings[7] = { deviceId: 'smoke-b-999999', at: readings[7]!.at, value: 1 };
    readings[100] = { ...readings[100]!, at: minutes(60).toISOString() };
    readings[300] = { ...readings[300]!, at: new Date(now.getTime() - 8 * 86_400_000).toISOString() };
    readings[4999] = { deviceId: `smoke-b-000002`, at: readings[4999]!.at, value: 250 };
    readings[2500] = { deviceId: `gas-b-000002`, at: readings[2500]!.at, value: -1 };

    const first = await stack.query(INGEST, { token: deviceGateway, variables: { readings } });
    expect(first.errors).toBeUndefined();
    const result = first.data!['ingestReadings'];
    expect(result.accepted).toBe(4995);
    expect(result.duplicates).toBe(0);
    expect(result.rejected.map((rejection: any) => [rejection.index, rejection.reason])).toEqual([
      [7, 'UNKNOWN_DEVICE'],
      [100, 'IN_THE_FUTURE'],
      [300, 'TOO_OLD'],
      [2500, 'OUT_OF_RANGE'],
      [4999, 'OUT_OF_RANGE'],
    ]);
    expect(result.rejected[0].deviceId).toBe('smoke-b-999999');

    // The device gateway retries the whole batch (it never heard back): nothing is stored twice.
    const retry = await stack.query(INGEST, { token: deviceGateway, variables: { readings } });
    expect(retry.data!['ingestReadings']).toMatchObject({ accepted: 0, duplicates: 4995 });
    expect(retry.data!['ingestReadings'].rejected).toHaveLength(5);

    // The same instant written with another offset is the same reading.
    const [sample] = readings;
    const offset = new Date(sample!.at).toISOString().replace('Z', '+00:00');
    const again = await stack.query(INGEST, { token: deviceGateway, variables: { readings: [{ ...sample, at: offset }] } });
    expect(again.data!['ingestReadings']).toMatchObject({ accepted: 0, duplicates: 1 });
  });

  it('is for the device gateway only', async () => {
    const readings = [{ deviceId: `smoke-${BUILDING}`, at: now.toISOString(), value: 0.1 }];
    for (const token of [engine, gridWorker, emergencyOfficer]) {
      const response = await stack.query(INGEST, { token, variables: { readings } });
      expect(codes(response)).toContain('FORBIDDEN');
    }
    // Anonymous callers write nothing: the public contract has no mutations at all.
    expect(codes(await stack.query(INGEST, { variables: { readings } }))).toContain('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('heartbeats', () => {
  it('mark a device silent for longer than its kind allows OFFLINE, and a reading brings it back', async () => {
    const camera = `cam-b-000003`;
    const heard = await stack.query(INGEST, {
      token: deviceGateway,
      variables: {
        readings: [
          { deviceId: camera, at: now.toISOString(), value: 0.3 },
          { deviceId: `smoke-b-000003`, at: now.toISOString(), value: 0.3 },
        ],
      },
    });
    expect(heard.data!['ingestReadings'].accepted).toBe(2);
    const sweep = 'mutation { sweepSilentDevices { markedOffline } }';

    // Four minutes later a camera (five-minute heartbeat) is still online.
    now = minutes(4);
    let swept = await stack.query(sweep, { token: emergencyOfficer });
    expect(swept.errors).toBeUndefined();
    expect(swept.data!['sweepSilentDevices'].markedOffline).not.toContain(camera);
    expect((await stack.query(DEVICE, { token: gridWorker, variables: { id: camera } })).data!['device'].status).toBe('ONLINE');

    // Six minutes after its reading it is not; the smoke sensor (an hour) still is.
    now = minutes(2);
    swept = await stack.query(sweep, { token: deviceGateway });
    expect(swept.data!['sweepSilentDevices'].markedOffline).toContain(camera);
    expect(swept.data!['sweepSilentDevices'].markedOffline).not.toContain('smoke-b-000003');
    const offline = await stack.query(DEVICE, { token: gridWorker, variables: { id: camera } });
    expect(offline.data!['device']).toMatchObject({ status: 'OFFLINE', unit: 'activity', place: { building: { id: 'b-000003' } } });

    await stack.query(INGEST, { token: deviceGateway, variables: { readings: [{ deviceId: camera, at: now.toISOString(), value: 0.1 }] } });
    const back = await stack.query(DEVICE, { token: gridWorker, variables: { id: camera } });
    expect(back.data!['device']).toMatchObject({ status: 'ONLINE', lastSeenAt: now.toISOString() });

    expect(codes(await stack.query(sweep, { token: gridWorker }))).toContain('FORBIDDEN');
  });
});

describe('alerts', () => {
  const input = (dedupeKey: string, extra: Record<string, unknown> = {}) => ({
    kind: 'FIRE',
    severity: 'CRITICAL',
    dedupeKey,
    buildingId: BUILDING,
    evidence: '烟感读数 15 %obs/m',
    deviceIds: [`smoke-${BUILDING}`],
    ...extra,
  });

  it('are raised by the engine only, once per dedupe key', async () => {
    const first = await stack.query(RAISE, { token: engine, variables: { input: input('FIRE:test-once') } });
    expect(first.errors).toBeUndefined();
    expect(first.data!['raiseAlert']).toMatchObject({ created: true, alert: { kind: 'FIRE', status: 'OPEN', department: 'EMERGENCY' } });
    const second = await stack.query(RAISE, { token: engine, variables: { input: input('FIRE:test-once', { severity: 'LOW' }) } });
    expect(second.data!['raiseAlert']).toMatchObject({
      created: false,
      alert: { id: first.data!['raiseAlert'].alert.id, severity: 'CRITICAL' },
    });

    for (const token of [gridWorker, emergencyOfficer])
      expect(codes(await stack.query(RAISE, { token, variables: { input: input('FIRE:by-staff') } }))).toContain('FORBIDDEN');
    const placeless = await stack.query(RAISE, { token: engine, variables: { input: input('FIRE:nowhere', { buildingId: null }) } });
    expect(codes(placeless)).toContain('BAD_USER_INPUT');
    const unknownPlace = await stack.query(RAISE, {
      token: engine,
      variables: { input: input('FIRE:nowhere', { buildingId: 'b-999999' }) },
    });
    expect(unknownPlace.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'buildingId' });
  });

  it('go OPEN → ACKNOWLEDGED → RESOLVED, by the staff of their place or their department, saying who and when', async () => {
    const raised = await stack.query(RAISE, { token: engine, variables: { input: input('FIRE:lifecycle') } });
    const id = raised.data!['raiseAlert'].alert.id as string;

    expect(codes(await stack.query(ACK, { token: otherGridWorker, variables: { id } }))).toContain('FORBIDDEN');
    expect(codes(await stack.query(ACK, { token: auditor, variables: { id } }))).toContain('FORBIDDEN');
    expect(
      codes(
        await stack.query(ACK, {
          token: await stack.token({ role: 'department_officer', sub: 'o-p', department: 'PETITIONS' }),
          variables: { id },
        }),
      ),
    ).toContain('FORBIDDEN');
    expect(codes(await stack.query(RESOLVE, { token: emergencyOfficer, variables: { id, resolution: '已处置' } }))).toContain('CONFLICT');

    now = minutes(7);
    const acknowledged = await stack.query(ACK, { token: gridWorker, variables: { id } });
    expect(acknowledged.errors).toBeUndefined();
    expect(acknowledged.data!['acknowledgeAlert']).toEqual({
      id,
      status: 'ACKNOWLEDGED',
      acknowledgedAt: now.toISOString(),
      acknowledgedBy: 'gw-1',
    });
    expect(codes(await stack.query(ACK, { token: emergencyOfficer, variables: { id } }))).toContain('CONFLICT');

    now = minutes(30);
    const resolved = await stack.query(RESOLVE, {
      token: emergencyOfficer,
      variables: { id, resolution: '消防到场，确认为厨房油烟，已处置' },
    });
    expect(resolved.errors).toBeUndefined();
    expect(resolved.data!['resolveAlert']).toEqual({
      id,
      status: 'RESOLVED',
      resolvedAt: now.toISOString(),
      resolvedBy: 'o-em',
      resolution: '消防到场，确认为厨房油烟，已处置',
    });

    const listed = await stack.query(
      `{ region(id: "${GRID}") { alerts(status: RESOLVED) { id status place { regionPath building { id } } } } }`,
      { token: gridWorker },
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data!['region'].alerts.map((alert: any) => alert.id)).toContain(id);
    expect(listed.data!['region'].alerts.every((alert: any) => alert.status === 'RESOLVED' && alert.place.regionPath.includes(GRID))).toBe(
      true,
    );
    const elsewhere = await stack.query(`{ region(id: "${OTHER_GRID}") { alerts { id } } }`, { token: gridWorker });
    expect(elsewhere.data!['region'].alerts.map((alert: any) => alert.id)).not.toContain(id);
    expect(codes(await stack.query(`{ region(id: "${GRID}") { alerts { id } } }`))).toContain('GRAPHQL_VALIDATION_FAILED');
  });

  it('show a care alert’s resident, evidence, devices and place to their grid’s staff on a care visit, and mask them for everyone else', async () => {
    const raised = await stack.query(RAISE, {
      token: engine,
      variables: {
        input: {
          kind: 'ELDERLY_INACTIVITY',
          severity: 'HIGH',
          dedupeKey: 'ELDERLY:test',
          householdId: 'h-0000002',
          residentId: 'p-0000004',
          personalEvidence: '独居老人家中水表 26 小时无用水',
          deviceIds: ['wm-h-0000002'],
        },
      },
    });
    const id = raised.data!['raiseAlert'].alert.id as string;
    const ALERT = `{ alert(id: "${id}") { kind department evidence personalEvidence resident { id } related { deviceIds } place { building { id } } } }`;
    const onVisit = await stack.token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID], purpose: 'care-visit' });
    const mine = await stack.query(ALERT, { token: onVisit });
    expect(mine.errors).toBeUndefined();
    expect(mine.data!['alert']).toEqual({
      kind: 'ELDERLY_INACTIVITY',
      department: 'CIVIL_AFFAIRS',
      evidence: null,
      personalEvidence: '独居老人家中水表 26 小时无用水',
      resident: { id: 'p-0000004' },
      related: { deviceIds: ['wm-h-0000002'] },
      place: { building: { id: BUILDING } },
    });
    // It implies two care flags (SENSITIVE): without the purpose, its own grid's worker sees only that it exists.
    const masked = {
      kind: 'ELDERLY_INACTIVITY',
      department: 'CIVIL_AFFAIRS',
      evidence: null,
      personalEvidence: null,
      resident: null,
      related: null,
      place: null,
    };
    for (const token of [gridWorker, otherGridWorker, auditor, emergencyOfficer]) {
      const seen = await stack.query(ALERT, { token });
      expect(seen.data!['alert']).toEqual(masked);
    }
    // The grid worker's reveal was recorded.
    const trail = await stack.query(
      '{ auditTrail(filter: { actorSub: "gw-1", subjectId: "p-0000004" }) { edges { node { typeName fields subgraph } } } }',
      { token: auditor },
    );
    expect(trail.data!['auditTrail'].edges.map((edge: any) => edge.node)).toContainEqual(
      expect.objectContaining({ typeName: 'Alert', subgraph: 'monitoring' }),
    );
  });

  it('are counted per department for supervision: raised, acknowledged, resolved, minutes to acknowledge', async () => {
    const response = await stack.query(
      '{ departments { code alertPerformance(period: { from: "2030-01-01T00:00:00Z", to: "2031-01-01T00:00:00Z" }) { raised acknowledged resolved open medianMinutesToAcknowledge } } }',
      { token: auditor },
    );
    expect(response.errors).toBeUndefined();
    const byCode = Object.fromEntries(
      (response.data!['departments'] as any[]).map((department) => [department.code, department.alertPerformance]),
    );
    expect(byCode['EMERGENCY']).toEqual({ raised: 2, acknowledged: 1, resolved: 1, open: 1, medianMinutesToAcknowledge: 7 });
    expect(byCode['CIVIL_AFFAIRS']).toMatchObject({ raised: 1, open: 1, medianMinutesToAcknowledge: null });
    expect(byCode['PETITIONS']).toMatchObject({ raised: 0 });
    const bad = await stack.query('{ departments { alertPerformance(period: { from: "soon", to: "later" }) { raised } } }', {
      token: auditor,
    });
    expect(codes(bad)).toContain('BAD_USER_INPUT');
  });
});

describe('hourly readings', () => {
  // Readings of one smoke sensor: an hour rolled up long ago, an hour partly rolled up and partly raw
  // (the retention job's cutoff fell inside it), and an hour still raw.
  const DEVICE_ID = 'smoke-b-000004';
  const OLD = '2030-01-15T10:00:00.000Z';
  const SPLIT = '2030-02-27T10:00:00.000Z';
  const RAW = '2030-02-27T11:00:00.000Z';
  const HOURLY = `query($id: ID!, $from: DateTimeISO!, $to: DateTimeISO!, $first: Int, $after: String) {
    device(id: $id) { id hourlyReadings(from: $from, to: $to, first: $first, after: $after) {
      edges { cursor node { hour count min max sum mean } } pageInfo { hasNextPage endCursor } } } }`;
  const period = { id: DEVICE_ID, from: '2030-01-01T00:00:00Z', to: '2030-03-01T00:00:00Z' };
  const at = (iso: string, minutes: number) => new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();
  beforeAll(async () => {
    // Roll-ups as the retention job writes them (on the hour, in the stored spelling of an instant).
    const spelled = (iso: string) => iso.replace('Z', '+00:00');
    await stack.sql(
      'monitoring',
      `INSERT INTO "ReadingHour" ("deviceId", "hour", "count", "min", "max", "sum") VALUES
        ('${DEVICE_ID}', '${spelled(OLD)}', 12, 0.1, 0.9, 6), ('${DEVICE_ID}', '${spelled(SPLIT)}', 2, 0.5, 4, 4.5)`,
    );
    const readings = [
      { deviceId: DEVICE_ID, at: at(SPLIT, 40), value: 1 },
      { deviceId: DEVICE_ID, at: at(SPLIT, 50), value: 3 },
      { deviceId: DEVICE_ID, at: at(RAW, 5), value: 2 },
    ];
    const stored = await stack.query(INGEST, { token: deviceGateway, variables: { readings } });
    expect(stored.data!['ingestReadings']).toMatchObject({ accepted: 3, rejected: [] });
  });

  const EXPECTED = [
    { hour: OLD, count: 12, min: 0.1, max: 0.9, sum: 6, mean: 0.5 },
    { hour: SPLIT, count: 4, min: 0.5, max: 4, sum: 8.5, mean: 2.125 },
    { hour: RAW, count: 1, min: 2, max: 2, sum: 2, mean: 2 },
  ];

  it('reach back past the raw retention from roll-ups, merge a half-pruned hour exactly, and page with the kit’s cursors', async () => {
    const first = await stack.query(HOURLY, { token: engine, variables: { ...period, first: 2 } });
    expect(first.errors).toBeUndefined();
    const page = first.data!['device'].hourlyReadings;
    expect(page.edges.map((edge: any) => edge.node)).toEqual(EXPECTED.slice(0, 2));
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await stack.query(HOURLY, { token: engine, variables: { ...period, first: 2, after: page.pageInfo.endCursor } });
    expect(next.data!['device'].hourlyReadings.edges.map((edge: any) => edge.node)).toEqual(EXPECTED.slice(2));
    expect(next.data!['device'].hourlyReadings.pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) });
    // The emergency department reads them too.
    const officer = await stack.query(HOURLY, { token: emergencyOfficer, variables: period });
    expect(officer.data!['device'].hourlyReadings.edges.map((edge: any) => edge.node)).toEqual(EXPECTED);
  });

  it('refuse an empty or inverted period, a page too large, and a cursor they did not give out (BAD_USER_INPUT)', async () => {
    for (const variables of [
      { ...period, to: period.from },
      { ...period, from: period.to, to: period.from },
      { ...period, first: 501 },
      { ...period, first: 0 },
      { ...period, after: 'not-a-cursor' },
    ]) {
      const response = await stack.query(HOURLY, { token: engine, variables });
      expect(codes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.data?.['device']?.hourlyReadings ?? null).toBeNull();
    }
  });

  it('tell nobody without the readings right anything: staff, partners, residents, other services and the public get no counts', async () => {
    const leaks = (response: unknown) => /"(count|sum|mean)"|0\.9|8\.5/.test(JSON.stringify(response));
    const callers = {
      gridWorker,
      auditor,
      cityOfficer: await stack.token({ role: 'department_officer', sub: 'o-cm-2', department: 'CITY_MANAGEMENT' }),
      partner: await stack.token({ role: 'partner', sub: 'k-1', organisation: 'org-water' }),
      resident: await stack.token({ role: 'resident', sub: 'p-0000001' }),
      deviceGateway,
    };
    for (const [who, token] of Object.entries(callers)) {
      const response = await stack.query(HOURLY, { token, variables: period });
      expect([who, response.data?.['device']?.hourlyReadings ?? null]).toEqual([who, null]);
      expect([who, codes(response).some((code) => ['FORBIDDEN', 'FORBIDDEN_FIELD'].includes(code))]).toEqual([who, true]);
      expect([who, leaks(response)]).toEqual([who, false]);
    }
    // Staff who may see the device see it, and only it: the readings right is what they lack.
    const worker = await stack.query(HOURLY, { token: gridWorker, variables: period });
    expect(worker.data!['device'].id).toBe(DEVICE_ID);
    expect(codes(worker)).toEqual(['FORBIDDEN']);
    const anonymous = await stack.query(HOURLY, { variables: period });
    expect(codes(anonymous)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(leaks(anonymous)).toBe(false);
  });

  it('leave the same access record as raw readings: none, as readings are INTERNAL records about no person', async () => {
    const reader = await stack.token({ role: 'department_officer', sub: 'o-em-hours', department: 'EMERGENCY' });
    const hourly = await stack.query(HOURLY, { token: reader, variables: period });
    expect(hourly.data!['device'].hourlyReadings.edges).toHaveLength(3);
    const raw = await stack.query(
      `{ deviceReadings(kinds: [SMOKE_SENSOR], from: "${period.from}", to: "${period.to}", first: 10) { at value } }`,
      {
        token: reader,
      },
    );
    expect(raw.errors).toBeUndefined();
    expect(raw.data!['deviceReadings'].length).toBeGreaterThan(0);
    const trail = await stack.query('{ auditTrail(filter: { actorSub: "o-em-hours" }) { edges { node { typeName fields } } } }', {
      token: auditor,
    });
    expect(trail.errors).toBeUndefined();
    expect(trail.data!['auditTrail'].edges).toEqual([]);
  });
});
