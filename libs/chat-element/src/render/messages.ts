/**
 * Thread items → DOM: user messages (text, tags, attachments, quotes), assistant
 * messages (sanitised markdown, sources, copy/feedback/retry), widgets, client tool
 * calls, workflows and tasks, generated images and structured input. Each item is one
 * `<article data-id>` the thread view replaces when the item changes.
 */
import type {
  AssistantMessageItem,
  Attachment,
  ClientToolCallItem,
  GeneratedImageItem,
  Source,
  StructuredInputItem,
  StructuredInputSubmission,
  Task,
  UserMessageItem,
  WidgetItem,
  WorkflowItem,
} from '../../../protocol/src/index.js';
import { validateWidget } from '../../../widgets/src/validate.js';
import { icon } from '../icons.js';
import type { Item } from '../types.js';
import { h, safeUrl } from './dom.js';
import { renderWidget, type WidgetContext } from './widgets.js';

export type FeedbackKind = 'positive' | 'negative';

export interface ItemContext {
  /** The item is still streaming. */
  pending: boolean;
  /** Local state of an optimistic user message. */
  local?: 'sending' | 'failed';
  feedback: boolean;
  retry: boolean;
  /** Feedback already given for this item in this session. */
  feedbackGiven?: FeedbackKind;
  markdown(value: string): DocumentFragment;
  widgetContext(item: WidgetItem): WidgetContext;
  onFeedback(item: Item, kind: FeedbackKind): void;
  onRetry(item: Item): void;
  onResend(item: UserMessageItem): void;
  onCopy(text: string, button: HTMLElement): void;
  onStructuredInput(item: StructuredInputItem, input: StructuredInputSubmission): void;
  onInvalidWidget(item: WidgetItem, reason: string): void;
}

const iconButton = (name: string, label: string, onClick: (b: HTMLButtonElement) => void, extra?: Record<string, string | boolean>): HTMLButtonElement => {
  const b: HTMLButtonElement = h('button', { class: 'icon-btn', attrs: { type: 'button', 'aria-label': label, title: label, ...extra } }, icon(name));
  b.addEventListener('click', () => onClick(b));
  return b;
};

function attachmentView(att: Attachment): HTMLElement {
  if (att.type === 'image') {
    const src = safeUrl(att.preview_url, { dataImages: true });
    if (src) return h('a', { class: 'att att-image', attrs: { href: src, target: '_blank', rel: 'noopener noreferrer', title: att.name } }, h('img', { attrs: { src, alt: att.name, loading: 'lazy', referrerpolicy: 'no-referrer' } }));
  }
  return h('span', { class: 'att att-file', attrs: { title: att.name } }, icon('file'), h('span', { class: 'att-name', text: att.name }));
}

function userMessage(item: UserMessageItem, ctx: ItemContext): HTMLElement {
  const bubble = h('div', { class: 'bubble' });
  if (item.quoted_text) bubble.appendChild(h('blockquote', { class: 'quote', text: item.quoted_text }));
  const text = h('div', { class: 'user-text' });
  for (const c of item.content ?? []) {
    if (c.type === 'input_text') text.append(c.text);
    else if (c.type === 'input_tag') text.appendChild(h('span', { class: 'tag', text: `@${c.text}` }));
  }
  bubble.appendChild(text);
  const atts = item.attachments ?? [];
  const wrap = h('div', { class: 'user' }, atts.length ? h('div', { class: 'atts' }, atts.map(attachmentView)) : null, bubble);
  if (ctx.local === 'failed') {
    wrap.appendChild(
      h('div', { class: 'not-sent', attrs: { role: 'alert' } }, icon('warning'), h('span', { text: 'Not sent.' }),
        h('button', { class: 'link-btn', attrs: { type: 'button' }, text: 'Retry', on: { click: () => ctx.onResend(item) } })),
    );
  } else if (ctx.local === 'sending') wrap.classList.add('sending');
  return wrap;
}

function sources(list: Source[]): HTMLElement | null {
  if (list.length === 0) return null;
  const seen = new Set<string>();
  const rows: HTMLElement[] = [];
  for (const s of list) {
    const key = s.type === 'url' ? s.url : s.type === 'file' ? s.filename : s.id;
    if (seen.has(key)) continue;
    seen.add(key);
    const href = s.type === 'url' ? safeUrl(s.url) : undefined;
    const label = s.title || (s.type === 'file' ? s.filename : s.type === 'entity' ? s.label ?? s.id : s.url);
    rows.push(h('li', null, href ? h('a', { attrs: { href, target: '_blank', rel: 'noopener noreferrer nofollow' }, text: label }) : h('span', { text: label })));
  }
  return h('details', { class: 'sources' }, h('summary', { text: `Sources (${rows.length})` }), h('ol', null, rows));
}

export function assistantText(item: AssistantMessageItem): string {
  return (item.content ?? []).map((p) => p.text ?? '').join('\n\n');
}

function assistantMessage(item: AssistantMessageItem, ctx: ItemContext): HTMLElement {
  const text = assistantText(item);
  const body = h('div', { class: `md assistant-text${ctx.pending ? ' streaming' : ''}` });
  if (text) body.appendChild(ctx.markdown(text));
  else if (ctx.pending) body.appendChild(typing());
  const wrap = h('div', { class: 'assistant' }, body, sources((item.content ?? []).flatMap((p) => (p.annotations ?? []).map((a) => a.source))));
  if (!ctx.pending && text) {
    const bar = h('div', { class: 'msg-actions' });
    bar.appendChild(iconButton('copy', 'Copy', (b) => ctx.onCopy(text, b)));
    if (ctx.feedback) {
      for (const [kind, name, label] of [['positive', 'thumb-up', 'Good response'], ['negative', 'thumb-down', 'Bad response']] as const) {
        const b = iconButton(name, label, () => ctx.onFeedback(item, kind), { 'aria-pressed': ctx.feedbackGiven === kind ? 'true' : 'false', disabled: !!ctx.feedbackGiven });
        bar.appendChild(b);
      }
    }
    if (ctx.retry) bar.appendChild(iconButton('reload', 'Retry', () => ctx.onRetry(item)));
    wrap.appendChild(bar);
  }
  return wrap;
}

export function typing(): HTMLElement {
  return h('span', { class: 'typing', attrs: { 'aria-label': 'Assistant is typing' } }, h('i'), h('i'), h('i'));
}

function widgetItem(item: WidgetItem, ctx: ItemContext): HTMLElement {
  // The same schema the server and the admin use (libs/widgets); a tree that fails it is not rendered.
  const check = validateWidget(item.widget);
  if (!check.ok) {
    ctx.onInvalidWidget(item, check.errors.slice(0, 5).map((e) => `${e.path || '(root)'}: ${e.message}`).join('; '));
    return h('div', { class: 'widget-invalid', text: 'This content could not be displayed.' });
  }
  const wrap = h('div', { class: 'widget-item' }, renderWidget(item.widget, ctx.widgetContext(item)));
  const copyText = item.copy_text;
  if (copyText && !ctx.pending) wrap.appendChild(h('div', { class: 'msg-actions' }, iconButton('copy', 'Copy', (b) => ctx.onCopy(copyText, b))));
  return wrap;
}

function toolCall(item: ClientToolCallItem): HTMLElement {
  const done = item.status === 'completed';
  return h('div', { class: `tool-call${done ? ' done' : ''}` }, done ? icon('check') : h('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }), h('span', { text: done ? `Used ${item.name}` : `Running ${item.name}…` }));
}

function taskView(task: Task, ctx: ItemContext): HTMLElement {
  const ind = task.status_indicator === 'loading' ? h('span', { class: 'spinner', attrs: { 'aria-label': 'In progress' } }) : task.status_indicator === 'complete' ? icon('check-circle', 'Done') : icon(task.type === 'custom' ? task.icon : task.type === 'web_search' ? 'search' : task.type === 'file' ? 'document' : task.type === 'image' ? 'square-image' : 'lightbulb');
  const title = task.title ?? (task.type === 'web_search' ? task.title_query ?? 'Searching the web' : task.type === 'thought' ? 'Thinking' : '');
  const li = h('li', { class: 'task' }, h('div', { class: 'task-head' }, ind, h('span', { text: title })));
  if ((task.type === 'custom' && task.content) || task.type === 'thought') {
    const md = h('div', { class: 'md task-body' });
    md.appendChild(ctx.markdown((task as { content?: string }).content ?? ''));
    li.appendChild(md);
  }
  if (task.type === 'web_search' || task.type === 'file') {
    const list = sources(task.sources ?? []);
    if (task.type === 'web_search' && task.queries?.length) li.appendChild(h('div', { class: 'queries' }, task.queries.map((q) => h('span', { class: 'chip', text: q }))));
    if (list) li.appendChild(list);
  }
  return li;
}

function workflow(item: WorkflowItem, ctx: ItemContext): HTMLElement {
  const wf = item.workflow;
  const summary = wf.summary;
  const loading = ctx.pending || wf.tasks.some((t) => t.status_indicator === 'loading');
  const label = summary && 'title' in summary ? summary.title : summary && 'duration' in summary ? `Worked for ${Math.max(1, Math.round(summary.duration))}s` : loading ? (wf.type === 'reasoning' ? 'Thinking…' : 'Working…') : wf.type === 'reasoning' ? 'Thought' : 'Steps';
  const det = h('details', { class: 'workflow', attrs: { open: wf.expanded || (loading && !summary) } },
    h('summary', null, loading ? h('span', { class: 'spinner', attrs: { 'aria-hidden': 'true' } }) : icon(summary && 'icon' in summary ? summary.icon : 'sparkle'), h('span', { text: label })),
    h('ol', { class: 'tasks' }, wf.tasks.map((t) => taskView(t, ctx))));
  return det;
}

function generatedImage(item: GeneratedImageItem & { progress?: number }): HTMLElement {
  const src = item.image ? safeUrl(item.image.url, { dataImages: true }) : undefined;
  if (src) return h('div', { class: 'gen-image' }, h('img', { attrs: { src, alt: 'Generated image', loading: 'lazy', referrerpolicy: 'no-referrer' } }));
  const pct = typeof item.progress === 'number' ? Math.round(item.progress * 100) : undefined;
  return h('div', { class: 'gen-image skeleton', attrs: { role: 'progressbar', 'aria-label': 'Generating image', 'aria-valuenow': pct } });
}

function structuredInput(item: StructuredInputItem, ctx: ItemContext): HTMLElement {
  const pending = item.status === 'pending';
  const form = h('form', { class: 'structured' });
  for (const q of item.inputs ?? []) {
    const fs = h('fieldset', { class: 'si-q' }, h('legend', { text: q.question }));
    if (!pending) {
      const a = q.answer;
      fs.appendChild(h('p', { class: 'si-answer', text: !a || a.skipped ? 'Skipped' : a.values.join(', ') }));
    } else if (q.type === 'multiple_choice') {
      for (const o of q.options ?? []) {
        fs.appendChild(h('label', { class: 'choice' }, h('input', { attrs: { type: q.multiple ? 'checkbox' : 'radio', name: q.id, value: o.value } }), h('span', { text: o.value })));
      }
    } else {
      if (q.description) fs.appendChild(h('p', { class: 'hint', text: q.description }));
      fs.appendChild(h('textarea', { class: 'field', attrs: { name: q.id, rows: 2, 'aria-label': q.question } }));
    }
    form.appendChild(fs);
  }
  if (pending) {
    const submit = (status: 'answered' | 'skipped'): void => {
      const answers: StructuredInputSubmission['answers'] = {};
      for (const q of item.inputs ?? []) {
        const fields = [...form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(`[name="${CSS.escape(q.id)}"]`)];
        const values = fields.filter((f) => !(f instanceof HTMLInputElement) || f.checked || (f.type !== 'radio' && f.type !== 'checkbox')).map((f) => f.value.trim()).filter(Boolean);
        answers[q.id] = { values, skipped: status === 'skipped' || values.length === 0 };
      }
      form.querySelectorAll('button').forEach((b) => (b.disabled = true));
      ctx.onStructuredInput(item, { status, answers });
    };
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submit('answered');
    });
    form.appendChild(h('div', { class: 'card-actions' },
      h('button', { class: 'btn v-soft c-secondary', attrs: { type: 'button' }, text: 'Skip', on: { click: () => submit('skipped') } }),
      h('button', { class: 'btn v-solid c-primary', attrs: { type: 'submit' }, text: 'Submit' })));
  }
  return form;
}

/** One thread item as an `<article>`, or null for items that render nothing. */
export function renderItem(item: Item, ctx: ItemContext): HTMLElement | null {
  let body: HTMLElement | null;
  switch (item.type) {
    case 'user_message':
      body = userMessage(item, ctx);
      break;
    case 'assistant_message':
      body = assistantMessage(item, ctx);
      break;
    case 'widget':
      body = widgetItem(item, ctx);
      break;
    case 'client_tool_call':
      body = toolCall(item);
      break;
    case 'workflow':
      body = workflow(item, ctx);
      break;
    case 'task':
      body = h('ol', { class: 'tasks single' }, taskView(item.task, ctx));
      break;
    case 'generated_image':
      body = generatedImage(item);
      break;
    case 'structured_input':
      body = structuredInput(item, ctx);
      break;
    default:
      body = null; // end_of_turn and anything unknown
  }
  if (!body) return null;
  const el = h('article', { class: `item item-${item.type}`, attrs: { 'data-id': item.id, 'aria-busy': ctx.pending ? 'true' : undefined } }, body);
  if (item.type === 'user_message' || item.type === 'assistant_message') {
    el.setAttribute('aria-label', item.type === 'user_message' ? 'You said' : 'Assistant said');
  }
  return el;
}
