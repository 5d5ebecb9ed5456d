import { beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_SUBMISSIONS_PER_DAY } from '@liangling/kit';
import { useTestStack } from '../src/jest';

// One resident who scripts submissions (the bench's mutation mix once filed 2,642 repair requests in
// 12 s) is refused past the daily limit, and the staff pages that list them stay the size they were.
const GRID = 'r-210103-1-1-1';
const HOME = ['r-2101', 'r-210103', 'r-210103-1', 'r-210103-1-1', GRID];
const FLOODER = 'p-0000001';
const LIMIT = DEFAULT_SUBMISSIONS_PER_DAY;

const SUBMIT = 'mutation($input: SubmitRepairRequestInput!) { submitRepairRequest(input: $input) { id } }';
const PETITION = 'mutation($input: SubmitPetitionInput!) { submitPetition(input: $input) { id } }';
const OPINION = 'mutation($input: PostOpinionInput!) { postOpinion(input: $input) { id } }';
const GRID_PAGE =
  'query($grid: ID!) { residents(regionId: $grid, first: 50) { edges { node { id name phone repairRequests { id category status description createdAt } } } } }';

const stack = useTestStack();
let flooder: string;
let worker: string;
beforeAll(async () => {
  flooder = await stack().token({ role: 'resident', sub: FLOODER, regions: [], home: HOME });
  worker = await stack().token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID] });
});

const codeOf = (response: { errors?: readonly { extensions?: Record<string, any> }[] }) => response.errors?.[0]?.extensions?.['code'];
const repair = (clientKey: string, token = flooder) =>
  stack().query(SUBMIT, {
    token,
    variables: { input: { category: 'WATER', description: '厨房水管漏水', contactPhone: '13800138000', clientKey } },
  });

async function gridPage(): Promise<{ bytes: number; flooderRequests: number }> {
  const response = await stack().query(GRID_PAGE, { token: worker, variables: { grid: GRID } });
  expect(response.errors).toBeUndefined();
  const nodes = response.data!['residents'].edges.map((edge: any) => edge.node);
  const flooderNode = nodes.find((node: any) => node.id === FLOODER);
  expect(flooderNode).toBeDefined();
  return { bytes: JSON.stringify(response.data).length, flooderRequests: flooderNode.repairRequests.length };
}

describe('a resident submitting far past the daily limit', () => {
  it('files repair requests up to the limit, is refused with SUBMISSION_LIMIT_EXCEEDED after it, and the grid page listing them stays the same size', async () => {
    const before = await gridPage();
    const outcomes: (string | undefined)[] = [];
    let accepted = 0;
    let atLimit: { bytes: number; flooderRequests: number } | undefined;
    for (let i = 0; i < LIMIT * 3; i += 1) {
      if (i === LIMIT) atLimit = await gridPage();
      const response = await repair(`flood-${i}`);
      if (response.data?.['submitRepairRequest']?.id) accepted += 1;
      outcomes.push(codeOf(response));
    }
    expect(accepted).toBe(LIMIT);
    expect(outcomes.slice(0, LIMIT).every((code) => code === undefined)).toBe(true);
    expect(outcomes.slice(LIMIT).every((code) => code === 'SUBMISSION_LIMIT_EXCEEDED')).toBe(true);

    const refused = await repair('flood-refused');
    expect(refused.status).toBe(200);
    expect(refused.data?.['submitRepairRequest'] ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'SUBMISSION_LIMIT_EXCEEDED', limit: LIMIT, windowHours: 24 });

    // Refusals write nothing: the page is byte for byte the size it was when the limit was reached.
    const after = await gridPage();
    // (The page lists a bounded number of each resident's requests, so it shows the newest of those 30.)
    expect(atLimit!.flooderRequests).toBeGreaterThan(before.flooderRequests);
    expect(after).toEqual(atLimit);
  });

  it('still gets the first answer when retrying a submission it already made (a retry is not a new one)', async () => {
    const retry = await repair('flood-0');
    expect(retry.errors).toBeUndefined();
    expect(retry.data!['submitRepairRequest'].id).toMatch(/^rr-/);
  });

  it('does not hold back another resident of the same grid', async () => {
    const neighbour = await stack().token({ role: 'resident', sub: 'p-0000002', regions: [], home: HOME });
    const response = await repair('neighbour-1', neighbour);
    expect(response.errors).toBeUndefined();
    expect(response.data!['submitRepairRequest'].id).toMatch(/^rr-/);
  });

  it('is held to the same limit for online petitions and opinions', async () => {
    for (const [document, field, input] of [
      [
        PETITION,
        'submitPetition',
        (i: number) => ({
          subject: '噪音扰民',
          content: '楼下商铺夜间噪音。',
          targetDepartment: 'CITY_MANAGEMENT',
          clientKey: `pt-flood-${i}`,
        }),
      ],
      [OPINION, 'postOpinion', (i: number) => ({ topic: `建议${i}`, content: '增设充电桩。', regionId: GRID })],
    ] as const) {
      let accepted = 0;
      const codes = new Set<string | undefined>();
      for (let i = 0; i < LIMIT + 5; i += 1) {
        const response = await stack().query(document, { token: flooder, variables: { input: input(i) } });
        if (response.data?.[field]?.id) accepted += 1;
        else codes.add(codeOf(response));
      }
      expect({ field, accepted, codes: [...codes] }).toEqual({ field, accepted: LIMIT, codes: ['SUBMISSION_LIMIT_EXCEEDED'] });
    }
  });
});
