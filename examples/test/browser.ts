// What the browser tests share: a stack configured as `npm start` configures it (development mode,
// the gateway's operational settings from the same configuration module: trusted documents, safelist,
// limits, rate limits), Debian's Chromium through playwright-core, and a page that records every
// console error and every refused or failed GraphQL request.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from '@jest/globals';
import { loadConfig, startTestStack, type TestStack } from '@liangling/stack';
import type { Browser, Page } from 'playwright-core';
import type { DevServer } from '../shared/dev-server';

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const hasChromium = existsSync(CHROMIUM);

/** The widths every page is tested at: a phone's and a laptop's. */
export const WIDTHS = [390, 1280] as const;

/** `npm run screenshots` sets it: the tests then write every main view to examples/screenshots/. */
export const SCREENSHOTS = process.env['LIANGLING_SCREENSHOTS'] === '1';
export const SCREENSHOT_DIR = join(__dirname, '..', 'screenshots');

/**
 * A test stack with `npm start`'s configuration: the same `loadConfig()` (with this machine's
 * environment, as a user would run it) gives the gateway its settings, trusted documents included.
 */
export async function startConfiguredStack(options: Parameters<typeof startTestStack>[0] = {}): Promise<TestStack> {
  const loaded = loadConfig({ ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent' });
  if (!loaded.ok) throw new Error(`configuration: ${loaded.errors.join('; ')}`);
  if (!loaded.config.gateway.trustedDocuments)
    throw new Error('npm start would serve the SDK’s trusted documents; the manifest is missing (npm run generate:sdk)');
  return startTestStack({ ...options, development: loaded.config.development, gateway: loaded.config.gateway });
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface WatchedPage {
  readonly page: Page;
  /** Console errors, page errors, failed requests, and GraphQL answers with an error, in order. */
  readonly problems: string[];
}

/**
 * A page at `width` that records what a user would see go wrong: a console error, an uncaught
 * exception, a request that failed, an HTTP error status, or a GraphQL response carrying errors
 * (a refused document, a validation failure, a denied field).
 */
export async function openPage(browser: Browser, width: number, locale = 'zh-CN'): Promise<WatchedPage> {
  const page = await browser.newPage({
    viewport: { width, height: width < 600 ? 844 : 900 },
    locale,
    deviceScaleFactor: 1,
    isMobile: width < 600,
    hasTouch: width < 600,
  });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
  page.on('requestfailed', (request) => {
    // Closing a live stream at the end of a test is not a failure.
    if (!request.url().includes('/stream')) problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
  });
  page.on('response', async (response) => {
    const url = response.url();
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${url}`);
    if (!url.endsWith('/graphql') || response.request().method() !== 'POST') return;
    const body = await response.json().catch(() => undefined);
    const errors = (body as { errors?: { message: string; extensions?: { code?: string } }[] } | undefined)?.errors;
    if (errors?.length) problems.push(`GraphQL: ${errors.map((error) => `${error.extensions?.code ?? '?'} ${error.message}`).join('; ')}`);
  });
  return { page, problems };
}

/** The page's width beyond the viewport: 0 when nothing scrolls sideways. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Markers (`selector` inside the element's shadow root or the page) that lie outside their map's box. */
export async function markersOutsideMap(
  page: Page,
  host: string | null,
  map: string,
  marker: string,
): Promise<{ markers: number; outside: number }> {
  return page.evaluate(
    ({ host, map, marker }) => {
      const root: ParentNode | null | undefined = host ? document.querySelector(host)?.shadowRoot : document;
      const box = root?.querySelector(map)?.getBoundingClientRect();
      const markers = [...(root?.querySelectorAll(marker) ?? [])].map((node) => node.getBoundingClientRect());
      if (!box) return { markers: markers.length, outside: markers.length };
      const outside = markers.filter(
        (each) => each.left < box.left - 0.5 || each.right > box.right + 0.5 || each.top < box.top - 0.5 || each.bottom > box.bottom + 0.5,
      );
      return { markers: markers.length, outside: outside.length };
    },
    { host, map, marker },
  );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** What a page's browser tests run against, once the suite has started it. */
export interface BrowserSuite {
  readonly stack: TestStack;
  /** The page's development server, proxying to `stack`. */
  readonly server: DevServer;
  /** A new page at `width` in the suite's Chromium (see {@link openPage}). */
  open(width: number): Promise<WatchedPage>;
}

/**
 * `describe` for a page's browser tests, skipped (with a warning saying why) where Chromium is missing.
 * Before the tests: the stack as `npm start` configures it, the page's server from `serve` (which may
 * first give the stack something to show), and Chromium; after them, all three stopped. A test gets
 * them from `suite()`.
 */
export function describeInBrowser(
  name: string,
  serve: (stack: TestStack) => Promise<DevServer>,
  tests: (suite: () => BrowserSuite) => void,
): void {
  if (!hasChromium)
    console.warn(`SKIPPED ${name} browser test: ${CHROMIUM} is missing (install it with: apt-get install -y chromium fonts-wqy-microhei).`);
  const title = hasChromium
    ? `${name} in headless Chromium, against the stack as npm start configures it`
    : `${name} in headless Chromium — SKIPPED: ${CHROMIUM} is missing`;
  (hasChromium ? describe : describe.skip)(title, () => {
    let stack: TestStack | undefined;
    let server: DevServer | undefined;
    let browser: Browser | undefined;

    beforeAll(async () => {
      stack = await startConfiguredStack();
      server = await serve(stack);
      browser = await launchChromium();
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      await stack?.stop();
    });

    tests(() => {
      if (!stack || !server || !browser) throw new Error(`the browser or ${name} did not start`);
      const started = browser;
      return { stack, server, open: (width) => openPage(started, width) };
    });
  });
}
