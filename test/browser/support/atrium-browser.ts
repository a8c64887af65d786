/**
 * Shared helpers for browser tests that drive the real Atrium server: boot the app on
 * a real port (so PUBLIC_BASE_URL is the address the browser uses), launch Chromium,
 * serve third-party pages from other origins, and read the chat inside `<atrium-chat>`
 * (Playwright locators pierce shadow roots).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../../support/test-app';

export const ROOT = join(__dirname, '..', '..', '..');
export const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

function run(script: string): void {
  const res = spawnSync(process.execPath, [join(ROOT, script)], { cwd: ROOT, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`${script} failed:\n${res.stdout}\n${res.stderr}`);
}

/**
 * Builds what the chat page serves: `<atrium-chat>` when dist/chat-element is missing
 * (its own tests rebuild it), and always the page and embed scripts (fast, and never stale).
 */
export function buildChatScripts(): void {
  if (!['atrium-chat.js', 'atrium-chat.iife.js'].every((f) => existsSync(join(ROOT, 'dist', 'chat-element', f)))) run('libs/chat-element/build.mjs');
  run('libs/chat-page/build.mjs');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface RunningAtrium {
  t: TestApp;
  /** `http://127.0.0.1:<port>`, also PUBLIC_BASE_URL. */
  base: string;
  close(): Promise<void>;
}

/** The real app (createTestApp: real PostgreSQL and migrations) listening on 127.0.0.1. */
export async function startAtrium(env: Record<string, string> = {}, opts: { captureLogs?: boolean } = {}): Promise<RunningAtrium> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t = await createTestApp({ env: { PUBLIC_BASE_URL: base, ...env }, captureLogs: opts.captureLogs });
  await t.app.listen(port, '127.0.0.1');
  return { t, base, close: () => t.close() };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface Site {
  origin: string;
  close(): Promise<void>;
}

/**
 * A page on another origin (an "intranet" site embedding the bubble): every path answers
 * `html()` — a function, so the page can name a workflow created after the site's origin
 * was added to the workflow's allowed origins.
 */
export async function serveSite(html: () => string): Promise<Site> {
  const server: Server = createHttpServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(html());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught page errors and CSP violations (directive + blocked URL). */
  problems: string[];
}

/** A fresh context and page that records page errors and Content-Security-Policy violations. */
export async function newWatchedPage(browser: Browser, viewport = { width: 1100, height: 820 }): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) problems.push(`csp: ${m.text()}`);
  });
  return { page, context, problems };
}

/** Polls until the text of `locator` (all matches) matches `pattern`. */
export async function waitForText(locator: Locator, pattern: RegExp, timeout = 15_000): Promise<string> {
  const until = Date.now() + timeout;
  let last = '';
  while (Date.now() < until) {
    last = (await locator.allTextContents()).join(' ');
    if (pattern.test(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${pattern}; last text: ${JSON.stringify(last.slice(0, 500))}`);
}

/** Polls an async condition. */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, timeout = 15_000): Promise<T> {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Types a message into the chat's composer and sends it. */
export async function sendMessage(chat: Locator, text: string): Promise<void> {
  const input = chat.locator('.composer-input');
  await input.fill(text);
  await input.press('Enter');
}

/** The assistant's messages in a chat. */
export function assistantMessages(chat: Locator): Locator {
  return chat.locator('article.item-assistant_message');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, name) });
}
