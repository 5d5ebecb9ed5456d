import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestStack, type RunningStack } from '@liangling/stack';
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

let stack: RunningStack;
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
    readings[4999] = { deviceId: `smoke-b-000002`, at: readings[4999]!.at, value: 250 };
    readings[2500] = { deviceId: `gas-b-000002`, at: readings[2500]!.at, value: -1 };

    const first = await stack.query(INGEST, { token: deviceGateway, variables: { readings } });
    expect(first.errors).toBeUndefined();
    const result = first.data!['ingestReadings'];
    expect(result.accepted).toBe(4996);
    expect(result.duplicates).toBe(0);
    expect(result.rejected.map((rejection: any) => [rejection.index, rejection.reason])).toEqual([
      [7, 'UNKNOWN_DEVICE'],
      [100, 'IN_THE_FUTURE'],
      [2500, 'OUT_OF_RANGE'],
      [4999, 'OUT_OF_RANGE'],
    ]);
    expect(result.rejected[0].deviceId).toBe('smoke-b-999999');

    // The device gateway retries the whole batch (it never heard back): nothing is stored twice.
    const retry = await stack.query(INGEST, { token: deviceGateway, variables: { readings } });
    expect(retry.data!['ingestReadings']).toMatchObject({ accepted: 0, duplicates: 4996 });
    expect(retry.data!['ingestReadings'].rejected).toHaveLength(4);

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
