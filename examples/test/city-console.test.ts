import { expect, it } from '@jest/globals';
import type { TestStack } from '@liangling/stack';
import { buildConsole } from '../city-console/build';
import { startConsoleServer } from '../city-console/serve';
import type { DevServer } from '../shared/dev-server';
import { WIDTHS, describeInBrowser, horizontalOverflow, markersOutsideMap, screenshot } from './browser';

const GRID = 'r-210103-1-1-1';
const COMMUNITY = 'r-210103-1-1';
let visitHousehold = '';

/** Community staff plan a care visit in the grid for the console's grid worker (gw-duofu-1), open now. */
async function planVisit(stack: TestStack, reason: string): Promise<string> {
  const staff = await stack.token({ role: 'community_staff', sub: 'cs-duofu', regions: [COMMUNITY] });
  const grid = await stack.query<{ residents: { edges: { node: { household: { id: string } } }[] } }>(
    'query ($id: ID!) { residents(regionId: $id, first: 1) { edges { node { household { id } } } } }',
    { token: staff, variables: { id: GRID } },
  );
  visitHousehold = grid.data!.residents.edges[0]!.node.household.id;
  const now = Date.now();
  const planned = await stack.query<{ planCareVisit: { id: string } }>(
    'mutation ($input: PlanCareVisitInput!) { planCareVisit(input: $input) { id } }',
    {
      token: staff,
      variables: {
        input: {
          householdId: visitHousehold,
          assigneeId: 'gw-duofu-1',
          reason,
          windowStart: new Date(now - 3_600_000).toISOString(),
          windowEnd: new Date(now + 4 * 3_600_000).toISOString(),
        },
      },
    },
  );
  if (planned.errors) throw new Error(JSON.stringify(planned.errors));
  return planned.data!.planCareVisit.id;
}

let serviceToken = '';

async function raise(stack: TestStack, dedupeKey: string, evidence: string): Promise<string> {
  const response = await stack.query<{ raiseAlert: { alert: { id: string } } }>(
    'mutation ($input: RaiseAlertInput!) { raiseAlert(input: $input) { alert { id } } }',
    {
      token: serviceToken,
      variables: { input: { kind: 'WATER_LEAK', severity: 'HIGH', dedupeKey, buildingId: 'b-000001', evidence } },
    },
  );
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data!.raiseAlert.alert.id;
}

async function serveConsole(stack: TestStack): Promise<DevServer> {
  serviceToken = await stack.token({ role: 'service', sub: 'early-warning', purpose: 'early-warning', scopes: ['alerts:write'] });
  await raise(stack, 'console-test-earlier', '二号楼地下室积水');
  const callers = {
    emergency: { role: 'department_officer' as const, sub: 'em-duty-1', department: 'EMERGENCY', clientApp: 'city-console' },
    'grid-worker': { role: 'grid_worker' as const, sub: 'gw-duofu-1', regions: [GRID], clientApp: 'city-console' },
    supervisor: { role: 'department_officer' as const, sub: 'sup-1', department: 'SUPERVISION', clientApp: 'city-console' },
  };
  await buildConsole();
  return startConsoleServer({
    gatewayUrl: stack.url,
    port: 0,
    token: (profile) => stack.token(callers[profile as keyof typeof callers] ?? callers.emergency),
  });
}

describeInBrowser('city-console', serveConsole, (suite) => {
  it.each(WIDTHS)(
    'at %i px: the map drills down with every department’s figures, a raised alert appears live and is handled, supervision sorts; nothing refused',
    async (width) => {
      const { stack, server, open } = suite();
      const { page, problems } = await open(width);
      await page.goto(`${server.url}?as=emergency#map`);
      await page.waitForSelector('main[data-ready="true"] svg[data-map] .area');
      // The city's districts, each with figures; markers of open alerts inside the map.
      expect(await page.locator('svg[data-map] .area').count()).toBeGreaterThan(1);
      expect(await page.locator('table.figures tbody tr').count()).toBe(await page.locator('svg[data-map] .area').count());
      const markers = await markersOutsideMap(page, null, 'svg[data-map]', 'circle[data-alert-marker]');
      expect(markers.markers).toBeGreaterThan(0);
      expect(markers.outside).toBe(0);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `city-console-map-${width}`);
      // Down to the grids of 多福社区 and back up one level.
      for (const id of ['r-210103', 'r-210103-1', 'r-210103-1-1']) {
        await page.click(`[data-drill-to="${id}"]`);
        await page.waitForSelector(`table.figures tr[data-row^="${id}-"]`);
      }
      await expect(page.locator('.crumbs').innerText()).resolves.toContain('多福社区');
      await expect(page.locator(`tr[data-row="${GRID}"]`).innerText()).resolves.toContain('多福社区第一网格');
      await page.click('.crumbs button');
      await page.waitForSelector('tr[data-row="r-210103-1-1"]');

      // The live feed: an alert raised now appears within seconds, without a reload; then handled.
      await page.click('nav a[data-view="alerts"]');
      await page.waitForSelector('p.live[data-live="true"]');
      const raisedAt = Date.now();
      const id = await raise(stack, `console-test-live-${width}-${raisedAt}`, `三号楼水管爆裂 ${width}`);
      await page.waitForSelector(`li[data-alert="${id}"]`, { timeout: 5000 });
      const seconds = (Date.now() - raisedAt) / 1000;
      expect(seconds).toBeLessThan(5);
      await expect(page.locator(`li[data-alert="${id}"]`).innerText()).resolves.toContain('多福社区第一网格');
      await screenshot(page, `city-console-alerts-${width}`);
      await page.click(`[data-ack="${id}"]`);
      await page.waitForSelector(`li[data-alert="${id}"][data-status="ACKNOWLEDGED"]`);
      // An empty resolution: the API's BAD_USER_INPUT message beside the field, nothing resolved.
      await page.click(`form[data-resolve="${id}"] button`);
      await page.waitForSelector(`[data-error-for="${id}"]:not(:empty)`);
      await page.fill(`form[data-resolve="${id}"] input`, '已关闭总阀并通知水务抢修');
      await page.click(`form[data-resolve="${id}"] button`);
      await page.waitForSelector(`li[data-alert="${id}"][data-status="RESOLVED"]`);

      // Supervision: every department in one request, sortable, with a chart.
      await page.click('nav a[data-view="supervision"]');
      await page.waitForSelector('table.sortable tbody tr');
      expect(await page.locator('table.sortable tbody tr').count()).toBeGreaterThanOrEqual(7);
      const firstBefore = await page.locator('table.sortable tbody tr').first().getAttribute('data-department');
      await page.click('[data-sort="alertsRaised"]');
      await page.waitForFunction(() => document.querySelector('[data-sort="alertsRaised"]')?.textContent?.includes('▼'));
      await expect(page.locator('table.sortable tbody tr').first().getAttribute('data-department')).resolves.toBe('EMERGENCY');
      expect(firstBefore).not.toBeNull();
      expect(await page.locator('svg[data-chart] rect').count()).toBe(await page.locator('table.sortable tbody tr').count());
      await screenshot(page, `city-console-supervision-${width}`);

      // English, with no Chinese options.
      await page.click('#lang');
      await page.waitForFunction(() => document.querySelector('header h1')?.textContent === 'Liangling · City operations console');
      const options = await page.evaluate(() => [...document.querySelectorAll('select option')].map((option) => option.textContent ?? ''));
      expect(options.filter((text) => /[\u4e00-\u9fff]/.test(text))).toEqual([]);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await page.click('#lang');

      // The only refusal on the way was the empty resolution, asked for on purpose.
      expect(problems.filter((problem) => !problem.includes('BAD_USER_INPUT'))).toEqual([]);
      await page.close();
    },
    120_000,
  );

  it.each(WIDTHS)(
    'at %i px: a grid worker’s workbench shows their residents as their clearance does, and the care visit planned for them, which they close',
    async (width) => {
      const { stack, server, open } = suite();
      const visit = await planVisit(stack, `走访 ${width}`);
      const { page, problems } = await open(width);
      await page.goto(`${server.url}?as=grid-worker#workbench`);
      await page.waitForSelector('tr[data-resident]');
      await expect(page.locator(`li[data-care-visit="${visit}"]`).innerText()).resolves.toContain(`走访 ${width}`);
      const first = await page.locator('tr[data-resident]').first().innerText();
      // Their own grid: names and phones in full, ID numbers masked (sensitive, no care-visit purpose).
      expect(first).toMatch(/1\d{10}/);
      expect(first).toMatch(/\d{4}\*{14}/);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `city-console-workbench-${width}`);
      // The visit made: its outcome recorded, it closes and leaves the list.
      await page.fill(`form[data-visit="${visit}"] textarea`, '老人身体状况良好');
      await page.click(`form[data-visit="${visit}"] button`);
      await page.waitForSelector(`li[data-care-visit="${visit}"]`, { state: 'detached' });
      const closed = await stack.query<{ household: { careVisits: { id: string; status: string; outcome: string | null }[] } }>(
        'query ($id: ID!) { household(id: $id) { careVisits { id status outcome } } }',
        {
          token: await stack.token({ role: 'community_staff', sub: 'cs-duofu', regions: [COMMUNITY] }),
          variables: { id: visitHousehold },
        },
      );
      expect(closed.data!.household.careVisits.find((each) => each.id === visit)).toEqual({
        id: visit,
        status: 'CLOSED',
        outcome: '老人身体状况良好',
      });
      // The map of a grid worker: figures exact in their grid, protected elsewhere.
      await page.click('nav a[data-view="map"]');
      await page.waitForSelector('svg[data-map] .area');
      // At the city level a grid worker's figures are protected (rounded with noise: 约…, or withheld).
      expect(
        (await page.locator('table.figures .protected').count()) + (await page.locator('table.figures').innerText()).split('约').length - 1,
      ).toBeGreaterThan(0);
      expect(problems).toEqual([]);
      await page.close();
    },
    60_000,
  );
});
