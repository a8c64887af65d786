/**
 * <atrium-chat> against the real server: the NestJS app (createTestApp, real PostgreSQL,
 * real migrations) with a workflow on the built-in model and the tasks tool pack, driven
 * by headless Chromium. The element and the harness page are served on the app's origin
 * by Playwright routing (files from disk), so every /api request reaches the real app.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createWorkflow } from '../support/chatkit';
import { createTestApp, type TestApp } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');
const SHOTS = join(ROOT, 'test-artifacts', 'screenshots');

describe('<atrium-chat> with the real /api/chatkit', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let workflowId: string;
  let token: string;

  beforeAll(async () => {
    const build = spawnSync(process.execPath, [join(ROOT, 'libs', 'chat-element', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`element build failed:\n${build.stdout}\n${build.stderr}`);
    mkdirSync(SHOTS, { recursive: true });
    // The page and the API share the app's origin, which is also PUBLIC_BASE_URL (allowed by default).
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = probe.address() as AddressInfo;
        probe.close(() => resolve(p));
      });
    });
    base = `http://127.0.0.1:${port}`;
    t = await createTestApp({ env: { PUBLIC_BASE_URL: base } });
    await t.app.listen(port, '127.0.0.1');
    const admin = await t.userWithToken('admin');
    workflowId = await createWorkflow(t, admin.token, { model: { provider: 'builtin' }, tool_packs: ['tasks'] }, 'Tasks');
    token = (await t.userWithToken('employee')).token;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function openPage(): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // The harness and the bundle come from disk, on the app's origin.
    await page.route(/\/(test\/browser\/fixtures|dist\/chat-element)\//, (route) => {
      const path = new URL(route.request().url()).pathname;
      const type = path.endsWith('.html') ? 'text/html' : path.endsWith('.map') ? 'application/json' : 'text/javascript';
      return route.fulfill({ status: 200, contentType: type, body: readFileSync(join(ROOT, path)) });
    });
    const q = new URLSearchParams({ api: `${base}/api/chatkit`, workflow: workflowId, token });
    await page.goto(`${base}/test/browser/fixtures/element-harness.html?${q}`);
    await page.evaluate(() => (window as any).harness.loaded);
    await page.locator('atrium-chat .composer-input').waitFor();
    return { page, errors };
  }

  async function waitText(page: Page, selector: string, pattern: RegExp, timeout = 10000): Promise<string> {
    const until = Date.now() + timeout;
    let last = '';
    while (Date.now() < until) {
      last = (await page.locator(selector).allTextContents()).join(' ');
      if (pattern.test(last)) return last;
      await page.waitForTimeout(30);
    }
    throw new Error(`timed out waiting for ${pattern} in ${selector}; last: ${JSON.stringify(last.slice(0, 400))}`);
  }

  it('chats, renders the tasks card, runs a widget action, and restores the thread from history', async () => {
    const { page, errors } = await openPage();
    const chat = page.locator('atrium-chat');
    await chat.locator('.composer-input').fill('add tasks: milk, eggs and bread');
    await chat.locator('.composer-input').press('Enter');

    // The streamed bulk-add card, then the task list card with a row per task.
    await waitText(page, 'atrium-chat .item-widget', /Added 3 of 3 tasks/);
    await chat.locator('.composer-input').fill('show my tasks');
    await chat.locator('.composer-input').press('Enter');
    const list = chat.locator('.item-widget .card', { hasText: 'Your tasks' }).last();
    await list.locator('.lvi').nth(2).waitFor();
    expect(await list.locator('.lvi .w-text').allTextContents()).toEqual(['milk', 'eggs', 'bread']);
    await page.screenshot({ path: join(SHOTS, 'element-real-server-tasks.png') });

    // Complete "milk": threads.custom_action → the card is replaced in place (badge flips to Done).
    const itemId = await list.evaluate((el) => el.closest('article')!.getAttribute('data-id'));
    await list.locator('.lvi', { hasText: 'milk' }).locator('button', { hasText: 'Complete' }).click();
    await waitText(page, `atrium-chat article[data-id="${itemId}"] .lvi`, /milk\s*Done/);
    expect(await chat.locator(`article[data-id="${itemId}"]`).count()).toBe(1);
    expect(await chat.locator('.notice.danger').count()).toBe(0);

    // Feedback on an assistant message is accepted by the server.
    const feedback = page.waitForResponse((r) => r.url().includes('/api/chatkit') && r.request().postData()?.includes('items.feedback') === true);
    await chat.locator('button[aria-label="Good response"]').last().click();
    expect((await feedback).status()).toBe(200);

    // History lists the thread (titled by the server); reopening it restores the items.
    const threadId = (await page.evaluate(() => (window as any).harness.events.filter((e: any) => e.name === 'chatkit.thread.change').pop().detail.threadId)) as string;
    await chat.locator('button[aria-label="New chat"]').click();
    await chat.locator('.start').waitFor();
    await chat.locator('button[aria-label="Show history"]').click();
    const row = chat.locator(`.history-row[data-thread-id="${threadId}"]`);
    await row.waitFor();
    expect(await row.locator('.history-title').textContent()).toBe('add tasks: milk, eggs and bread');
    await row.locator('.history-open').click();
    await waitText(page, 'atrium-chat .item-user_message', /show my tasks/);
    expect(await chat.locator(`article[data-id="${itemId}"] .lvi`, { hasText: 'milk' }).textContent()).toContain('Done');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows the server error for an unknown thread and keeps working', async () => {
    const { page, errors } = await openPage();
    await page.evaluate(() => (document.querySelector('atrium-chat') as any).setThreadId('thr_does_not_exist'));
    await waitText(page, 'atrium-chat .error-box', /\S/);
    const [err] = await page.evaluate(() => (window as any).harness.events.filter((e: any) => e.name === 'chatkit.error'));
    expect(err.detail.error).toMatchObject({ name: 'ChatKitError', status: 404 });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
