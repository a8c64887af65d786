/**
 * <atrium-chat> in real headless Chromium against a fake ChatKit endpoint that speaks the
 * wire protocol (test/browser/support/fake-chatkit-server.ts). The element is built with
 * libs/chat-element/build.mjs before the tests (the build also enforces the size budget);
 * pages are the manual-check harness (test/browser/fixtures/element-harness.html).
 * Screenshots go to test-artifacts/screenshots/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import {
  addOpening,
  apiError,
  assistantItem,
  assistantStream,
  createOpening,
  FakeChatKitServer,
  json,
  newId,
  sse,
  thread,
  userItem,
  widgetItem,
} from './support/fake-chatkit-server';

const ROOT = join(__dirname, '..', '..');
const SHOTS = join(ROOT, 'test-artifacts', 'screenshots');

let browser: Browser;

beforeAll(async () => {
  const build = spawnSync(process.execPath, [join(ROOT, 'libs', 'chat-element', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`element build failed:\n${build.stdout}\n${build.stderr}`);
  process.stdout.write(build.stdout);
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
});

afterAll(async () => {
  await browser?.close();
});

// ---------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------

interface Session {
  server: FakeChatKitServer;
  context: BrowserContext;
  page: Page;
  chat: Locator;
  errors: string[];
  dialogs: string[];
}

let session: Session | undefined;

afterEach(async () => {
  const s = session;
  session = undefined;
  if (!s) return;
  await s.context.close();
  await s.server.close();
  // Uncaught page errors fail the test that caused them.
  expect(s.errors).toEqual([]);
});

/** A fresh server + browser context; the page loads the harness without starting the element. */
async function open(params: Record<string, string> = {}): Promise<Session> {
  const server = await FakeChatKitServer.start();
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: 'en-GB' });
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && m.text().startsWith('atrium-chat')) errors.push(m.text());
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    (window as any).__keysBefore = Object.getOwnPropertyNames(window);
  });
  await page.goto(server.harnessUrl({ workflow: 'wf_test', autostart: '0', ...params }));
  await page.evaluate(() => (window as any).harness.loaded);
  session = { server, context, page, chat: page.locator('atrium-chat'), errors, dialogs };
  return session;
}

/** Starts the element with the harness defaults plus `extra` (plain JSON options). */
async function start(s: Session, extra: Record<string, unknown> = {}): Promise<void> {
  await s.page.evaluate((o) => (window as any).harness.start(o), extra);
  await s.chat.locator('.composer-input').waitFor();
}

async function send(s: Session, text: string): Promise<void> {
  const input = s.chat.locator('.composer-input');
  await input.fill(text);
  await input.press('Enter');
}

async function events(s: Session, name?: string): Promise<{ name: string; detail: any }[]> {
  const all = await s.page.evaluate(() => (window as any).harness.events as { name: string; detail: any }[]);
  return name ? all.filter((e) => e.name === name) : all;
}

async function waitEvent(s: Session, name: string, count = 1): Promise<{ name: string; detail: any }[]> {
  await s.page.waitForFunction(([n, c]) => (window as any).harness.events.filter((e: any) => e.name === n).length >= c, [name, count] as const);
  return events(s, name);
}

async function waitText(locator: Locator, pattern: RegExp | string, timeout = 5000): Promise<string> {
  const until = Date.now() + timeout;
  let last = '';
  while (Date.now() < until) {
    last = (await locator.allTextContents()).join(' ');
    if (typeof pattern === 'string' ? last.includes(pattern) : pattern.test(last)) return last;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${pattern}; last text: ${JSON.stringify(last.slice(0, 500))}`);
}

const shot = (s: Session, name: string): Promise<Buffer> => s.page.screenshot({ path: join(SHOTS, `${name}.png`) });

/** A Card with a ListView of tasks, each with a server action button. */
function taskCard(): any {
  return {
    type: 'Card',
    children: [
      { type: 'Title', value: 'Open tasks' },
      { type: 'Caption', value: '2 tasks' },
      {
        type: 'ListView',
        children: ['t1', 't2'].map((id, i) => ({
          type: 'ListViewItem',
          id: `row-${id}`,
          children: [
            { type: 'Text', value: i === 0 ? 'Review the Q3 report' : 'Book the offsite' },
            { type: 'Spacer' },
            { type: 'Button', label: 'Done', size: 'sm', onClickAction: { type: 'task.complete', payload: { task_id: id } } },
          ],
        })),
      },
    ],
  };
}

// ---------------------------------------------------------------------------
// tests
// ---------------------------------------------------------------------------

describe('<atrium-chat>', () => {
  it('streams an assistant reply over SSE and renders it as markdown', async () => {
    const s = await open();
    const tid = newId('thr');
    s.server.on('threads.create', (req) =>
      sse([
        ...createOpening(req, tid),
        { type: 'progress_update', icon: 'search', text: 'Searching the handbook…' },
        { delay: 60 },
        ...assistantStream(tid, ['Here is **bo', 'ld** text and a list:\n\n', '- one\n- two\n\n', 'Run `npm test` or see [the docs](https://example.com/docs).'], { delay: 20 }),
        { type: 'thread.updated', thread: thread(tid, 'Handbook question') },
      ]),
    );
    await start(s);
    await waitEvent(s, 'chatkit.ready');
    await send(s, 'Where is the handbook?');

    const reply = s.chat.locator('.item-assistant_message .md');
    await waitText(reply, 'Run npm test');
    expect(await reply.locator('strong').textContent()).toBe('bold');
    expect(await reply.locator('li').allTextContents()).toEqual(['one', 'two']);
    expect(await reply.locator('code').textContent()).toBe('npm test');
    const link = reply.locator('a');
    expect(await link.getAttribute('href')).toBe('https://example.com/docs');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toContain('noopener');
    // The user's message is shown as sent (plain text, not markdown).
    expect(await s.chat.locator('.item-user_message .user-text').textContent()).toBe('Where is the handbook?');
    await waitText(s.chat.locator('header h1'), 'Handbook question');

    const [req] = s.server.requestsOf('threads.create');
    expect(req.params.input).toEqual({ content: [{ type: 'input_text', text: 'Where is the handbook?' }], attachments: [], inference_options: {} });
    expect(req.metadata).toEqual({ workflow_id: 'wf_test' });
    expect(req.query.get('workflow_id')).toBe('wf_test');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['accept-language']).toBe('en-GB');

    const names = (await events(s)).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['chatkit.ready', 'chatkit.response.start', 'chatkit.thread.change', 'chatkit.response.end']));
    expect((await events(s, 'chatkit.thread.change'))[0].detail).toEqual({ threadId: tid });
    // The finished reply is announced to screen readers.
    await s.page.waitForFunction(() => /Here is bold text/.test(document.querySelector('atrium-chat')!.shadowRoot!.querySelector('[aria-live]')!.textContent ?? ''));
    await shot(s, 'element-markdown-reply');
  });

  it('renders GFM markdown (tables, task lists, code, quotes, entities) and keeps images to allowed domains', async () => {
    const s = await open();
    const tid = newId('thr');
    const md = [
      '## Plan &amp; budget',
      '| Item | Cost |\n|:--|--:|\n| Venue | 1,200 € |\n| *Food* | 800 € |',
      '- [x] book venue\n- [ ] order food',
      '3. third\n4. fourth',
      '> quoted **advice**',
      '~~old~~ new &copy; 2026 &lt;tag&gt; <https://example.com/auto>',
      '```ts\nconst a = 1 < 2;\n```',
      '![ok](https://img.example.com/a.png) ![other](https://tracker.example.net/p.gif)',
    ].join('\n\n');
    const withDomains = { ...thread(tid), allowed_image_domains: ['img.example.com'] };
    s.server.on('threads.create', (req) =>
      sse([{ type: 'thread.created', thread: withDomains }, ...createOpening(req, tid).slice(1), ...assistantStream(tid, [md])]),
    );
    await start(s);
    await send(s, 'Plan the offsite');
    const reply = s.chat.locator('.item-assistant_message .md');
    await reply.locator('table').waitFor();
    const found = await reply.evaluate((el) => ({
      h2: el.querySelector('h2')?.textContent,
      th: [...el.querySelectorAll('th')].map((c) => [c.textContent, (c as HTMLElement).style.textAlign]),
      td: [...el.querySelectorAll('td')].map((c) => c.innerHTML),
      tasks: [...el.querySelectorAll('li input[type=checkbox]')].map((c) => [(c as HTMLInputElement).checked, (c as HTMLInputElement).disabled]),
      olStart: el.querySelector('ol')?.getAttribute('start'),
      quote: el.querySelector('blockquote strong')?.textContent,
      del: el.querySelector('del')?.textContent,
      entities: [...el.querySelectorAll('p')].map((p) => p.textContent).find((t) => t?.includes('new')),
      auto: el.querySelector('a[href="https://example.com/auto"]')?.textContent,
      code: el.querySelector('pre code')?.textContent,
      lang: el.querySelector('pre code')?.getAttribute('data-lang'),
      images: [...el.querySelectorAll('img')].map((i) => i.getAttribute('src')),
      blockedAlt: [...el.querySelectorAll('span')].map((x) => x.textContent),
    }));
    expect(found).toEqual({
      h2: 'Plan & budget',
      th: [['Item', 'left'], ['Cost', 'right']],
      td: ['Venue', '1,200 €', '<em>Food</em>', '800 €'],
      tasks: [[true, true], [false, true]],
      olStart: '3',
      quote: 'advice',
      del: 'old',
      entities: 'old new © 2026 <tag> https://example.com/auto',
      auto: 'https://example.com/auto',
      code: 'const a = 1 < 2;',
      lang: 'ts',
      images: ['https://img.example.com/a.png'],
      blockedAlt: ['other'],
    });
  });

  it('renders a Card with a ListView and buttons; a server action posts threads.custom_action with the item id and payload', async () => {
    const s = await open();
    const tid = newId('thr');
    const wid = newId('msg');
    s.server.on('threads.create', (req) => sse([...createOpening(req, tid), { type: 'thread.item.done', item: widgetItem(tid, taskCard(), wid) }]));
    s.server.on('threads.custom_action', () =>
      sse([
        { type: 'stream_options', stream_options: { allow_cancel: false } },
        { delay: 150 },
        {
          type: 'thread.item.replaced',
          item: widgetItem(tid, { type: 'Card', children: [{ type: 'Title', value: 'Open tasks' }, { type: 'Badge', label: 'Q3 report completed', color: 'success' }] }, wid),
        },
        ...assistantStream(tid, ['Done — marked as complete.']),
      ]),
    );
    await start(s);
    await send(s, 'Show my tasks');

    const card = s.chat.locator(`article[data-id="${wid}"] .card`);
    await card.waitFor();
    expect(await card.locator('.w-title').textContent()).toBe('Open tasks');
    expect(await card.locator('.lv .lvi').count()).toBe(2);
    expect(await card.locator('.lvi .w-text').allTextContents()).toEqual(['Review the Q3 report', 'Book the offsite']);
    expect(await card.locator('button', { hasText: 'Done' }).count()).toBe(2);
    await shot(s, 'element-task-card');

    await card.locator('button', { hasText: 'Done' }).first().click();
    // loadingBehavior auto → the clicked button shows a spinner while the action runs.
    await s.chat.locator('button[aria-busy="true"]').waitFor();
    const [action] = await s.server.waitFor('threads.custom_action');
    expect(action.params).toEqual({ thread_id: tid, item_id: wid, action: { type: 'task.complete', payload: { task_id: 't1' } } });
    expect(action.metadata).toEqual({ workflow_id: 'wf_test' });

    // The widget is replaced in place (same item, same position) and the confirmation follows.
    await waitText(s.chat.locator(`article[data-id="${wid}"]`), 'Q3 report completed');
    expect(await s.chat.locator(`article[data-id="${wid}"] button`).count()).toBe(0);
    await waitText(s.chat.locator('.item-assistant_message'), 'marked as complete');
    const order = await s.chat.locator('article.item').evaluateAll((els) => els.map((e) => e.className.replace('item item-', '')));
    expect(order).toEqual(['user_message', 'widget', 'assistant_message']);
  });

  it('collects Card asForm values into the action payload (dotted names nest, payload keys win) and honours required fields', async () => {
    const s = await open();
    const tid = newId('thr');
    const wid = newId('msg');
    const form = {
      type: 'Card',
      asForm: true,
      children: [
        { type: 'Label', value: 'Title', fieldName: 'task.title' },
        { type: 'Input', name: 'task.title', required: true, placeholder: 'What needs doing?' },
        { type: 'Select', name: 'task.priority', defaultValue: 'normal', options: [{ value: 'normal', label: 'Normal' }, { value: 'high', label: 'High' }] },
        { type: 'Checkbox', name: 'notify', label: 'Notify me', defaultChecked: true },
      ],
      confirm: { label: 'Create', action: { type: 'task.create', payload: { list: 'home', notify: 'from-payload' } } },
      cancel: { label: 'Cancel', action: { type: 'task.cancel' } },
    };
    s.server.on('threads.create', (req) => sse([...createOpening(req, tid), { type: 'thread.item.done', item: widgetItem(tid, form, wid) }]));
    s.server.on('threads.custom_action', () => sse([{ type: 'stream_options', stream_options: { allow_cancel: false } }]));
    await start(s);
    await send(s, 'New task');
    const card = s.chat.locator(`article[data-id="${wid}"] form.card`);
    await card.waitFor();

    // Required field empty: native validation blocks the action.
    await card.locator('button', { hasText: 'Create' }).click();
    await s.page.waitForTimeout(300);
    expect(s.server.requestsOf('threads.custom_action')).toHaveLength(0);

    // The Label points at its field.
    await card.locator('label.w-label').click();
    await s.page.keyboard.type('Buy milk');
    await card.locator('select').selectOption('high');
    await card.locator('button', { hasText: 'Create' }).click();
    const [req] = await s.server.waitFor('threads.custom_action');
    expect(req.params.action).toEqual({ type: 'task.create', payload: { list: 'home', notify: 'from-payload', task: { title: 'Buy milk', priority: 'high' } } });
    expect(req.params.item_id).toBe(wid);
  });

  it('routes client actions to widgets.onAction and chatkit.widget.action, and non-streaming actions to threads.sync_custom_action', async () => {
    const s = await open();
    const tid = newId('thr');
    const wid = newId('msg');
    const widget = {
      type: 'Card',
      children: [
        { type: 'Text', id: 'status', value: 'Status: open' },
        { type: 'Row', gap: 2, children: [
          { type: 'Button', label: 'Open map', onClickAction: { type: 'map.open', handler: 'client', payload: { city: 'Paris' } } },
          { type: 'Button', label: 'Archive', onClickAction: { type: 'task.archive', streaming: false, payload: { task_id: 't9' } } },
        ] },
      ],
    };
    s.server.on('threads.create', (req) => sse([...createOpening(req, tid), { type: 'thread.item.done', item: widgetItem(tid, widget, wid) }]));
    s.server.on('threads.sync_custom_action', () =>
      json({ updated_item: widgetItem(tid, { type: 'Card', children: [{ type: 'Text', value: 'Status: archived' }] }, wid) }),
    );
    await s.page.evaluate(() => {
      (window as any).harness.start({
        widgets: { onAction: (action: unknown, item: { id: string }) => ((window as any).__clientActions ??= []).push({ action, itemId: item.id }) },
      });
    });
    await s.chat.locator('.composer-input').waitFor();
    await send(s, 'Task status');
    await s.chat.locator('button', { hasText: 'Open map' }).click();
    const clientActions = await s.page.evaluate(() => (window as any).__clientActions);
    expect(clientActions).toEqual([{ action: { type: 'map.open', payload: { city: 'Paris' } }, itemId: wid }]);
    const [ev] = await waitEvent(s, 'chatkit.widget.action');
    expect(ev.detail.action).toEqual({ type: 'map.open', payload: { city: 'Paris' } });
    expect(ev.detail.item.id).toBe(wid);
    expect(s.server.requestsOf('threads.custom_action')).toHaveLength(0);

    await s.chat.locator('button', { hasText: 'Archive' }).click();
    const [sync] = await s.server.waitFor('threads.sync_custom_action');
    expect(sync.params).toEqual({ thread_id: tid, item_id: wid, action: { type: 'task.archive', payload: { task_id: 't9' } } });
    await waitText(s.chat.locator(`article[data-id="${wid}"]`), 'Status: archived');

    // A client handler can follow up with sendCustomAction(action, itemId).
    s.server.on('threads.custom_action', () => sse([{ type: 'stream_options', stream_options: { allow_cancel: false } }, ...assistantStream(tid, ['Map shared.'])]));
    await s.page.evaluate((id) => (document.querySelector('atrium-chat') as any).sendCustomAction({ type: 'map.share', payload: { city: 'Paris' } }, id), wid);
    const [custom] = await s.server.waitFor('threads.custom_action');
    expect(custom.params).toEqual({ thread_id: tid, item_id: wid, action: { type: 'map.share', payload: { city: 'Paris' } } });
    await waitText(s.chat.locator('.item-assistant_message'), 'Map shared.');
  });

  it('renders untrusted markdown and widget text inert (no script, no event handlers, no javascript: URLs)', async () => {
    const s = await open();
    const tid = newId('thr');
    const payload = [
      'Hello <script>window.__xss = "script"</script>',
      '<img src="x" onerror="window.__xss = \'img\'">',
      '[click me](javascript:window.__xss=%22link%22)',
      '[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '<a href="javascript:alert(1)">raw anchor</a> <iframe src="javascript:alert(2)"></iframe>',
      '![pixel](javascript:alert(3)) <svg onload="alert(4)"></svg> <b onmouseover="alert(5)">bold?</b>',
      '[entity](&#106;avascript:window.__xss=%22entity%22) [case](JaVaScRiPt:window.__xss=1) <javascript:window.__xss=2> [vb](vbscript:msgbox(1))',
      '<style>* { display: none !important }</style> <form action="https://evil.example"><input name="pw"></form>',
      '```html\n<script>window.__xss="code"</script>\n```',
    ].join('\n\n');
    const widget = {
      type: 'Card',
      children: [
        { type: 'Title', value: '<img src=x onerror="window.__xss=\'title\'">' },
        { type: 'Markdown', value: payload },
        { type: 'Image', src: 'javascript:window.__xss="image"', alt: 'bad image' },
        { type: 'Button', label: '<script>window.__xss="button"</script>', onClickAction: { type: 'noop', handler: 'client' } },
        { type: 'Box', background: 'url(https://tracker.example/pixel)', children: [{ type: 'Text', value: 'styled' }] },
      ],
    };
    s.server.on('threads.create', (req) => sse([...createOpening(req, tid), ...assistantStream(tid, [payload]), { type: 'thread.item.done', item: widgetItem(tid, widget) }]));
    await start(s);
    await send(s, '<img src=x onerror="window.__xss=\'user\'">');
    await s.chat.locator('.item-widget .card').waitFor();
    await s.chat.locator('.item-assistant_message .md').waitFor();

    const audit = await s.page.evaluate(() => {
      const root = document.querySelector('atrium-chat')!.shadowRoot!;
      const all = [...root.querySelectorAll('*')];
      return {
        scripts: root.querySelectorAll('script').length,
        injected: root.querySelectorAll('.md style, .md form, .md svg, .md input:not([type=checkbox])').length,
        iframes: root.querySelectorAll('iframe, object, embed').length,
        handlerAttrs: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}.${a.name}`)),
        badUrls: all.flatMap((el) => ['href', 'src', 'action', 'formaction', 'xlink:href'].map((n) => el.getAttribute(n) ?? '').filter((v) => /^\s*(javascript|data:text|vbscript)/i.test(v))),
        styled: all.filter((el) => (el as HTMLElement).style?.background?.includes('url(')).length,
        assistantText: root.querySelector('.item-assistant_message .md')!.textContent,
        userText: root.querySelector('.item-user_message .user-text')!.textContent,
        title: root.querySelector('.w-title')!.textContent,
        button: root.querySelector('.item-widget button')!.textContent,
      };
    });
    expect(audit.scripts).toBe(0);
    expect(audit.injected).toBe(0);
    expect(audit.iframes).toBe(0);
    expect(audit.handlerAttrs).toEqual([]);
    expect(audit.badUrls).toEqual([]);
    expect(audit.styled).toBe(0);
    // Raw HTML is shown as text; widget text props are text.
    expect(audit.assistantText).toContain('<script>window.__xss = "script"</script>');
    expect(audit.userText).toBe('<img src=x onerror="window.__xss=\'user\'">');
    expect(audit.title).toBe('<img src=x onerror="window.__xss=\'title\'">');
    expect(audit.button).toBe('<script>window.__xss="button"</script>');

    // Clicking the neutralised links does nothing.
    await s.chat.locator('.item-assistant_message a', { hasText: 'click me' }).click();
    await s.chat.locator('.item-widget .md a', { hasText: 'click me' }).click();
    await s.page.waitForTimeout(200);
    expect(await s.page.evaluate(() => (window as any).__xss)).toBeUndefined();
    expect(s.dialogs).toEqual([]);
    expect(s.context.pages()).toHaveLength(1);
    await shot(s, 'element-xss-inert');
  });

  it('shows a friendly rate-limit message with the Retry-After time and keeps the user text', async () => {
    const s = await open();
    s.server.on('threads.create', apiError(429, 'rate_limited', 'Too many requests', undefined, { 'Retry-After': '7' }));
    await start(s);
    await send(s, 'Summarise the Q3 report');
    const box = s.chat.locator('.error-box');
    const text = await waitText(box, /try again in [67] seconds/);
    expect(text).toMatch(/sending messages too quickly/);
    expect(await box.locator('button', { hasText: 'Retry' }).isDisabled()).toBe(true);
    // Nothing is lost: the message stays, marked as not sent.
    expect(await s.chat.locator('.item-user_message .user-text').textContent()).toBe('Summarise the Q3 report');
    await waitText(s.chat.locator('.item-user_message .not-sent'), 'Not sent');
    const [err] = await waitEvent(s, 'chatkit.error');
    expect(err.detail.error).toMatchObject({ code: 'rate_limited', status: 429 });
    await shot(s, 'element-rate-limited');
  });

  it('uses error.details.retry_after_seconds, counts down, then retries the same message', async () => {
    const s = await open();
    const tid = newId('thr');
    s.server.on(
      'threads.create',
      apiError(429, 'rate_limited', 'Too many requests', { retry_after_seconds: 2 }),
      (req) => sse([...createOpening(req, tid), ...assistantStream(tid, ['Here is the summary.'])]),
    );
    await start(s);
    await send(s, 'Summarise again');
    const box = s.chat.locator('.error-box');
    await waitText(box, /try again in 2 seconds/);
    const retry = box.locator('button', { hasText: 'Retry' });
    await s.page.waitForFunction(() => {
      const b = document.querySelector('atrium-chat')!.shadowRoot!.querySelector('.error-box button') as HTMLButtonElement | null;
      return b && !b.disabled;
    }, undefined, { timeout: 5000 });
    await retry.click();
    await waitText(s.chat.locator('.item-assistant_message'), 'Here is the summary.');
    const reqs = s.server.requestsOf('threads.create');
    expect(reqs).toHaveLength(2);
    expect(reqs[1].params.input).toEqual(reqs[0].params.input);
    expect(await s.chat.locator('.item-user_message').count()).toBe(1);
    expect(await s.chat.locator('.not-sent').count()).toBe(0);
  });

  it('a dropped connection shows an error with retry and keeps everything already sent', async () => {
    const s = await open();
    const tid = newId('thr');
    const uid = newId('msg');
    s.server.on('threads.create', (req) => sse([...createOpening(req, tid, { userId: uid }), ...assistantStream(tid, ['Partial answer', ' that never']).slice(0, 3), { delay: 50 }, { drop: true }]));
    s.server.on('threads.retry_after_item', () => sse([{ type: 'stream_options', stream_options: { allow_cancel: true } }, ...assistantStream(tid, ['The complete answer.'])]));
    await start(s);
    await send(s, 'Explain the travel policy');
    await waitText(s.chat.locator('.error-box'), /connection was lost/);
    expect(await s.chat.locator('.item-user_message .user-text').textContent()).toBe('Explain the travel policy');
    expect(await s.chat.locator('.not-sent').count()).toBe(0);
    expect(await s.chat.locator('.item-assistant_message').textContent()).toContain('Partial answer');
    await shot(s, 'element-connection-lost');

    await s.chat.locator('.error-box button', { hasText: 'Retry' }).click();
    const [retry] = await s.server.waitFor('threads.retry_after_item');
    expect(retry.params).toEqual({ thread_id: tid, item_id: uid });
    await waitText(s.chat.locator('.item-assistant_message'), 'The complete answer.');
    expect(await s.chat.locator('.item-assistant_message').count()).toBe(1);
    expect(await s.chat.locator('.error-box').count()).toBe(0);
  });

  it('a request that never reaches the server keeps the message as "Not sent" and resends it', async () => {
    const s = await open();
    const tid = newId('thr');
    s.server.on('threads.create', sse([{ drop: true }]), (req) => sse([...createOpening(req, tid), ...assistantStream(tid, ['Got it.'])]));
    await start(s);
    await send(s, 'Book a room for Tuesday');
    await waitText(s.chat.locator('.item-user_message .not-sent'), 'Not sent');
    expect(await s.chat.locator('.item-user_message .user-text').textContent()).toBe('Book a room for Tuesday');
    await s.chat.locator('.not-sent button', { hasText: 'Retry' }).click();
    await waitText(s.chat.locator('.item-assistant_message'), 'Got it.');
    const reqs = s.server.requestsOf('threads.create');
    expect(reqs.map((r) => r.params.input.content[0].text)).toEqual(['Book a room for Tuesday', 'Book a room for Tuesday']);
    expect(await s.chat.locator('.item-user_message').count()).toBe(1);
  });

  it('streams without layout shift: the typing indicator and the first line have the same height, earlier items stay put', async () => {
    const s = await open();
    const tid = newId('thr');
    const aid = newId('msg');
    const steps = assistantStream(tid, ['Hello', ' there, this is a streamed answer.'], { id: aid });
    s.server.on('threads.create', (req) => sse([...createOpening(req, tid), steps[0], { delay: 500 }, ...steps.slice(1, 3), { delay: 500 }, ...steps.slice(3)]));
    await start(s);
    await send(s, 'Say hello');
    const article = s.chat.locator(`article[data-id="${aid}"]`);
    const measure = () =>
      s.page.evaluate((id) => {
        const root = document.querySelector('atrium-chat')!.shadowRoot!;
        const user = root.querySelector('.item-user_message') as HTMLElement;
        const reply = root.querySelector(`article[data-id="${id}"]`) as HTMLElement;
        return { userTop: user.getBoundingClientRect().top - (root.querySelector('.items') as HTMLElement).getBoundingClientRect().top, replyHeight: reply.getBoundingClientRect().height };
      }, aid);
    await article.locator('.typing').waitFor();
    const typing = await measure();
    await waitText(article, 'Hello');
    const firstLine = await measure();
    await waitText(article, 'streamed answer.');
    expect(firstLine.replyHeight).toBe(typing.replyHeight);
    expect(firstLine.userTop).toBe(typing.userTop);
    expect((await measure()).userTop).toBe(typing.userTop);
    // The classic script defines the element and nothing else on window.
    const globals = await s.page.evaluate(() => Object.getOwnPropertyNames(window).filter((k) => !(window as any).__keysBefore.includes(k)));
    expect(globals.filter((k) => !['harness', '__keysBefore'].includes(k))).toEqual([]);
  });

  it('offers a stop button while streaming when allow_cancel is set, and aborts the request', async () => {
    const s = await open();
    const tid = newId('thr');
    s.server.on('threads.create', (req) => sse([...createOpening(req, tid, { allowCancel: true }), ...assistantStream(tid, ['Thinking about it']).slice(0, 3), { hang: true }]));
    await start(s);
    await send(s, 'Write a long essay');
    const stop = s.chat.locator('button.send[aria-label="Stop response"]');
    await stop.waitFor();
    await waitText(s.chat.locator('.item-assistant_message'), 'Thinking about it');
    await stop.click();
    await s.chat.locator('button.send[aria-label="Send message"]').waitFor();
    await waitEvent(s, 'chatkit.response.end');
    for (let i = 0; i < 50 && s.server.abortedStreams === 0; i++) await s.page.waitForTimeout(20);
    expect(s.server.abortedStreams).toBe(1);
    expect(await s.chat.locator('.item-assistant_message').textContent()).toContain('Thinking about it');
    expect(await s.chat.locator('.error-box').count()).toBe(0);
    expect((await events(s, 'chatkit.log')).map((e) => e.detail.name)).toContain('response.cancelled');
  });

  it('history: lists threads with infinite scroll, switches, renames and deletes', async () => {
    const s = await open();
    const threads = Array.from({ length: 23 }, (_, i) => thread(`thr_h${String(i).padStart(2, '0')}`, `Conversation ${i + 1}`));
    s.server.on('threads.list', (req) => {
      const start = req.params.after ? threads.findIndex((t) => t.id === req.params.after) + 1 : 0;
      const page = threads.slice(start, start + (req.params.limit ?? 20));
      const more = start + page.length < threads.length;
      return json({ data: page, has_more: more, ...(more ? { after: page[page.length - 1].id } : {}) });
    });
    const target = threads[2];
    const uid = newId('msg');
    s.server.on('threads.get_by_id', json({ ...target, items: { data: [userItem(target.id, { content: [{ type: 'input_text', text: 'Old question' }] }, uid), assistantItem(target.id, 'Old **answer**')], has_more: false } }));
    s.server.on('threads.update', (req) => json({ ...threads[0], title: req.params.title }));
    s.server.on('threads.delete', json({}));
    await start(s);

    await s.chat.locator('button[aria-label="Show history"]').click();
    await waitEvent(s, 'chatkit.history.open');
    const rows = s.chat.locator('.history-row');
    await rows.first().waitFor();
    await s.chat.locator('.history-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
    for (let i = 0; i < 100 && (await rows.count()) < 23; i++) await s.page.waitForTimeout(20);
    expect(await rows.count()).toBe(23);
    const lists = s.server.requestsOf('threads.list');
    expect(lists[0].params).toEqual({ limit: 20, order: 'desc' });
    expect(lists[1].params).toEqual({ limit: 20, order: 'desc', after: 'thr_h19' });
    await shot(s, 'element-history');

    // Switch.
    await s.chat.locator('.history-open', { hasText: 'Conversation 3' }).click();
    await waitText(s.chat.locator('.item-assistant_message'), 'Old answer');
    expect(await s.chat.locator('.history').isHidden()).toBe(true);
    expect((await events(s, 'chatkit.thread.change')).pop()!.detail).toEqual({ threadId: target.id });
    expect((await events(s, 'chatkit.thread.load.end')).pop()!.detail).toEqual({ threadId: target.id });
    await waitText(s.chat.locator('header h1'), 'Conversation 3');

    // Rename.
    await s.page.evaluate(() => (document.querySelector('atrium-chat') as any).showHistory());
    await rows.first().waitFor();
    await s.chat.locator('button[aria-label="Rename Conversation 1"]').click();
    const input = s.chat.locator('.history-row input');
    await input.fill('Budget planning');
    await input.press('Enter');
    const [update] = await s.server.waitFor('threads.update');
    expect(update.params).toEqual({ thread_id: 'thr_h00', title: 'Budget planning' });
    await waitText(s.chat.locator('.history-row').first(), 'Budget planning');

    // Delete (with confirmation).
    await s.chat.locator('button[aria-label="Delete Conversation 2"]').click();
    await s.chat.locator('.history-row button', { hasText: 'Delete' }).click();
    const [del] = await s.server.waitFor('threads.delete');
    expect(del.params).toEqual({ thread_id: 'thr_h01' });
    await s.page.waitForFunction(() => !document.querySelector('atrium-chat')!.shadowRoot!.querySelector('[data-thread-id="thr_h01"]'));

    // Escape closes the panel and focus returns to the history button.
    await s.page.keyboard.press('Escape');
    expect(await s.chat.locator('.history').isHidden()).toBe(true);
    expect(await s.page.evaluate(() => document.querySelector('atrium-chat')!.shadowRoot!.activeElement?.getAttribute('aria-label'))).toBe('Show history');
  });

  it('sends feedback and retries a response (threads.retry_after_item with the user message)', async () => {
    const s = await open();
    const tid = newId('thr');
    const uid = newId('msg');
    const aid = newId('msg');
    s.server.on('threads.create', (req) => sse([...createOpening(req, tid, { userId: uid }), ...assistantStream(tid, ['First answer.'], { id: aid })]));
    s.server.on('items.feedback', json({}));
    s.server.on('threads.retry_after_item', () => sse([{ type: 'stream_options', stream_options: { allow_cancel: true } }, ...assistantStream(tid, ['Second answer.'])]));
    await start(s);
    await send(s, 'Give me an answer');
    await waitText(s.chat.locator('.item-assistant_message'), 'First answer.');

    await s.chat.locator('button[aria-label="Good response"]').click();
    const [fb] = await s.server.waitFor('items.feedback');
    expect(fb.params).toEqual({ thread_id: tid, item_ids: [aid], kind: 'positive' });
    await s.chat.locator('button[aria-label="Good response"][aria-pressed="true"]').waitFor();

    await s.chat.locator('button[aria-label="Retry"]').click();
    const [retry] = await s.server.waitFor('threads.retry_after_item');
    expect(retry.params).toEqual({ thread_id: tid, item_id: uid });
    await waitText(s.chat.locator('.item-assistant_message'), 'Second answer.');
    expect(await s.chat.locator('.item-assistant_message').count()).toBe(1);
  });

  it('attachments: checks maxSize before uploading, then uploads in two phases with progress and sends the ids', async () => {
    const s = await open();
    const tid = newId('thr');
    s.server.on('attachments.create', (req) =>
      json({ id: 'atc_1', type: 'file', name: req.params.name, mime_type: req.params.mime_type, upload_descriptor: { url: `${s.server.origin}/api/chatkit/attachments/atc_1/upload`, method: 'POST', headers: {} } }),
    );
    const created = { id: 'atc_1', type: 'file', name: 'notes.txt', mime_type: 'text/plain' };
    s.server.on('threads.create', (req) => sse([...createOpening(req, tid, { attachments: [created] }), ...assistantStream(tid, ['Thanks for the notes.'])]));
    await start(s, { composer: { attachments: { enabled: true, maxSize: 1024, maxCount: 2 } } });

    const fileInput = s.chat.locator('input[type=file]');
    await fileInput.setInputFiles({ name: 'big.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(4096, 1) });
    await waitText(s.chat.locator('.composer-error'), /big\.pdf is too large \(4 KB\)\. The limit is 1 KB\./);
    expect(s.server.requestsOf('attachments.create')).toHaveLength(0);

    await fileInput.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('meeting notes\n'.repeat(10)) });
    const [create] = await s.server.waitFor('attachments.create');
    expect(create.params).toEqual({ name: 'notes.txt', size: 140, mime_type: 'text/plain' });
    await s.chat.locator('.chip-att.done').waitFor();
    expect(s.server.uploads).toHaveLength(1);
    expect(s.server.uploads[0]).toMatchObject({ id: 'atc_1', method: 'POST' });
    expect(s.server.uploads[0].contentType).toMatch(/^multipart\/form-data; boundary=/);

    await send(s, 'Here are my notes');
    const [req] = await s.server.waitFor('threads.create');
    expect(req.params.input.attachments).toEqual(['atc_1']);
    await waitText(s.chat.locator('.item-assistant_message'), 'Thanks for the notes.');
    expect(await s.chat.locator('.item-user_message .att-name').textContent()).toBe('notes.txt');
    expect(await s.chat.locator('.chip-att').count()).toBe(0);
  });

  it('hands client tool calls to onClientTool and posts the result with threads.add_client_tool_output', async () => {
    const s = await open();
    const tid = newId('thr');
    const call = { type: 'client_tool_call', id: newId('tc'), thread_id: tid, created_at: new Date().toISOString(), status: 'pending', call_id: 'call_1', name: 'get_location', arguments: { precision: 'city' } };
    s.server.on('threads.create', (req) => sse([...createOpening(req, tid), { type: 'thread.item.done', item: call }]));
    s.server.on('threads.add_client_tool_output', () => sse([{ type: 'stream_options', stream_options: { allow_cancel: true } }, ...assistantStream(tid, ['It is sunny in Paris.'])]));
    await s.page.evaluate(() => {
      (window as any).harness.start({
        onClientTool: async (tool: unknown) => {
          (window as any).__toolCalls = [...((window as any).__toolCalls ?? []), tool];
          return { city: 'Paris' };
        },
      });
    });
    await s.chat.locator('.composer-input').waitFor();
    await send(s, 'What is the weather here?');
    const [out] = await s.server.waitFor('threads.add_client_tool_output');
    expect(out.params).toEqual({ thread_id: tid, result: { city: 'Paris' } });
    expect(await s.page.evaluate(() => (window as any).__toolCalls)).toEqual([{ name: 'get_location', params: { precision: 'city' } }]);
    await waitText(s.chat.locator('.item-assistant_message'), 'It is sunny in Paris.');
    await waitText(s.chat.locator('.tool-call'), 'Used get_location');
  });

  it('updates widgets in place (streamed text, root updates) and shows progress, notices, effects and workflows', async () => {
    const s = await open();
    const tid = newId('thr');
    const wid = newId('msg');
    const wf = newId('wf');
    const card = (extra: any[] = []) => ({ type: 'Card', children: [{ type: 'Title', value: 'Summary' }, { type: 'Text', id: 'summary', value: '', streaming: true }, ...extra] });
    const delta = (d: string, done = false) => ({ type: 'thread.item.updated', item_id: wid, update: { type: 'widget.streaming_text.value_delta', component_id: 'summary', delta: d, done } });
    s.server.on('threads.create', (req) =>
      sse([
        ...createOpening(req, tid),
        { type: 'thread.item.added', item: { type: 'workflow', id: wf, thread_id: tid, created_at: new Date().toISOString(), workflow: { type: 'reasoning', tasks: [], expanded: false } } },
        { type: 'thread.item.updated', item_id: wf, update: { type: 'workflow.task.added', task_index: 0, task: { type: 'thought', content: 'Reading the **report**', status_indicator: 'loading' } } },
        { type: 'thread.item.done', item: { type: 'workflow', id: wf, thread_id: tid, created_at: new Date().toISOString(), workflow: { type: 'reasoning', tasks: [{ type: 'thought', content: 'Read the report', status_indicator: 'complete' }], summary: { duration: 3 }, expanded: false } } },
        { type: 'progress_update', icon: 'document', text: 'Writing the summary…' },
        { delay: 400 },
        { type: 'thread.item.added', item: widgetItem(tid, card(), wid) },
        delta('Revenue grew '), { delay: 30 }, delta('12% '), { delay: 30 }, delta('year on year.', true),
        { type: 'thread.item.updated', item_id: wid, update: { type: 'widget.root.updated', widget: { ...card([{ type: 'Badge', label: 'Final', color: 'success' }]), children: [{ type: 'Title', value: 'Summary' }, { type: 'Text', id: 'summary', value: 'Revenue grew 12% year on year.' }, { type: 'Badge', label: 'Final', color: 'success' }] } } },
        { type: 'thread.item.done', item: widgetItem(tid, { type: 'Card', children: [{ type: 'Title', value: 'Summary' }, { type: 'Text', id: 'summary', value: 'Revenue grew 12% year on year.' }, { type: 'Badge', label: 'Final', color: 'success' }] }, wid) },
        { type: 'notice', level: 'warning', title: 'Heads up', message: 'Figures are **unaudited**.' },
        { type: 'client_effect', name: 'confetti', data: { count: 3 } },
      ]),
    );
    await start(s);
    await send(s, 'Summarise the report');
    await waitText(s.chat.locator('.progress'), 'Writing the summary…');
    await waitText(s.chat.locator(`article[data-id="${wid}"] [data-cid="summary"]`), 'Revenue grew 12% year on year.');
    await waitText(s.chat.locator(`article[data-id="${wid}"] .badge`), 'Final');
    await waitText(s.chat.locator('.notice.warning'), 'Figures are unaudited.');
    expect(await s.chat.locator('.notice.warning strong').first().textContent()).toBe('Heads up');
    await waitText(s.chat.locator('.workflow summary'), 'Worked for 3s');
    const [effect] = await waitEvent(s, 'chatkit.effect');
    expect(effect.detail).toEqual({ name: 'confetti', data: { count: 3 } });
    expect(await s.chat.locator(`article[data-id="${wid}"]`).count()).toBe(1);
    expect(await s.chat.locator('.progress').count()).toBe(0);
  });

  it('renders every component of the widget catalogue', async () => {
    const s = await open();
    const tid = newId('thr');
    const everything = {
      type: 'Card',
      size: 'lg',
      status: { text: 'Catalogue', icon: 'sparkle' },
      children: [
        { type: 'Row', gap: 2, align: 'center', children: [{ type: 'Icon', name: 'star', color: 'warning' }, { type: 'Icon', name: 'lucide:rocket' }, { type: 'Title', value: 'All components', size: 'lg' }, { type: 'Spacer' }, { type: 'Badge', label: 'New', color: 'info', pill: true }] },
        { type: 'Caption', value: 'A caption' },
        { type: 'Markdown', value: 'Some *markdown* with `code`' },
        { type: 'Divider', spacing: 2 },
        { type: 'Box', direction: 'row', gap: 3, padding: 2, background: 'surface-secondary', radius: 'md', children: [
          { type: 'Col', gap: 1, flex: 1, children: [{ type: 'Text', value: 'Bold text', weight: 'semibold' }, { type: 'Text', value: 'Truncated text that goes on and on', truncate: true }] },
          { type: 'Image', src: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=', alt: 'pixel', size: 40, radius: 'full' },
          { type: 'Image', src: 'javascript:alert(1)', alt: 'blocked', size: 40 },
        ] },
        { type: 'Transition', children: { type: 'Text', value: 'In a transition' } },
        { type: 'Form', gap: 2, onSubmitAction: { type: 'form.submit' }, children: [
          { type: 'Label', value: 'Email', fieldName: 'email' },
          { type: 'Input', name: 'email', inputType: 'email', placeholder: 'you@example.com' },
          { type: 'Textarea', name: 'comment', rows: 2, placeholder: 'Comment' },
          { type: 'Select', name: 'team', placeholder: 'Pick a team', options: [{ value: 'a', label: 'Alpha' }, { value: 'b', label: 'Beta' }] },
          { type: 'DatePicker', name: 'day', defaultValue: '2026-11-24T00:00:00' },
          { type: 'DatePicker', name: 'meeting', defaultValue: '2026-11-24T14:30:00' },
          { type: 'Checkbox', name: 'agree', label: 'I agree' },
          { type: 'RadioGroup', name: 'size', direction: 'row', ariaLabel: 'Size', options: [{ label: 'Small', value: 's' }, { label: 'Large', value: 'l' }], defaultValue: 's' },
          { type: 'Button', label: 'Submit', submit: true, iconStart: 'check' },
        ] },
        { type: 'Chart', height: 160, xAxis: 'month', showLegend: true, data: [{ month: 'Jan', sales: 10, cost: 6 }, { month: 'Feb', sales: 14, cost: 7 }, { month: 'Mar', sales: 9, cost: 8 }],
          series: [{ type: 'bar', dataKey: 'sales', label: 'Sales', color: 'blue' }, { type: 'line', dataKey: 'cost', label: 'Cost', color: 'orange' }] },
        { type: 'Table', children: [
          { type: 'Table.Row', header: true, children: [{ type: 'Table.Cell', children: [{ type: 'Text', value: 'Name' }] }, { type: 'Table.Cell', children: [{ type: 'Text', value: 'Owner' }] }] },
          { type: 'Table.Row', children: [{ type: 'Table.Cell', children: [{ type: 'Text', value: 'Report' }] }, { type: 'Table.Cell', children: [{ type: 'Text', value: 'Ada' }] }] },
        ] },
      ],
    };
    const list = { type: 'ListView', limit: 2, children: ['One', 'Two', 'Three'].map((v) => ({ type: 'ListViewItem', children: [{ type: 'Text', value: v }] })) };
    const basic = { type: 'Basic', gap: 2, children: [{ type: 'Text', value: 'Inside Basic' }, { type: 'Card', size: 'sm', children: [{ type: 'Text', value: 'Nested card' }] }] };
    // Fails the libs/widgets schema (not an icon name): shown as a placeholder, reported in chatkit.log.
    const invalid = { type: 'Card', children: [{ type: 'Icon', name: 'no-such-icon' }, { type: 'Text', value: 'never shown' }] };
    s.server.on('threads.create', (req) =>
      sse([...createOpening(req, tid), ...[everything, list, basic, invalid].map((w) => ({ type: 'thread.item.done', item: widgetItem(tid, w) }))]),
    );
    s.server.on('threads.custom_action', () => sse([{ type: 'stream_options', stream_options: { allow_cancel: false } }]));
    await start(s);
    await send(s, 'Show me everything');
    const w = s.chat.locator('.item-widget').first();
    await w.locator('.chart-svg').waitFor();
    const found = await w.evaluate((el) => {
      const q = (sel: string) => el.querySelectorAll(sel).length;
      return {
        status: el.querySelector('.w-status')?.textContent, title: q('.w-title'), caption: q('.w-caption'), markdown: q('.md em') + q('.md code'),
        badge: q('.badge'), icons: q('.w-icon svg'), unknownIcon: q('svg[data-icon="unknown"]'), divider: q('hr.divider'), spacer: q('.spacer'),
        image: q('img.w-image'), blockedImage: q('.w-image.blocked'), transition: q('.transition'), form: q('form.w-form'),
        label: (el.querySelector('label.w-label') as HTMLLabelElement)?.control?.getAttribute('name'), email: q('input[type=email]'), textarea: q('textarea'),
        select: q('select option'), date: q('input[type=date]'), datetime: q('input[type=datetime-local]'), checkbox: q('input[type=checkbox]'),
        radios: q('input[type=radio]'), radioChecked: (el.querySelector('input[type=radio]:checked') as HTMLInputElement)?.value,
        button: q('button[type=submit]'), bars: q('.chart-svg rect'), lines: q('.chart-svg path'), legend: q('.chart-legend span'),
        th: q('table th'), td: q('table td'), dateValue: (el.querySelector('input[type=date]') as HTMLInputElement)?.value,
      };
    });
    expect(found).toEqual({
      status: 'Catalogue', title: 1, caption: 1, markdown: 2, badge: 1, icons: 2, unknownIcon: 1, divider: 1, spacer: 1, image: 1, blockedImage: 1,
      transition: 1, form: 1, label: 'email', email: 1, textarea: 1, select: 3, date: 1, datetime: 1, checkbox: 1, radios: 2, radioChecked: 's',
      button: 1, bars: 3, lines: 1, legend: 2, th: 2, td: 2, dateValue: '2026-11-24',
    });
    // ListView limit → "Show 1 more"; Basic nests a Card.
    const lv = s.chat.locator('.item-widget').nth(1);
    expect(await lv.locator('li:not([hidden])').count()).toBe(2);
    await lv.locator('button', { hasText: 'Show 1 more' }).click();
    expect(await lv.locator('li:not([hidden])').count()).toBe(3);
    await waitText(s.chat.locator('.item-widget').nth(2).locator('.card'), 'Nested card');
    await waitText(s.chat.locator('.item-widget').nth(3), 'This content could not be displayed.');
    expect(await s.chat.locator('.item-widget').nth(3).textContent()).not.toContain('never shown');
    const invalidLog = (await events(s, 'chatkit.log')).find((e) => e.detail.name === 'widget.invalid');
    expect(invalidLog?.detail.data.reason).toMatch(/children\[0\]\.name/);
    await s.page.setViewportSize({ width: 1100, height: 1900 });
    await s.chat.locator('.thread').evaluate((el) => (el.scrollTop = 0));
    await shot(s, 'element-widget-catalogue-light');

    // The Form's submit button submits the form with its values.
    await w.locator('input[type=email]').fill('ada@example.com');
    await w.locator('button[type=submit]').click();
    const [submit] = await s.server.waitFor('threads.custom_action');
    expect(submit.params.action.type).toBe('form.submit');
    expect(submit.params.action.payload).toMatchObject({ email: 'ada@example.com', team: '', size: 's', agree: false, day: '2026-11-24', meeting: '2026-11-24T14:30' });

    await s.page.evaluate(() => (window as any).harness.start({ theme: { colorScheme: 'dark', color: { accent: { primary: '#7c3aed' } } } }));
    await s.page.waitForTimeout(100);
    await shot(s, 'element-widget-catalogue-dark');
    const accent = await s.chat.locator('.send').evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(accent).toBe('rgb(124, 58, 237)');
  });

  it('createSessionFetch refreshes the token before it expires and on 401, without losing the thread', async () => {
    const s = await open();
    const tid = newId('thr');
    const seen: string[] = [];
    const authOf = (req: { headers: Record<string, unknown> }) => String(req.headers.authorization ?? '');
    const decode = (h: string) => JSON.parse(Buffer.from(h.replace('Bearer ', '').split('.')[1], 'base64url').toString()).sub;
    s.server.on('threads.create', (req) => {
      seen.push(authOf(req));
      return sse([...createOpening(req, tid), ...assistantStream(tid, ['First reply.'])]);
    });
    s.server.on('threads.add_user_message', (req) => {
      seen.push(authOf(req));
      // The second token was revoked: 401 once, then the refreshed token works.
      if (decode(authOf(req)) === 'token-2') return apiError(401, 'auth.token_expired', 'Session token expired');
      return sse([...addOpening(req), ...assistantStream(tid, ['Second reply.'])]);
    });
    await s.page.evaluate(() => {
      const jwt = (sub: string, expIn: number) => {
        const b64 = (o: unknown) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
        return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, exp: Math.floor(Date.now() / 1000) + expIn })}.sig`;
      };
      const calls: (string | null)[] = [];
      (window as any).__secretCalls = calls;
      let n = 0;
      const Ctor = customElements.get('atrium-chat') as any;
      const sessionFetch = Ctor.createSessionFetch({
        // token-1 expires in 10 s, i.e. inside the 30 s refresh window: the next request refreshes first.
        getClientSecret: async (current: string | null) => {
          calls.push(current);
          n++;
          return jwt(`token-${n}`, n === 1 ? 10 : 3600);
        },
      });
      (window as any).harness.start({ api: { url: new URLSearchParams(location.search).get('api'), fetch: sessionFetch } });
    });
    await s.chat.locator('.composer-input').waitFor();
    await send(s, 'Hello');
    await waitText(s.chat.locator('.item-assistant_message'), 'First reply.');
    await send(s, 'And again');
    await waitText(s.chat.locator('.item-assistant_message').nth(1), 'Second reply.');

    expect(seen.map(decode)).toEqual(['token-1', 'token-2', 'token-3']);
    const calls = await s.page.evaluate(() => (window as any).__secretCalls as (string | null)[]);
    expect(calls.map((c) => (c === null ? null : decode(c)))).toEqual([null, 'token-1', 'token-2']);
    // Same thread throughout.
    expect(s.server.requestsOf('threads.add_user_message')[1].params.thread_id).toBe(tid);
    expect(await s.chat.locator('.error-box').count()).toBe(0);
  });

  it('renderer "openai" mounts <openai-chatkit> with the same options when ChatKit.js loads', async () => {
    const s = await open();
    s.server.file('/fake-chatkit.js', 'text/javascript', `
      customElements.define('openai-chatkit', class extends HTMLElement {
        setOptions(o) { window.__ckOptions = o; this.dispatchEvent(new CustomEvent('chatkit.ready', { bubbles: true, composed: true })); }
        focusComposer() { window.__ckFocused = true; }
      });`);
    await s.page.evaluate((url) => (window as any).harness.start({ renderer: 'openai', openaiScriptUrl: url }), `${s.server.origin}/fake-chatkit.js`);
    await s.page.waitForFunction(() => (window as any).__ckOptions);
    const opts = await s.page.evaluate(() => {
      const o = (window as any).__ckOptions;
      return { url: o.api.url, domainKey: o.api.domainKey, keys: Object.keys(o).sort(), greeting: o.startScreen.greeting };
    });
    expect(opts.url).toBe(`${s.server.apiUrl}?workflow_id=wf_test`);
    expect(opts.domainKey).toBe('domain_pk_localhost_dev');
    expect(opts.keys).not.toContain('workflowId');
    expect(opts.keys).not.toContain('renderer');
    expect(opts.greeting).toBe('How can I help?');
    await waitEvent(s, 'chatkit.ready');
    await s.page.evaluate(() => (document.querySelector('atrium-chat') as any).focusComposer());
    expect(await s.page.evaluate(() => (window as any).__ckFocused)).toBe(true);
    expect(await s.chat.locator('openai-chatkit').count()).toBe(1);
    expect((await events(s, 'chatkit.log')).map((e) => e.detail.name)).toContain('renderer.openai');
  });

  it('renderer "openai" falls back to the built-in renderer when ChatKit.js cannot load, and says so in chatkit.log', async () => {
    const s = await open();
    const tid = newId('thr');
    s.server.on('threads.create', (req) => sse([...createOpening(req, tid), ...assistantStream(tid, ['Built-in reply.'])]));
    await s.page.evaluate((url) => (window as any).harness.start({ renderer: 'openai', openaiScriptUrl: url }), `${s.server.origin}/missing/chatkit.js`);
    const [log] = (await waitEvent(s, 'chatkit.log')).filter((e) => e.detail.name === 'renderer.fallback');
    expect(log.detail.data.reason).toMatch(/could not be loaded/);
    await s.chat.locator('.composer-input').waitFor();
    await send(s, 'Hi');
    await waitText(s.chat.locator('.item-assistant_message'), 'Built-in reply.');
    expect(await s.chat.locator('openai-chatkit').count()).toBe(0);
  });

  it('loads a thread with older pages (initialThread), and honours closed threads', async () => {
    const s = await open();
    const tid = 'thr_long';
    const items = Array.from({ length: 40 }, (_, i) =>
      i % 2 === 0 ? userItem(tid, { content: [{ type: 'input_text', text: `Question ${i / 2 + 1}` }] }, `msg_${String(i).padStart(3, '0')}`) : assistantItem(tid, `Answer ${(i + 1) / 2}`, `msg_${String(i).padStart(3, '0')}`),
    );
    s.server.on('threads.get_by_id', json({ ...thread(tid, 'Long thread'), status: { type: 'closed', reason: 'Archived by an admin.' }, items: { data: items.slice(0, 20), has_more: true, after: 'msg_019' } }));
    s.server.on('items.list', (req) => {
      const desc = [...items].reverse();
      const startAt = req.params.after ? desc.findIndex((x) => x.id === req.params.after) + 1 : 0;
      const page = desc.slice(startAt, startAt + req.params.limit);
      const more = startAt + page.length < desc.length;
      return json({ data: page, has_more: more, ...(more ? { after: page[page.length - 1].id } : {}) });
    });
    await s.page.evaluate((id) => (window as any).harness.start({ initialThread: id }), tid);
    await waitText(s.chat.locator('.item-assistant_message').last(), 'Answer 20');
    const first = s.server.requestsOf('items.list')[0];
    expect(first.params).toEqual({ thread_id: tid, order: 'desc', limit: 30 });
    await waitEvent(s, 'chatkit.thread.load.end');
    // Closed thread: no composer, a banner with the reason.
    await waitText(s.chat.locator('.closed-banner'), 'Archived by an admin.');
    expect(await s.chat.locator('form.composer-box').isHidden()).toBe(true);
    // Scrolling up loads the older page.
    await s.chat.locator('.thread').evaluate((el) => (el.scrollTop = 0));
    await s.server.waitFor('items.list', 2);
    await waitText(s.chat.locator('.item-user_message').first(), 'Question 1');
    expect(await s.chat.locator('article.item').count()).toBe(40);
    expect(s.server.requestsOf('items.list')[1].params).toEqual({ thread_id: tid, order: 'desc', limit: 30, after: 'msg_010' });

    // fetchUpdates() re-reads the thread (e.g. after an out-of-band change).
    items.push(assistantItem(tid, 'A late addition', 'msg_040'));
    await s.page.evaluate(() => (document.querySelector('atrium-chat') as any).fetchUpdates());
    await waitText(s.chat.locator('.item-assistant_message').last(), 'A late addition');
    expect(s.server.requestsOf('threads.get_by_id')).toHaveLength(2);
  });

  it('answers structured input and pre-fills the composer with setComposerValue', async () => {
    const s = await open();
    const tid = newId('thr');
    const sid = newId('msg');
    const question = {
      type: 'structured_input', id: sid, thread_id: tid, created_at: new Date().toISOString(), status: 'pending',
      inputs: [
        { type: 'multiple_choice', id: 'q_room', question: 'Which room?', options: [{ value: 'Lovelace' }, { value: 'Turing' }], multiple: false },
        { type: 'freeform', id: 'q_note', question: 'Anything else?' },
      ],
    };
    s.server.on('threads.create', (req) => sse([...createOpening(req, tid), { type: 'thread.item.done', item: question }]));
    s.server.on('threads.add_structured_input', (req) =>
      sse([
        { type: 'stream_options', stream_options: { allow_cancel: true } },
        { type: 'thread.item.replaced', item: { ...question, status: 'answered', inputs: question.inputs.map((q) => ({ ...q, answer: req.params.input.answers[q.id] })) } },
        ...assistantStream(tid, ['Booked Turing.']),
      ]),
    );
    s.server.on('threads.add_user_message', (req) => sse([...addOpening(req), ...assistantStream(tid, ['Noted.'])]));
    await start(s);
    await send(s, 'Book a room');
    const form = s.chat.locator(`article[data-id="${sid}"] form.structured`);
    await form.waitFor();
    await form.locator('label', { hasText: 'Turing' }).click();
    await form.locator('textarea').fill('With a projector');
    await form.locator('button', { hasText: 'Submit' }).click();
    const [answer] = await s.server.waitFor('threads.add_structured_input');
    expect(answer.params).toEqual({
      thread_id: tid, item_id: sid,
      input: { status: 'answered', answers: { q_room: { values: ['Turing'], skipped: false }, q_note: { values: ['With a projector'], skipped: false } } },
    });
    await waitText(s.chat.locator(`article[data-id="${sid}"] .si-answer`), 'Turing');
    await waitText(s.chat.locator('.item-assistant_message'), 'Booked Turing.');

    await s.page.evaluate(() => (document.querySelector('atrium-chat') as any).setComposerValue({ text: 'Please add coffee', reply: 'Booked Turing.' }));
    expect(await s.chat.locator('.composer-input').inputValue()).toBe('Please add coffee');
    await waitText(s.chat.locator('.reply-text'), 'Booked Turing.');
    await s.chat.locator('.composer-input').press('Enter');
    const [add] = await s.server.waitFor('threads.add_user_message');
    expect(add.params.input).toEqual({ content: [{ type: 'input_text', text: 'Please add coffee' }], attachments: [], quoted_text: 'Booked Turing.', inference_options: {} });
    await waitText(s.chat.locator('.item-user_message .quote'), 'Booked Turing.');
  });

  it('works with the ES module build, by keyboard only, and leaves the host page alone', async () => {
    const s = await open({ esm: '1' });
    const tid = newId('thr');
    const aid = newId('msg');
    s.server.on('threads.create', (req) => sse([...createOpening(req, tid), ...assistantStream(tid, ['Keyboard reply.'], { id: aid })]));
    s.server.on('items.feedback', json({}));
    const mod = await s.page.evaluate(() => Object.keys((window as any).atriumChatModule).sort());
    expect(mod).toEqual(expect.arrayContaining(['AtriumChatElement', 'ChatKitError', 'createSessionFetch', 'defineAtriumChat', 'jwtExpiry']));
    await start(s);

    // Keyboard only: the composer, Enter to send, Tab to the reply's actions, Enter to press.
    await s.page.evaluate(() => (document.querySelector('atrium-chat') as any).focusComposer());
    await s.page.keyboard.type('Hello by keyboard');
    await s.page.keyboard.press('Enter');
    await waitText(s.chat.locator('.item-assistant_message'), 'Keyboard reply.');
    await s.chat.locator('.item-assistant_message button[aria-label="Copy"]').focus();
    await s.page.keyboard.press('Tab');
    expect(await s.page.evaluate(() => document.querySelector('atrium-chat')!.shadowRoot!.activeElement?.getAttribute('aria-label'))).toBe('Good response');
    await s.page.keyboard.press('Enter');
    const [fb] = await s.server.waitFor('items.feedback');
    expect(fb.params.item_ids).toEqual([aid]);

    // No styles in, no styles out, no globals.
    const page = await s.page.evaluate(() => {
      const root = document.querySelector('atrium-chat')!.shadowRoot!;
      const newGlobals = Object.getOwnPropertyNames(window).filter((k) => !(window as any).__keysBefore.includes(k));
      return {
        sendBg: getComputedStyle(root.querySelector('.send')!).backgroundColor,
        bodyFont: getComputedStyle(document.body).fontFamily,
        docSheets: document.styleSheets.length,
        adopted: document.adoptedStyleSheets.length,
        newGlobals,
      };
    });
    expect(page.sendBg).not.toBe('rgb(255, 105, 180)');
    expect(page.bodyFont).toContain('Georgia');
    expect(page.docSheets).toBe(1);
    expect(page.adopted).toBe(0);
    expect(page.newGlobals.filter((k) => !['harness', 'atriumChatModule', '__keysBefore'].includes(k))).toEqual([]);
  });
});
