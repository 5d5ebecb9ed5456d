import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestStack } from '@liangling/stack';
import { SubmitRepairRequestDocument, createClient } from '@liangling/sdk/government';
import { main } from '../partner-integration/worker';

const HOME = ['r-2101', 'r-210103', 'r-210103-1', 'r-210103-1-1', 'r-210103-1-1-1'];

let stack: Awaited<ReturnType<typeof startTestStack>> | undefined;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

describe('examples/partner-integration', () => {
  it('reads its organisation, and sees no resident’s personal data nor a request not assigned to it', async () => {
    if (!stack) throw new Error('the stack did not start');
    const resident = createClient({ url: stack.url, token: await stack.token({ role: 'resident', sub: 'p-0000001', home: HOME }) });
    const { submitRepairRequest } = await resident.request(SubmitRepairRequestDocument, {
      input: { category: 'GAS', description: '燃气表异响', contactPhone: '13800002222', clientKey: 'partner-example-gas' },
    });
    const token = await stack.token({ role: 'partner', sub: 'k-1', organisation: 'org-water' });
    const lines: string[] = [];
    const report = await main({ url: stack.url, token, organisationId: 'org-water', requestIds: [submitRepairRequest.id], print: (line) => lines.push(line) });

    expect(report.organisation).toBe('沈阳水务集团有限公司');
    // A gas request is not the water company's: its contact phone never reaches it in the clear.
    for (const request of report.requests) {
      expect(request.contactPhone).not.toBe('13800002222');
      expect(request.masked).toBe(true);
    }
    expect(report.denied).toEqual(expect.arrayContaining(['resident.name', 'resident.phone']));
    expect(report.refused.length).toBeGreaterThan(0);
    expect(lines.join('\n')).toContain('residents list: refused');
  });
});
