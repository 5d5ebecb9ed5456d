import { describe, expect, it } from '@jest/globals';
import { useTestStack } from '@liangling/stack/src/jest';
import {
  AcceptRepairRequestDocument,
  DispatchRepairRequestDocument,
  MyRepairRequestsDocument,
  RateRepairRequestDocument,
  SubmitRepairRequestDocument,
  createClient,
} from '@liangling/sdk/government';
import { main } from '../partner-integration/worker';

const GRID = 'r-210103-1-1-1';
const HOME = ['r-2101', 'r-210103', 'r-210103-1', 'r-210103-1-1', GRID];

const stack = useTestStack();

describe('examples/partner-integration', () => {
  it('works its queue from dispatched to resolved, with the contact it needs, and sees nothing else personal', async () => {
    const resident = createClient({ url: stack().url, token: await stack().token({ role: 'resident', sub: 'p-0000001', home: HOME }) });
    const gridWorker = createClient({
      url: stack().url,
      token: await stack().token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID] }),
    });
    // A water leak, taken on by the grid worker and dispatched to the water company; and a gas smell, not ours.
    const water = await resident.request(SubmitRepairRequestDocument, {
      input: { category: 'WATER', description: '楼道水管爆裂', contactPhone: '13800003333', clientKey: 'partner-example-water' },
    });
    const gas = await resident.request(SubmitRepairRequestDocument, {
      input: { category: 'GAS', description: '燃气表异响', contactPhone: '13800002222', clientKey: 'partner-example-gas' },
    });
    await gridWorker.request(AcceptRepairRequestDocument, { id: water.submitRepairRequest.id });
    const dispatched = await gridWorker.request(DispatchRepairRequestDocument, {
      id: water.submitRepairRequest.id,
      organisationId: 'org-water',
    });
    expect(dispatched.dispatchRepairRequest.assignee?.id).toBe('org-water');

    const token = await stack().token({ role: 'partner', sub: 'k-1', organisation: 'org-water' });
    const lines: string[] = [];
    const report = await main({
      url: stack().url,
      token,
      organisationId: 'org-water',
      requestIds: [gas.submitRepairRequest.id],
      print: (line) => lines.push(line),
    });

    expect(report.organisation).toBe('沈阳水务集团有限公司');
    // Its own request: the contact phone in the clear (it must call back), worked through to RESOLVED.
    expect(report.worked).toContainEqual({ id: water.submitRepairRequest.id, contactPhone: '13800003333', status: 'RESOLVED' });
    // Not its request: the phone never reaches it in the clear.
    for (const request of report.requests) {
      expect(request.contactPhone).not.toBe('13800002222');
      expect(request.masked).toBe(true);
    }
    expect(report.denied).toEqual(['resident']);
    expect(report.refused.length).toBeGreaterThan(0);
    expect(lines.join('\n')).toContain('residents list: refused');

    // The resident follows it and rates it.
    await resident.request(RateRepairRequestDocument, { id: water.submitRepairRequest.id, rating: 5, feedback: '很快' });
    const { me } = await resident.request(MyRepairRequestsDocument);
    expect(me?.repairRequests?.find((request) => request.id === water.submitRepairRequest.id)).toMatchObject({
      status: 'RESOLVED',
      rating: 5,
    });
  });
});
