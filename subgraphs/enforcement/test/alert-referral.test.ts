import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestStack, type GraphQLResponse, type RunningStack } from '@liangling/stack';

// An early-warning alert referred to enforcement (综合执法): one case per alert, linked both ways
// across the monitoring and enforcement subgraphs through the gateway.

let stack: RunningStack;
let officer: string;
let engine: string;
let alertId: string;

const ok = (response: GraphQLResponse): Record<string, any> => {
  expect(response.errors).toBeUndefined();
  return response.data!;
};

beforeAll(async () => {
  stack = await startTestStack({ seedResidents: 200 });
  officer = await stack.token({ role: 'department_officer', sub: 'o-enf-1', department: 'ENFORCEMENT' });
  engine = await stack.token({ role: 'service', sub: 'early-warning', purpose: 'early-warning', scopes: ['alerts:write'] });
  const raised = ok(
    await stack.query('mutation($input: RaiseAlertInput!) { raiseAlert(input: $input) { alert { id } } }', {
      token: engine,
      variables: {
        input: {
          kind: 'REPEATED_COMPLAINTS',
          severity: 'MEDIUM',
          dedupeKey: 'REPEATED_COMPLAINTS:b-000003:test',
          buildingId: 'b-000003',
          evidence: '3 repair requests (HEATING) from building b-000003 in the last 24 h.',
        },
      },
    }),
  );
  alertId = raised['raiseAlert'].alert.id;
});
afterAll(async () => {
  await stack?.stop();
});

const REFER =
  'mutation($alertId: ID!) { referAlert(alertId: $alertId, type: ILLEGAL_CONSTRUCTION, note: "预警转办：楼内私改暖气管道", place: "b-000003") { id caseNumber source originId } }';

describe('referAlert', () => {
  it('opens one case with source ALERT, however often the alert is referred', async () => {
    const first = ok(await stack.query(REFER, { token: officer, variables: { alertId } }))['referAlert'];
    expect(first).toMatchObject({ source: 'ALERT', originId: alertId, caseNumber: expect.any(String) });
    const again = ok(await stack.query(REFER, { token: officer, variables: { alertId } }))['referAlert'];
    expect(again.id).toBe(first.id);
  });

  it('links the alert and the case both ways through the gateway', async () => {
    const fromAlert = ok(
      await stack.query('query($id: ID!) { alert(id: $id) { id kind referredCase { id source status } } }', {
        token: officer,
        variables: { id: alertId },
      }),
    )['alert'];
    expect(fromAlert.referredCase).toMatchObject({ source: 'ALERT', status: 'REGISTERED' });
    const fromCase = ok(
      await stack.query('query($id: ID!) { enforcementCase(id: $id) { id alert { id kind severity } } }', {
        token: officer,
        variables: { id: fromAlert.referredCase.id },
      }),
    )['enforcementCase'];
    expect(fromCase.alert).toEqual({ id: alertId, kind: 'REPEATED_COMPLAINTS', severity: 'MEDIUM' });
  });

  it('is for enforcement officers only, and an alert never referred has no case', async () => {
    const other = await stack.token({ role: 'department_officer', sub: 'o-city-1', department: 'CITY_MANAGEMENT' });
    const refused = await stack.query(REFER, { token: other, variables: { alertId: 'alert-unreferred' } });
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const second = ok(
      await stack.query('mutation($input: RaiseAlertInput!) { raiseAlert(input: $input) { alert { id referredCase { id } } } }', {
        token: engine,
        variables: { input: { kind: 'FIRE', severity: 'CRITICAL', dedupeKey: 'FIRE:smoke-b-000004:test', buildingId: 'b-000004' } },
      }),
    );
    expect(second['raiseAlert'].alert.referredCase).toBeNull();
  });
});
