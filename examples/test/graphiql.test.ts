// GraphiQL as `npm start` serves it (development, trusted documents and limits on): bundled from npm,
// nothing fetched from beyond the gateway, docs from the caller's own contract, queries as the caller.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureExplorer } from '@liangling/explorer';
import { loadConfig, startTestStack, type TestStack } from '@liangling/stack';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, hasChromium, launchChromium, openPage, screenshot } from './browser';

const GRID = 'r-210103-1-1-1';

if (!hasChromium) console.warn(`SKIPPED GraphiQL browser test: ${CHROMIUM} is missing (install it with: apt-get install -y chromium).`);
const describeInBrowser = hasChromium ? describe : describe.skip;

describeInBrowser('GraphiQL in headless Chromium, served by the gateway as npm start configures it', () => {
  let stack: TestStack | undefined;
  let browser: Browser | undefined;
  const assets = mkdtempSync(join(tmpdir(), 'liangling-graphiql-'));

  beforeAll(async () => {
    const loaded = loadConfig({ ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent' });
    if (!loaded.ok) throw new Error(`configuration: ${loaded.errors.join('; ')}`);
    if (!loaded.config.gateway.trustedDocuments)
      throw new Error('npm start would serve the SDK’s trusted documents; the manifest is missing');
    stack = await startTestStack({
      development: loaded.config.development,
      gateway: { ...loaded.config.gateway, explorer: { assetsDir: await ensureExplorer(assets) } },
    });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    rmSync(assets, { recursive: true, force: true });
  });

  /** Opens GraphiQL, watching every request the page makes. */
  async function open(): Promise<{ page: Page; problems: string[]; elsewhere: string[] }> {
    const origin = new URL(stack!.url).origin;
    const { page, problems } = await openPage(browser!, 1280, 'en-US');
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) elsewhere.push(url);
    });
    await page.goto(`${origin}/explorer`);
    await page.waitForSelector('.graphiql-container .graphiql-query-editor .monaco-editor');
    return { page, problems, elsewhere };
  }

  /** Replaces an editor's text (Monaco's own auto-closing would mangle typed brackets). */
  async function setEditor(page: Page, selector: string, text: string): Promise<void> {
    await page.locator(`${selector} .monaco-editor .view-lines`).locator('visible=true').first().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(text);
  }

  /** Runs the editor's query: the answer as the gateway sent it, once the response pane shows it. */
  async function run(page: Page): Promise<Record<string, unknown>> {
    const answered = page.waitForResponse(
      (response) =>
        response.url().endsWith('/graphql') &&
        response.request().method() === 'POST' &&
        !(response.request().postData() ?? '').includes('IntrospectionQuery'),
    );
    await page.click('.graphiql-execute-button');
    const answer = (await (await answered).json()) as Record<string, unknown>;
    await page.waitForFunction(() => /"(data|errors)"/.test(document.querySelector('.graphiql-response')?.textContent ?? ''));
    return answer;
  }

  async function docsRootFields(page: Page): Promise<string[]> {
    if (!(await page.locator('.graphiql-doc-explorer').count())) await page.click('button[aria-label="Show Documentation Explorer"]');
    await page.click('.graphiql-doc-explorer a.graphiql-doc-explorer-type-name:has-text("Query")');
    await page.waitForSelector('.graphiql-doc-explorer-field-name');
    return page.locator('.graphiql-doc-explorer-field-name').allInnerTexts();
  }

  it('opens with nothing fetched from beyond the gateway, shows the public contract to a caller without a token and runs a query', async () => {
    const { page, problems, elsewhere } = await open();
    const answer = await run(page);
    const regions = (answer['data'] as { regions: { id: string; name: string }[] }).regions;
    expect(regions.length).toBeGreaterThan(0);
    await expect(page.locator('.graphiql-response').innerText()).resolves.toContain(regions[0]!.name);
    const fields = await docsRootFields(page);
    expect(fields).toContain('regions');
    expect(fields).not.toContain('residents');
    await screenshot(page, 'graphiql-public');
    expect(elsewhere).toEqual([]);
    expect(problems.filter((problem) => !problem.includes('favicon'))).toEqual([]);
  });

  it('with a grid worker’s token in Headers: their contract in the docs, their grid’s residents in the answer', async () => {
    const token = await stack!.token({ role: 'grid_worker', sub: 'gw-duofu-1', regions: [GRID] });
    const { page, problems, elsewhere } = await open();
    await page.click('button:has-text("Headers")');
    await setEditor(page, '.graphiql-editor-tool', JSON.stringify({ authorization: `Bearer ${token}` }));
    await setEditor(page, '.graphiql-query-editor', `query Grid { residents(regionId: "${GRID}", first: 2) { edges { node { name } } } }`);
    // GraphiQL reads the operation's name from the editor a moment later: its tab says so.
    await page.waitForSelector('.graphiql-tab:has-text("Grid")');
    const answer = await run(page);
    expect(answer['errors']).toBeUndefined();
    const edges = (answer['data'] as { residents: { edges: { node: { name: string } }[] } }).residents.edges;
    expect(edges).toHaveLength(2);
    expect(edges[0]!.node.name.length).toBeGreaterThan(0);
    await expect(page.locator('.graphiql-response').innerText()).resolves.toContain(edges[0]!.node.name);
    // The schema again, now as the grid worker: the docs list what their contract has.
    const introspected = page.waitForResponse(
      (response) => response.url().endsWith('/graphql') && (response.request().postData() ?? '').includes('IntrospectionQuery'),
    );
    await page.click('button[aria-label^="Re-fetch GraphQL schema"]');
    await introspected;
    expect(await docsRootFields(page)).toContain('residents');
    await screenshot(page, 'graphiql-grid-worker');
    expect(elsewhere).toEqual([]);
    expect(problems.filter((problem) => !problem.includes('favicon'))).toEqual([]);
  });
});
