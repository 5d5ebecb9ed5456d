import { expect, it } from '@jest/globals';
import type { TestStack } from '@liangling/stack';
import {
  AcceptRepairRequestDocument,
  DispatchRepairRequestDocument,
  GridResidentsDocument,
  PostOpinionDocument,
  SubmitPetitionDocument,
  SubmitRepairRequestDocument,
  createClient,
} from '@liangling/sdk/government';
import { ProgressRepairRequestDocument, ResolveRepairRequestDocument } from '@liangling/sdk/partner';
import { buildApp } from '../gov-service-app/build';
import { startDevServer, type DevServer } from '../gov-service-app/serve';
import { WIDTHS, describeInBrowser, horizontalOverflow, markersOutsideMap, screenshot } from './browser';

const GRID = 'r-210103-1-1-1';
const HOME = ['r-2101', 'r-210103', 'r-210103-1', 'r-210103-1-1', GRID];

let resolvedId = '';

async function serveApp(stack: TestStack): Promise<DevServer> {
  const residentToken = await stack.token({ role: 'resident', sub: 'p-0000001', home: HOME, clientApp: 'gov-service-app' });
  // Something to show: a grid worker's visit (so the access log has entries), a repair request,
  // a petition and an opinion of the resident's own.
  const gridWorker = createClient({
    url: stack.url,
    token: await stack.token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID], clientApp: 'grid-platform' }),
    purpose: 'grid-visit',
  });
  await gridWorker.request(GridResidentsDocument, { regionId: GRID, first: 5 });
  const resident = createClient({ url: stack.url, token: residentToken });
  await resident.request(SubmitRepairRequestDocument, {
    input: { category: 'HEATING', description: '暖气不热', contactPhone: '13800001111', clientKey: 'browser-test-heating' },
  });
  // A leak repaired by the water company, waiting for the resident's rating.
  const leak = await resident.request(SubmitRepairRequestDocument, {
    input: { category: 'WATER', description: '卫生间漏水', contactPhone: '13800001111', clientKey: 'browser-test-leak' },
  });
  await gridWorker.request(AcceptRepairRequestDocument, { id: leak.submitRepairRequest.id });
  await gridWorker.request(DispatchRepairRequestDocument, { id: leak.submitRepairRequest.id, organisationId: 'org-water' });
  const water = createClient({ url: stack.url, token: await stack.token({ role: 'partner', sub: 'k-1', organisation: 'org-water' }) });
  await water.request(ProgressRepairRequestDocument, { id: leak.submitRepairRequest.id });
  await water.request(ResolveRepairRequestDocument, { id: leak.submitRepairRequest.id });
  resolvedId = leak.submitRepairRequest.id;
  await resident.request(SubmitPetitionDocument, {
    input: {
      channel: 'ONLINE',
      subject: '小区路灯长期不亮',
      content: '三号楼前的路灯坏了两个月。',
      targetDepartment: 'CITY_MANAGEMENT',
      clientKey: 'browser-test-petition',
    },
  });
  await resident.request(PostOpinionDocument, {
    input: { topic: '增设电动车充电桩', content: '建议在社区广场旁增设充电桩。', regionId: 'r-210103-1-1' },
  });

  await buildApp();
  return startDevServer({ gatewayUrl: stack.url, token: async () => residentToken, port: 0 });
}

describeInBrowser('gov-service-app', serveApp, (suite) => {
  it.each(WIDTHS)(
    'at %i px: services on the map, repair, petitions, opinions, who accessed my data, in Chinese and English; nothing refused',
    async (width) => {
      const { server, open } = suite();
      const { page, problems } = await open(width);
      await page.goto(server.url);
      await page.waitForSelector('main[data-ready="true"]');
      await page.waitForSelector('liangling-neighbour-services[data-ready="true"]');

      // The element, embedded by script tag, waited for its token provider: services listed, and the
      // local ones pinned inside the map, with my home.
      const services = page.locator('liangling-neighbour-services li[data-service]');
      expect(await services.count()).toBeGreaterThan(0);
      const pins = await markersOutsideMap(page, 'liangling-neighbour-services', 'svg[data-map]', 'circle[data-marker]');
      expect(pins.markers).toBeGreaterThan(0);
      expect(pins.outside).toBe(0);
      expect((await markersOutsideMap(page, 'liangling-neighbour-services', 'svg[data-map]', 'g[data-home] rect')).outside).toBe(0);
      expect(await page.locator('liangling-neighbour-services path.grid.mine').count()).toBe(1);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `gov-service-app-${width}`);

      // A category narrows the list to that category.
      const all = await services.count();
      await page.locator('liangling-neighbour-services select').selectOption('ELDERLY_CARE');
      await page.waitForFunction(() => {
        const items = document
          .querySelector('liangling-neighbour-services')
          ?.shadowRoot?.querySelectorAll('li[data-service] .meta:first-of-type');
        return !!items && items.length > 0 && Array.from(items).every((item) => item.textContent?.startsWith('养老照护'));
      });
      await page.locator('liangling-neighbour-services select').selectOption('');
      await page.waitForFunction(
        (count) =>
          (document.querySelector('liangling-neighbour-services')?.shadowRoot?.querySelectorAll('li[data-service]').length ?? 0) === count,
        all,
      );

      // The petition, with its clock in words; the opinion; the grid worker's visit in plain language.
      await expect(page.locator('#petitions').innerText()).resolves.toContain('小区路灯长期不亮');
      await expect(page.locator('#petitions .clock').first().innerText()).resolves.toMatch(/信访部门须在 \d+ 天内/);
      expect(await page.locator('#opinions li[data-opinion]').count()).toBeGreaterThan(0);
      await expect(page.locator('#access').innerText()).resolves.toContain('网格员为了「网格走访」，通过网格化管理平台查看了您的个人信息');

      // One-click repair: the phone is prefilled from `me`; a bad description gets the API's message
      // beside the field, and nothing is filed; then a good one is filed once.
      await expect(page.inputValue('#repair-form input[name="phone"]')).resolves.toMatch(/^1\d{10}$/);
      const before = await page.locator('#requests li[data-request]').count();
      await page.fill('#repair-form textarea[name="description"]', 'x'.repeat(501));
      await page.click('#repair-form button[type="submit"]');
      await page.waitForSelector('[data-error-for="repair.description"]:not(:empty)');
      await expect(page.locator('[data-error-for="repair.description"]').innerText()).resolves.toContain(
        'description must be 1 to 500 characters',
      );
      await page.fill('#repair-form textarea[name="description"]', `厨房水管漏水 ${width}`);
      await page.selectOption('#repair-form select[name="category"]', 'WATER');
      // Two clicks in a row: the button is disabled while the first runs, and the client key is one.
      await page.evaluate(() => {
        const button = document.querySelector<HTMLButtonElement>('#repair-form button[type="submit"]');
        button?.click();
        button?.click();
      });
      await page.waitForFunction((count) => document.querySelectorAll('#requests li[data-request]').length >= count + 1, before);
      await page.waitForTimeout(500);
      expect(await page.locator('#requests li[data-request]').count()).toBe(before + 1);
      await expect(page.locator('#requests li[data-request]').first().innerText()).resolves.toContain(`厨房水管漏水 ${width}`);
      await expect(page.locator('#requests li[data-request]').first().innerText()).resolves.toContain('已提交');
      await expect(page.locator('[data-error-for="repair.description"]').innerText()).resolves.toBe('');

      // My requests, live: the grid worker accepts the new request, and the page shows it without a reload.
      await page.waitForSelector('#requests-live');
      const filed = await page.locator('#requests li[data-request]').first().getAttribute('data-request');
      const gridWorker = createClient({
        url: suite().stack.url,
        token: await suite().stack.token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID], clientApp: 'grid-platform' }),
      });
      await gridWorker.request(AcceptRepairRequestDocument, { id: filed! });
      await page.waitForFunction(
        (id) => document.querySelector(`#requests li[data-request="${id}"] .status`)?.textContent === '已受理',
        filed,
        { timeout: 10_000 },
      );

      // The repaired leak's timeline, then rating it with feedback (first width only: a rating is once).
      const leak = page.locator(`#requests li[data-request="${resolvedId}"]`);
      await leak.locator('summary').click();
      await expect(leak.locator('.timeline').innerText()).resolves.toContain('已修好');
      if (width === WIDTHS[0]) {
        await leak.locator('input[name="feedback"]').fill('师傅很快就修好了');
        await leak.locator('button[type="submit"]').click();
        await page.waitForFunction(
          (id) => document.querySelector(`#requests li[data-request="${id}"]`)?.textContent?.includes('★★★★★'),
          resolvedId,
        );
      }
      await expect(leak.innerText()).resolves.toContain('师傅很快就修好了');

      // English: every word, the options of every select included, and no Chinese left but the data.
      await page.click('#lang');
      await page.waitForFunction(() => document.querySelector('#repair h2')?.textContent === 'One-click repair');
      await page.waitForFunction(() =>
        document.querySelector('liangling-neighbour-services')?.shadowRoot?.textContent?.includes('Neighbour services near my home'),
      );
      const options = await page.evaluate(() => [
        ...[...document.querySelectorAll('select option')].map((option) => option.textContent ?? ''),
        ...[...(document.querySelector('liangling-neighbour-services')?.shadowRoot?.querySelectorAll('select option') ?? [])].map(
          (option) => option.textContent ?? '',
        ),
      ]);
      expect(options.length).toBeGreaterThan(10);
      expect(options.filter((text) => /[\u4e00-\u9fff]/.test(text))).toEqual([]);
      await expect(page.locator('#access').innerText()).resolves.toContain(
        'A grid worker saw your personal details (name, phone…) for a neighbourhood visit by your grid worker, through the grid management platform.',
      );
      await expect(page.locator('#petitions .clock').first().innerText()).resolves.toMatch(/the office must \w.* within \d+ days?/);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `gov-service-app-en-${width}`);
      await page.click('#lang');
      await page.waitForFunction(() => document.querySelector('#repair h2')?.textContent === '一键报修');

      expect(problems.filter((problem) => !problem.includes('description must be 1 to 500 characters'))).toEqual([]);
      await page.close();
    },
    120_000,
  );

  it('the element, loaded before its host gives it a token, sends nothing until then', async () => {
    const { server, open } = suite();
    const { page, problems } = await open(390);
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql')) posts.push(request.headers()['authorization'] ?? 'anonymous');
    });
    // A host page of its own, on the app's origin: the element first, the token a second later.
    const hostUrl = new URL('host.html', server.url).toString();
    await page.route(hostUrl, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script src="neighbour-services.js"></script><liangling-neighbour-services endpoint="graphql"></liangling-neighbour-services>',
      }),
    );
    await page.goto(hostUrl);
    await page.waitForTimeout(1000);
    expect(posts.filter((header) => header === 'anonymous')).toEqual([]);
    await expect(
      page.evaluate(() => document.querySelector('liangling-neighbour-services')?.shadowRoot?.textContent ?? ''),
    ).resolves.toContain('正在等待登录');
    const token = await (await fetch(new URL('dev-token', server.url))).text();
    await page.evaluate((value) => {
      const element = document.querySelector('liangling-neighbour-services') as HTMLElement & { tokenProvider?: () => Promise<string> };
      element.tokenProvider = async () => value;
    }, token);
    await page.waitForSelector('liangling-neighbour-services[data-ready="true"]');
    expect(await page.locator('liangling-neighbour-services li[data-service]').count()).toBeGreaterThan(0);
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.every((header) => header.startsWith('Bearer '))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
