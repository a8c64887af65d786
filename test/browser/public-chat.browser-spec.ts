/**
 * The public chat surfaces in real Chromium against the real app (createTestApp on a
 * real port, PostgreSQL, the built-in model and the tasks pack; an OpenAI-provider
 * workflow against the local fake OpenAI server): the share-link page, the embedded
 * bubble on other origins, inert rendering of hostile content, and stop-while-streaming.
 *
 * Scenarios (numbers from the issue): (1) public page chat, widget action, reload;
 * (3) not available; (5) embed bubble on allowed / refused origins; (6) hostile
 * content renders inert; (8) stop keeps the partial reply. (2) login-only with the
 * OIDC provider, (4) rate limits and (7) session token expiry get their own
 * describe blocks here, using the helpers in support/atrium-browser.ts.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { FakeOpenAIServer, reply } from '../fixtures/fake-openai-server';
import { createWorkflow } from '../support/chatkit';
import { publishWorkflow } from '../support/public-chat';
import {
  ROOT, assistantMessages, buildChatScripts, launchChromium, newWatchedPage, screenshot, sendMessage, serveSite, startAtrium, waitFor, waitForText,
  type RunningAtrium, type Site,
} from './support/atrium-browser';

describe('public chat page and embed bubble (real server, real Chromium)', () => {
  let atrium: RunningAtrium;
  let browser: Browser;
  let fake: FakeOpenAIServer;
  let adminToken: string;

  beforeAll(async () => {
    buildChatScripts();
    fake = await FakeOpenAIServer.start({ apiKey: 'sk-test' });
    atrium = await startAtrium({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseUrl, ATRIUM_SUPPORT_CONTACT: 'it-help@example.com' });
    adminToken = (await atrium.t.userWithToken('admin')).token;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await atrium?.close();
    await fake?.close();
  });

  /** A published workflow on the built-in model with the tasks pack. */
  async function tasksWorkflow(name: string, allowedOrigins: string[] = []): Promise<string> {
    const id = await createWorkflow(atrium.t, adminToken, {
      model: { provider: 'builtin' },
      tool_packs: ['tasks'],
      greeting: 'What should we get done today?',
      starter_prompts: [{ label: 'Show my tasks', prompt: 'show my tasks' }],
    }, name);
    await publishWorkflow(atrium.t, adminToken, id, { allowedOrigins });
    return id;
  }

  async function openChatPage(page: Page, workflowId: string): Promise<Locator> {
    await page.goto(`${atrium.base}/chat/${workflowId}`);
    const chat = page.locator('atrium-chat');
    await chat.locator('.composer-input').waitFor();
    return chat;
  }

  const telemetry = (workflowId: string) =>
    atrium.t.dataSource.query(`SELECT event, surface FROM telemetry_events WHERE workflow_id = $1 ORDER BY created_at`, [workflowId]) as Promise<{ event: string; surface: string }[]>;

  it('(1) public page: chat, task card, Complete flips the badge in place, reload restores the thread', async () => {
    const workflowId = await tasksWorkflow('Task desk');
    const { page, problems } = await newWatchedPage(browser);
    const chat = await openChatPage(page, workflowId);
    await expect(page.locator('.topbar h1').textContent()).resolves.toBe('Task desk');
    await waitForText(chat.locator('.start'), /What should we get done today\?/);

    await sendMessage(chat, 'add task Buy milk');
    await waitForText(assistantMessages(chat), /✓ Task created: Buy milk/);

    await sendMessage(chat, 'show my tasks');
    const card = chat.locator('article.item-widget', { hasText: 'Your tasks' }).last();
    const row = card.locator('.lvi', { hasText: 'Buy milk' });
    await waitForText(row, /Buy milk\s*Open/);
    const itemId = await card.getAttribute('data-id');
    await screenshot(page, 'public-chat-task-card.png');

    await row.locator('button', { hasText: 'Complete' }).click();
    await waitForText(chat.locator(`article[data-id="${itemId}"] .lvi`), /Buy milk\s*Done/);
    expect(await chat.locator(`article[data-id="${itemId}"]`).count()).toBe(1);
    await screenshot(page, 'public-chat-task-done.png');

    // Reload: the page reopens the thread it remembered, with the updated card.
    await page.reload();
    await waitForText(chat.locator(`article[data-id="${itemId}"] .lvi`), /Buy milk\s*Done/);
    await waitForText(assistantMessages(chat), /✓ Task created: Buy milk/);
    // …and the thread is in the history panel.
    await chat.locator('button[aria-label="Show history"]').click();
    await waitForText(chat.locator('.history-row .history-title'), /add task Buy milk/);

    // The page reported opening (and closing on reload) with sendBeacon.
    await waitFor('page telemetry', async () => {
      const events = await telemetry(workflowId);
      return events.filter((e) => e.event === 'open' && e.surface === 'page').length >= 2 && events.some((e) => e.event === 'close');
    });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('(1) works on a phone-sized screen', async () => {
    const workflowId = await tasksWorkflow('Pocket tasks');
    const { page, context, problems } = await newWatchedPage(browser, { width: 390, height: 844 });
    const chat = await openChatPage(page, workflowId);
    await sendMessage(chat, 'add task Call the dentist');
    await waitForText(assistantMessages(chat), /Task created: Call the dentist/);
    await sendMessage(chat, 'show my tasks');
    await waitForText(chat.locator('article.item-widget .lvi'), /Call the dentist\s*Open/);
    // Nothing sticks out sideways; the composer is on screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const box = await chat.locator('.composer-input').boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(844);
    await screenshot(page, 'public-chat-mobile.png');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('(1) shows full-page states when the server cannot be reached or answers 429, and returns to the chat', async () => {
    const workflowId = await tasksWorkflow('Resilient desk');
    const { page, context, problems } = await newWatchedPage(browser);
    const chat = await openChatPage(page, workflowId);

    // The network drops: fetch fails for every API call, /api/health included.
    await page.route('**/api/**', (route) => route.abort('internetdisconnected'));
    await sendMessage(chat, 'add task Water the plants');
    const offline = page.locator('.state[data-state="unreachable"]');
    await offline.waitFor();
    await expect(page.getByRole('heading', { name: 'Can’t reach the chat right now' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'public-chat-unreachable.png');
    // Back online: the page notices by itself (it polls /api/health) and shows the chat again, message kept.
    await page.unroute('**/api/**');
    await chat.locator('.composer-input').waitFor({ timeout: 15_000 });
    expect(await offline.count()).toBe(0);
    await waitForText(chat.locator('article.item-user_message'), /Water the plants/);

    // Rate limited: the answer's Retry-After drives a countdown, then the chat comes back.
    await page.route('**/api/chatkit**', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'Content-Type': 'application/json', 'Retry-After': '2' },
        body: JSON.stringify({ error: { code: 'rate_limited', message: 'Too many chat requests from you. Try again in 2 s.', details: { retry_after_seconds: 2 }, request_id: 'test' } }),
      }),
    );
    await sendMessage(chat, 'show my tasks');
    const limited = page.locator('.state[data-state="rate_limited"]');
    await waitForText(limited, /You can continue in \d seconds?/);
    const back = limited.getByRole('button', { name: 'Back to the chat' });
    expect(await back.isDisabled()).toBe(true);
    await screenshot(page, 'public-chat-rate-limited.png');
    await page.unroute('**/api/chatkit**');
    await waitFor('the countdown to end', async () => !(await back.isDisabled()), 6_000);
    await back.click();
    await chat.locator('.composer-input').waitFor();
    expect(await limited.count()).toBe(0);

    await waitFor('response_failed telemetry', async () => (await telemetry(workflowId)).some((e) => e.event === 'response_failed' && e.surface === 'page'));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('(3) an unpublished or unknown workflow gets the friendly "not available" page', async () => {
    const draft = await createWorkflow(atrium.t, adminToken, { model: { provider: 'builtin' } }, 'Draft desk');
    const { page, context, problems } = await newWatchedPage(browser);
    for (const id of [draft, '00000000-0000-4000-8000-000000000000']) {
      const res = await page.goto(`${atrium.base}/chat/${id}`);
      expect(res?.status()).toBe(404);
      await expect(page.getByRole('heading', { name: 'This chat isn’t available' }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole('link', { name: 'it-help@example.com' }).getAttribute('href')).resolves.toBe('mailto:it-help@example.com');
      expect(await page.locator('atrium-chat').count()).toBe(0);
    }
    await screenshot(page, 'chat-not-available.png');
    expect(problems).toEqual([]);
    await context.close();
  });

  describe('(5) the embed bubble', () => {
    let allowedSite: Site;
    let otherSite: Site;
    let workflowId: string;
    const intranetPage = (id: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Intranet</title></head>
<body style="font-family:system-ui;margin:40px"><h1>Intranet home</h1><p>Company news and links.</p>
<script src="${atrium.base}/embed.js" data-workflow="${id}"></script></body></html>`;

    beforeAll(async () => {
      allowedSite = await serveSite(() => intranetPage(workflowId));
      otherSite = await serveSite(() => intranetPage(workflowId));
      workflowId = await tasksWorkflow('IT helpdesk', [allowedSite.origin]);
    });
    afterAll(async () => {
      await allowedSite?.close();
      await otherSite?.close();
    });

    it('opens on an allowed origin, chats with cookies across origins and remembers being open', async () => {
      const { page, context, problems } = await newWatchedPage(browser);
      await page.goto(`${allowedSite.origin}/`);
      const launcher = page.locator('[data-atrium-chat-bubble] button.launcher');
      await launcher.waitFor();
      expect(await launcher.getAttribute('aria-expanded')).toBe('false');
      await launcher.click();
      const panel = page.locator('[data-atrium-chat-bubble] .panel');
      const chat = panel.locator('atrium-chat');
      await chat.locator('.composer-input').waitFor();
      expect(await launcher.getAttribute('aria-expanded')).toBe('true');
      await waitForText(chat.locator('header.head h1'), /IT helpdesk/);

      await sendMessage(chat, 'add task Reset my VPN token');
      await waitForText(assistantMessages(chat), /✓ Task created: Reset my VPN token/);
      await sendMessage(chat, 'show my tasks');
      await waitForText(chat.locator('article.item-widget .lvi'), /Reset my VPN token\s*Open/);
      await screenshot(page, 'embed-bubble-open.png');

      // Reload: still open, same visitor (cookie) and thread.
      await page.reload();
      await waitForText(page.locator('[data-atrium-chat-bubble] atrium-chat article.item-widget .lvi'), /Reset my VPN token\s*Open/);
      // Close (the button in the chat's header), reload: stays closed.
      await page.locator('[data-atrium-chat-bubble] atrium-chat button[aria-label="Close chat"]').click();
      expect(await page.locator('[data-atrium-chat-bubble] .panel').isHidden()).toBe(true);
      await page.reload();
      await page.locator('[data-atrium-chat-bubble] button.launcher').waitFor();
      expect(await page.locator('[data-atrium-chat-bubble] .panel').isHidden()).toBe(true);

      await waitFor('bubble telemetry', async () => {
        const events = await telemetry(workflowId);
        return events.some((e) => e.event === 'open' && e.surface === 'bubble') && events.some((e) => e.event === 'close' && e.surface === 'bubble');
      });
      expect(problems).toEqual([]);
      await context.close();
    });

    it('on an origin that is not allowed, explains that the chat cannot be used there', async () => {
      const { page, context, problems } = await newWatchedPage(browser);
      await page.goto(`${otherSite.origin}/`);
      await page.locator('[data-atrium-chat-bubble] button.launcher').click();
      const state = page.locator('[data-atrium-chat-bubble] .state[data-state="origin"]');
      await state.waitFor();
      await waitForText(state, new RegExp(`This chat can’t be used on this site.*${otherSite.origin.replace(/[.:/]/g, '\\$&')}`));
      expect(await page.locator('[data-atrium-chat-bubble] atrium-chat').count()).toBe(0);
      await screenshot(page, 'embed-bubble-origin-refused.png');
      expect(problems).toEqual([]);
      await context.close();
    });
  });

  it('the Canvas bubble (mountChatBubble with session tokens) chats with an unpublished workflow', async () => {
    const draft = await createWorkflow(atrium.t, adminToken, { model: { provider: 'builtin' }, tool_packs: ['tasks'], greeting: 'Try me before publishing.' }, 'Draft on canvas');
    const bundle = await build({ entryPoints: [join(ROOT, 'libs', 'chat-page', 'src', 'index.ts')], bundle: true, format: 'esm', write: false, platform: 'browser', target: 'es2022', tsconfig: join(ROOT, 'tsconfig.json') });
    const harness = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Canvas</title></head><body><h1>Workflow editor</h1>
<script type="module">
import { mountChatBubble } from '/test-canvas/chat-page.js';
window.secrets = 0;
window.bubble = mountChatBubble({
  workflowId: ${JSON.stringify(draft)},
  config: { name: 'Draft on canvas', greeting: 'Try me before publishing.', starter_prompts: [] },
  getClientSecret: async () => {
    window.secrets++;
    const res = await fetch('/api/workflows/${draft}/chatkit/session', { method: 'POST', headers: { Authorization: 'Bearer ${adminToken}' } });
    if (!res.ok) throw new Error('session ' + res.status);
    return (await res.json()).client_secret;
  },
  open: true,
});
</script></body></html>`;
    const { page, context, problems } = await newWatchedPage(browser);
    // The harness stands in for the admin app: same origin as the API, so it is served by routing.
    await page.route(`${atrium.base}/test-canvas/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      return path.endsWith('.js')
        ? route.fulfill({ status: 200, contentType: 'text/javascript', body: bundle.outputFiles[0].text })
        : route.fulfill({ status: 200, contentType: 'text/html', body: harness });
    });
    await page.goto(`${atrium.base}/test-canvas/index.html`);
    const chat = page.locator('[data-atrium-chat-bubble] atrium-chat');
    await chat.locator('.composer-input').waitFor();
    await waitForText(chat.locator('.start'), /Try me before publishing\./);
    await sendMessage(chat, 'add task Review the prompt');
    await waitForText(assistantMessages(chat), /✓ Task created: Review the prompt/);
    // Every request carried a chat session token (no cookies: the workflow is not even published).
    expect(await page.evaluate(() => (window as unknown as { secrets: number }).secrets)).toBeGreaterThanOrEqual(1);
    const owners = (await atrium.t.dataSource.query(`SELECT DISTINCT owner_key FROM chat_threads WHERE workflow_id = $1`, [draft])) as { owner_key: string }[];
    expect(owners.map((o) => o.owner_key)).toEqual([expect.stringMatching(/^user:/)]);
    await waitFor('canvas telemetry', async () => (await telemetry(draft)).some((e) => e.event === 'open' && e.surface === 'canvas'));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('(6) model replies and widgets carrying <script>, onerror= and javascript: links render inert', async () => {
    const workflowId = await tasksWorkflow('Hostile input');
    const { page, context, problems } = await newWatchedPage(browser);
    const chat = await openChatPage(page, workflowId);
    const hostile = ['<img src=x onerror=window.__xss=1>', '<script>window.__xss=2</script>', '[click me](javascript:window.__xss=3)', '<a href="javascript:window.__xss=4">link</a>'];
    for (const title of hostile) {
      await sendMessage(chat, `add task ${title}`);
      await waitForText(assistantMessages(chat).last(), /Task created/);
    }
    await sendMessage(chat, 'show my tasks');
    await waitForText(chat.locator('article.item-widget .lvi'), /click me/);
    // Click every link the chat shows (a javascript: link would run now).
    for (const link of await chat.locator('a').all()) await link.click({ modifiers: ['ControlOrMeta'] }).catch(() => {});

    const findings = await page.evaluate(() => {
      const all: Element[] = [];
      const walk = (root: Document | ShadowRoot) => {
        for (const el of root.querySelectorAll('*')) {
          all.push(el);
          if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      walk(document);
      return {
        xss: (window as unknown as { __xss?: unknown }).__xss,
        scripts: all.filter((el) => el.tagName === 'SCRIPT' && !(el as HTMLScriptElement).src && (el as HTMLScriptElement).type !== 'application/json').length,
        jsLinks: all.filter((el) => /^\s*javascript:/i.test(el.getAttribute('href') ?? '')).length,
        handlers: all.filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).map((el) => el.outerHTML.slice(0, 80)),
        imgs: all.filter((el) => el.tagName === 'IMG' && el.getAttribute('src') === 'x').length,
      };
    });
    expect(findings).toEqual({ xss: undefined, scripts: 0, jsLinks: 0, handlers: [], imgs: 0 });
    // The hostile text is shown as text.
    await waitForText(chat.locator('article.item-widget .lvi'), /<img src=x onerror=window\.__xss=1>/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('(8) stop while streaming keeps the partial reply, also after a reload', async () => {
    const workflowId = await createWorkflow(atrium.t, adminToken, { model: { provider: 'openai', model: 'fake-model' }, tool_packs: [] }, 'Storyteller');
    await publishWorkflow(atrium.t, adminToken, workflowId);
    const words = ['Once ', 'upon ', 'a ', 'time ', 'there ', 'was ', 'a ', 'very ', 'patient ', 'server ', 'that ', 'never ', 'dropped ', 'a ', 'single ', 'byte.'];
    fake.chat(reply.text(words, { delayBetweenMs: 350 }));
    const before = fake.chatRequests().length;

    const { page, context, problems } = await newWatchedPage(browser);
    const chat = await openChatPage(page, workflowId);
    await sendMessage(chat, 'Tell me a story');
    await waitForText(assistantMessages(chat), /Once upon a time/);
    await chat.locator('button[aria-label="Stop response"]').click();
    await fake.waitFor(() => fake.chatRequests()[before]?.aborted === true, 10_000, 'the model request to be aborted');
    const partial = (await assistantMessages(chat).last().locator('.md, .content, p').first().textContent()) ?? '';
    expect(partial).toMatch(/^Once upon a time/);
    expect(partial).not.toMatch(/single byte\./);

    await page.reload();
    const restored = await waitForText(assistantMessages(chat), /Once upon a time/);
    expect(restored).not.toMatch(/single byte\./);
    await waitForText(chat.locator('article.item-user_message'), /Tell me a story/);
    expect(problems).toEqual([]);
    await context.close();
  });
});
