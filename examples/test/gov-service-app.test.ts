import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestStack } from '@liangling/stack';
import { AcceptRepairRequestDocument, DispatchRepairRequestDocument, GridResidentsDocument, PostOpinionDocument, SubmitPetitionDocument, SubmitRepairRequestDocument, createClient } from '@liangling/sdk/government';
import { ProgressRepairRequestDocument, ResolveRepairRequestDocument } from '@liangling/sdk/partner';
import type { Browser } from 'playwright-core';
import { buildApp } from '../gov-service-app/build';
import { startDevServer, type DevServer } from '../gov-service-app/serve';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCREENSHOT = join(__dirname, '..', 'gov-service-app', 'screenshot.png');
const GRID = 'r-210103-1-1-1';
const HOME = ['r-2101', 'r-210103', 'r-210103-1', 'r-210103-1-1', GRID];

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`SKIPPED gov-service-app browser test: ${CHROMIUM} is missing (install it with: apt-get install -y chromium).`);
const describeInBrowser = hasChromium ? describe : describe.skip;

describeInBrowser(hasChromium ? 'gov-service-app in headless Chromium' : `gov-service-app in headless Chromium — SKIPPED: ${CHROMIUM} is missing`, () => {
  let stack: Awaited<ReturnType<typeof startTestStack>> | undefined;
  let server: DevServer | undefined;
  let browser: Browser | undefined;
  let resolvedId = '';

  beforeAll(async () => {
    stack = await startTestStack();
    const residentToken = await stack.token({ role: 'resident', sub: 'p-0000001', home: HOME, clientApp: 'gov-service-app' });
    // Something to show: a grid worker's visit (so the access log has entries), a repair request,
    // a petition and an opinion of the resident's own.
    const gridWorker = createClient({ url: stack.url, token: await stack.token({ role: 'grid_worker', sub: 'gw-1', regions: [GRID] }), purpose: 'grid-visit' });
    await gridWorker.request(GridResidentsDocument, { regionId: GRID, first: 5 });
    const resident = createClient({ url: stack.url, token: residentToken });
    await resident.request(SubmitRepairRequestDocument, { input: { category: 'HEATING', description: '暖气不热', contactPhone: '13800001111', clientKey: 'browser-test-heating' } });
    // A leak repaired by the water company, waiting for the resident's rating.
    const leak = await resident.request(SubmitRepairRequestDocument, { input: { category: 'WATER', description: '卫生间漏水', contactPhone: '13800001111', clientKey: 'browser-test-leak' } });
    await gridWorker.request(AcceptRepairRequestDocument, { id: leak.submitRepairRequest.id });
    await gridWorker.request(DispatchRepairRequestDocument, { id: leak.submitRepairRequest.id, organisationId: 'org-water' });
    const water = createClient({ url: stack.url, token: await stack.token({ role: 'partner', sub: 'k-1', organisation: 'org-water' }) });
    await water.request(ProgressRepairRequestDocument, { id: leak.submitRepairRequest.id });
    await water.request(ResolveRepairRequestDocument, { id: leak.submitRepairRequest.id });
    resolvedId = leak.submitRepairRequest.id;
    await resident.request(SubmitPetitionDocument, {
      input: { channel: 'ONLINE', subject: '小区路灯长期不亮', content: '三号楼前的路灯坏了两个月。', targetDepartment: 'CITY_MANAGEMENT', clientKey: 'browser-test-petition' },
    });
    await resident.request(PostOpinionDocument, { input: { topic: '增设电动车充电桩', content: '建议在社区广场旁增设充电桩。', regionId: 'r-210103-1-1' } });

    await buildApp();
    server = await startDevServer({ gatewayUrl: stack.url, token: async () => residentToken, port: 0 });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await stack?.stop();
  });

  it('shows a resident their services on a map, repairs, petitions, opinions and who accessed their data; in Chinese and English', async () => {
    if (!browser || !server) throw new Error('the browser or the page did not start');
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, locale: 'zh-CN' });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(server.url);
    await page.waitForSelector('main[data-ready="true"]');

    // The custom element, embedded by script tag with a token provider: services listed and on the map.
    const services = page.locator('liangling-neighbour-services li[data-service]');
    await services.first().waitFor();
    const total = await services.count();
    expect(total).toBeGreaterThan(0);
    expect(await page.locator('liangling-neighbour-services circle[data-marker]').count()).toBe(total);
    expect(await page.locator('liangling-neighbour-services g[data-home]').count()).toBe(1);

    // A category narrows the list to that category.
    await page.locator('liangling-neighbour-services select').selectOption('ELDERLY_CARE');
    await page.waitForFunction(() => {
      const items = document.querySelector('liangling-neighbour-services')?.shadowRoot?.querySelectorAll('li[data-service] .meta:first-of-type');
      return !!items && items.length > 0 && Array.from(items).every((item) => item.textContent?.startsWith('养老照护'));
    });
    await page.locator('liangling-neighbour-services select').selectOption('');
    await page.waitForFunction((all) => (document.querySelector('liangling-neighbour-services')?.shadowRoot?.querySelectorAll('li[data-service]').length ?? 0) === all, total);

    expect(await page.locator('#petitions li[data-petition]').count()).toBeGreaterThan(0);
    await expect(page.locator('#petitions').innerText()).resolves.toContain('小区路灯长期不亮');
    expect(await page.locator('#opinions li[data-opinion]').count()).toBeGreaterThan(0);
    expect(await page.locator('#access tr[data-access]').count()).toBeGreaterThan(0);
    await expect(page.locator('#access').innerText()).resolves.toContain('网格员');

    // One-click repair: submit, and it is followed in the list with its status.
    const before = await page.locator('#requests li[data-request]').count();
    await page.fill('input[name="description"]', '厨房水管漏水');
    await page.fill('input[name="phone"]', '13912345678');
    await page.selectOption('select[name="category"]', 'WATER');
    await page.click('#repair-form button[type="submit"]');
    await page.waitForFunction((count) => document.querySelectorAll('#requests li[data-request]').length === count + 1, before);
    await expect(page.locator('#requests li[data-request]').first().innerText()).resolves.toContain('厨房水管漏水');
    await expect(page.locator('#requests li[data-request]').first().innerText()).resolves.toContain('已提交');

    // Rating the repaired leak.
    await page.click(`#requests [data-rate="${resolvedId}"][data-stars="5"]`);
    await page.waitForFunction((id) => document.querySelector(`#requests li[data-request="${id}"]`)?.textContent?.includes('★★★★★'), resolvedId);
    await expect(page.locator(`#requests li[data-request="${resolvedId}"]`).innerText()).resolves.toContain('已解决');

    // The language switch.
    await page.click('#lang');
    await page.waitForFunction(() => document.querySelector('#repair h2')?.textContent === 'One-click repair');
    await page.waitForFunction(() => document.querySelector('liangling-neighbour-services')?.shadowRoot?.textContent?.includes('Neighbour services near my home'));
    // Each part re-renders on its own: wait for the list too, not only the heading.
    await page.waitForFunction(() => document.querySelector('#requests')?.textContent?.includes('Submitted'));
    await page.click('#lang');
    await page.waitForFunction(() => document.querySelector('#repair h2')?.textContent === '一键报修');
    await page.waitForSelector('main[data-ready="true"] #access tr[data-access]');

    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
