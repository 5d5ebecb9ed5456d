import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { startStack, type RunningStack } from '@liangling/stack';

// The escalation sweep keeps its state in the department's database: a stack started again on the
// same data folder still escalates what fell due while it was down, and `npm start`'s scheduled run
// does it without anyone asking.

const HOME = ['r-2101', 'r-210103', 'r-210103-1', 'r-210103-1-1', 'r-210103-1-1-1'];
const HOUR = 3_600_000;
const dataDir = mkdtempSync(join(tmpdir(), 'liangling-restart-'));
let now = new Date(Math.floor(Date.now() / 1000) * 1000);
let running: RunningStack | undefined;

const start = async (jobIntervalMs: number) => {
  running = await startStack({ dataDir, seedResidents: 200, gatewayPort: 0, subgraphPorts: {}, clock: () => now, jobIntervalMs });
  return running;
};
const stop = async () => {
  await running?.stop();
  running = undefined;
};

afterAll(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function read(stack: RunningStack, id: string) {
  const token = await stack.token({ role: 'department_officer', sub: 'o-1', department: 'CITY_MANAGEMENT' });
  const response = await stack.query('query($id: ID!) { repairRequest(id: $id) { status tier timeline { action } } }', {
    token,
    variables: { id },
  });
  expect(response.errors).toBeUndefined();
  return response.data!['repairRequest'];
}

describe('the escalation sweep across restarts', () => {
  it('escalates after a restart what fell due while the stack was down, and runs on its own on an interval', async () => {
    let stack = await start(0);
    const resident = await stack.token({ role: 'resident', sub: 'p-0000001', home: HOME });
    const submitted = await stack.query('mutation($input: SubmitRepairRequestInput!) { submitRepairRequest(input: $input) { id } }', {
      token: resident,
      variables: { input: { category: 'WATER', description: '水管漏水', contactPhone: '13800138000', clientKey: 'restart-1' } },
    });
    expect(submitted.errors).toBeUndefined();
    const id: string = submitted.data!['submitRepairRequest'].id;
    await stop();

    now = new Date(now.getTime() + 25 * HOUR);
    stack = await start(0);
    const service = await stack.token({ role: 'service', sub: 'escalation-sweep', scopes: ['jobs:run'] });
    const sweep = await stack.query('mutation { runEscalationSweep { escalated } }', { token: service });
    expect(sweep.data!['runEscalationSweep'].escalated).toContain(id);
    expect(await read(stack, id)).toMatchObject({ status: 'ESCALATED', tier: 'STREET' });
    await stop();

    // Started as `npm start` does, with the sweep on an interval: nobody calls it, and it still runs.
    now = new Date(now.getTime() + 25 * HOUR);
    stack = await start(20);
    let request = await read(stack, id);
    for (let attempt = 0; attempt < 100 && request.tier !== 'DISTRICT'; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      request = await read(stack, id);
    }
    expect(request).toMatchObject({ status: 'ESCALATED', tier: 'DISTRICT' });
    // Repeated runs at the same clock escalated it once at each tier.
    expect(request.timeline.filter((entry: { action: string }) => entry.action === 'ESCALATE')).toHaveLength(2);
  });
});
