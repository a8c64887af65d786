/**
 * Widget trees (chatkit-protocol.md §6) → DOM. Every text prop goes in as text; Markdown
 * goes through the sanitiser; images accept only http(s) and data:image URLs. Nodes
 * with an `id` carry `data-cid` so streamed text can be patched in place. Actions are
 * handed to `ctx.onAction` with the element that fired them; the caller collects form
 * values, routes the action and shows loading state.
 */
import type {
  ActionConfig, Badge, BasicRoot, Box, Button, Caption, Card, Chart, Checkbox, DatePicker, Divider,
  Form, Icon, Image, Input, Label, ListView, ListViewItem, Markdown, RadioGroup, Row, Col, Select, Spacer,
  Table, TableCell, TableRow, Textarea, TextComponent, Title, Transition, WidgetComponent, WidgetRoot,
} from '../../../widgets/src/types.js';
import { icon } from '../icons.js';
import { renderChart } from './chart.js';
import { h, nextId, safeUrl, setStyles } from './dom.js';
import {
  alignItems, border, CAPTION_SIZE, color, CONTROL_HEIGHT, fontSize, ICON_SIZE, justifyContent, px, radius,
  type Scheme, sizes, spacing, TEXT_SIZE, TITLE_SIZE, unit, weight,
} from './widget-style.js';

/** What fired an action; decides the `auto` loading behaviour and validation. */
export type ActionSource = 'button' | 'item' | 'change' | 'submit' | 'confirm' | 'cancel';

export interface WidgetContext {
  scheme: Scheme;
  /** The widget arrived during this session (autoFocus is honoured only then). */
  live: boolean;
  markdown(value: string): DocumentFragment;
  onAction(action: ActionConfig, el: HTMLElement, source: ActionSource): void;
}

type Node = WidgetRoot | WidgetComponent;

interface Scope {
  ctx: WidgetContext;
  scheme: Scheme;
  /** Nesting depth (trees deeper than MAX_DEPTH are cut off). */
  depth: number;
  /** Prefix for field ids (Label → field). */
  uid: string;
}

const fieldId = (sc: Scope, name: string): string => `${sc.uid}-f-${name.replace(/[^A-Za-z0-9_.-]/g, '_')}`;

function themed(el: HTMLElement, theme: string | undefined, sc: Scope): Scope {
  if (theme !== 'light' && theme !== 'dark') return sc;
  el.classList.add(`scheme-${theme}`);
  return { ...sc, scheme: theme };
}

function box(el: HTMLElement, n: Box | Row | Col | Form | BasicRoot | ListViewItem, sc: Scope, dir: 'row' | 'col'): void {
  const b = n as Box;
  el.classList.add('box');
  setStyles(el, {
    'flex-direction': (b.direction ?? dir) === 'row' ? 'row' : 'column',
    'align-items': alignItems(b.align),
    'justify-content': justifyContent(b.justify),
    'flex-wrap': b.wrap,
    gap: unit(b.gap),
    'border-radius': radius(b.radius),
    background: color(b.background, 'bg', sc.scheme),
  });
  spacing(el, 'padding', b.padding);
  spacing(el, 'margin', b.margin);
  border(el, b.border, sc.scheme);
  sizes(el, b);
}

function kids(children: unknown, sc: Scope): HTMLElement[] {
  const list = Array.isArray(children) ? children : children ? [children] : [];
  return list.map((c) => node(c as Node, sc));
}

function textLike(el: HTMLElement, n: TextComponent | Title | Caption, sc: Scope, table: Record<string, number>): HTMLElement {
  el.textContent = n.value ?? '';
  setStyles(el, {
    color: color(n.color, 'text', sc.scheme),
    'font-weight': weight(n.weight),
    'text-align': n.textAlign,
    'font-size': fontSize(table, n.size),
  });
  if (n.truncate) el.classList.add('truncate');
  if (n.maxLines) {
    el.classList.add('clamp');
    el.style.setProperty('-webkit-line-clamp', String(n.maxLines));
  }
  return el;
}

function textNode(n: TextComponent, sc: Scope): HTMLElement {
  if (n.editable && typeof n.editable === 'object') {
    const e = n.editable;
    const input = h('input', {
      class: 'field text-edit',
      attrs: {
        id: fieldId(sc, e.name), name: e.name, value: n.value ?? '', placeholder: e.placeholder, pattern: e.pattern,
        required: e.required, autocomplete: e.autoComplete,
      },
    });
    autoFocus(input, e.autoFocus, e.autoSelect, sc);
    return input;
  }
  const el = textLike(h('p', { class: 'w-text' }), n, sc, TEXT_SIZE);
  if (n.italic) el.style.fontStyle = 'italic';
  if (n.lineThrough) el.style.textDecoration = 'line-through';
  if (n.minLines) el.style.minHeight = `${n.minLines * 1.5}em`;
  setStyles(el, { width: px(n.width) });
  if (n.streaming) el.classList.add('streaming');
  return el;
}

function autoFocus(el: HTMLInputElement | HTMLTextAreaElement, focus: boolean | undefined, select: boolean | undefined, sc: Scope): void {
  if (select) el.addEventListener('focus', () => el.select());
  if (focus && sc.ctx.live) requestAnimationFrame(() => el.isConnected && el.focus({ preventScroll: true }));
}

function button(n: Button, sc: Scope): HTMLElement {
  const colorName = n.color ?? (n.style === 'secondary' ? 'secondary' : 'primary');
  const btn = h('button', {
    class: `btn v-${n.variant ?? 'solid'} c-${colorName} s-${n.size ?? 'md'}${n.pill ? ' pill' : ''}${n.block ? ' block' : ''}${n.uniform ? ' uniform' : ''}`,
    attrs: { type: n.submit ? 'submit' : 'button', disabled: n.disabled, 'aria-label': !n.label && n.iconStart ? n.iconStart : undefined },
    style: { '--h': n.size ? `${CONTROL_HEIGHT[n.size] ?? 36}px` : undefined },
  },
  n.iconStart && icon(n.iconStart),
  n.label ? h('span', { text: n.label }) : null,
  n.iconEnd && icon(n.iconEnd));
  const action = n.onClickAction;
  // A submit button inside a form fires through the form's submit (after validation).
  if (action) btn.addEventListener('click', () => (!n.submit || !btn.form) && sc.ctx.onAction(action, btn, 'button'));
  if (action) (btn as HTMLElement & { __action?: ActionConfig }).__action = action;
  return btn;
}

/** Native form; submit (Enter or a submit button) validates, then fires the action. */
function formNode(el: HTMLFormElement, submitAction: () => ActionConfig | undefined, sc: Scope, source: ActionSource): void {
  el.addEventListener('submit', (e) => {
    e.preventDefault();
    const submitter = (e as SubmitEvent).submitter as (HTMLElement & { __action?: ActionConfig }) | null;
    const action = submitter?.__action ?? submitAction();
    if (action) sc.ctx.onAction(action, submitter ?? el, submitter ? 'button' : source);
  });
}

function select(n: Select, sc: Scope): HTMLElement {
  const sel = h('select', { class: 'field', attrs: { id: fieldId(sc, n.name), name: n.name, disabled: n.disabled } });
  if (n.placeholder || n.clearable || n.defaultValue === undefined) {
    sel.appendChild(h('option', { attrs: { value: '', disabled: !n.clearable, selected: n.defaultValue === undefined }, text: n.placeholder ?? '' }));
  }
  for (const o of Array.isArray(n.options) ? n.options : []) {
    sel.appendChild(h('option', { attrs: { value: o.value, disabled: o.disabled, selected: o.value === n.defaultValue, title: o.description }, text: o.label }));
  }
  if (n.block) sel.classList.add('block');
  const action = n.onChangeAction;
  if (action) sel.addEventListener('change', () => sc.ctx.onAction(action, sel, 'change'));
  return sel;
}

/** `date` unless a value carries a time of day. */
function dateInput(n: DatePicker, sc: Scope): HTMLElement {
  const values = [n.defaultValue, n.min, n.max].filter((v): v is string => typeof v === 'string');
  const withTime = values.some((v) => /T\d{2}:\d{2}/.test(v) && !/T00:00(:00(\.0+)?)?(Z|[+-]00:?00)?$/.test(v));
  const conv = (v: string | undefined): string | undefined => (v ? (withTime ? v.slice(0, 16) : v.slice(0, 10)) : undefined);
  const input = h('input', {
    class: 'field',
    attrs: {
      type: withTime ? 'datetime-local' : 'date', id: fieldId(sc, n.name), name: n.name, value: conv(n.defaultValue),
      min: conv(n.min), max: conv(n.max), disabled: n.disabled, 'aria-label': n.placeholder,
    },
  });
  const action = n.onChangeAction;
  if (action) input.addEventListener('change', () => sc.ctx.onAction(action, input, 'change'));
  return input;
}

function radioGroup(n: RadioGroup, sc: Scope): HTMLElement {
  const group = h('div', { class: `radios${n.direction === 'row' ? ' row' : ''}`, attrs: { role: 'radiogroup', 'aria-label': n.ariaLabel ?? n.name } });
  (Array.isArray(n.options) ? n.options : []).forEach((o, i) => {
    const input = h('input', {
      attrs: { type: 'radio', name: n.name, value: o.value, checked: o.value === n.defaultValue, disabled: n.disabled || o.disabled, required: n.required && i === 0 },
    });
    const action = n.onChangeAction;
    if (action) input.addEventListener('change', () => sc.ctx.onAction(action, input, 'change'));
    group.appendChild(h('label', { class: 'choice' }, input, h('span', { text: o.label })));
  });
  return group;
}

function listView(n: ListView, sc: Scope): HTMLElement {
  const items = Array.isArray(n.children) ? n.children : [];
  const ul = h('ul', { class: 'lv' });
  const limit = n.limit === 'auto' ? 5 : typeof n.limit === 'number' && n.limit > 0 ? n.limit : Infinity;
  items.forEach((it, i) => {
    const li = h('li', { attrs: { hidden: i >= limit } });
    li.appendChild(listItem(it, sc));
    ul.appendChild(li);
  });
  const wrap = h('div', { class: 'lv-wrap' }, status(n.status), ul);
  if (items.length > limit) {
    const more = h('button', {
      class: 'btn v-ghost c-secondary more',
      attrs: { type: 'button' },
      text: `Show ${items.length - limit} more`,
      on: {
        click: () => {
          ul.querySelectorAll('li[hidden]').forEach((li) => li.removeAttribute('hidden'));
          more.remove();
        },
      },
    });
    wrap.appendChild(more);
  }
  return wrap;
}

function listItem(n: ListViewItem, sc: Scope): HTMLElement {
  const el = h('div', { class: 'lvi' });
  box(el, n, sc, 'row');
  if (!n.align) el.style.alignItems = 'center';
  for (const c of kids(n.children, sc)) el.appendChild(c);
  const action = n.onClickAction;
  if (action) {
    el.classList.add('clickable');
    el.setAttribute('role', 'button');
    el.tabIndex = 0;
    const fire = (): void => sc.ctx.onAction(action, el, 'item');
    el.addEventListener('click', (e) => {
      // Controls inside the row handle their own clicks.
      if ((e.target as Element).closest('button, a, input, select, textarea, label') && e.target !== el) return;
      fire();
    });
    el.addEventListener('keydown', (e) => {
      if ((e.key === 'Enter' || e.key === ' ') && e.target === el) {
        e.preventDefault();
        fire();
      }
    });
  }
  return el;
}

function status(st: ListView['status']): HTMLElement | null {
  if (!st || typeof st.text !== 'string') return null;
  const fav = 'favicon' in st ? safeUrl(st.favicon, { dataImages: true }) : undefined;
  return h('div', { class: 'w-status' },
    fav ? h('img', { class: 'favicon', attrs: { src: fav, alt: '', referrerpolicy: 'no-referrer' } }) : 'icon' in st && st.icon ? icon(st.icon) : null,
    h('span', { text: st.text }));
}

function card(n: Card, sc: Scope): HTMLElement {
  const asForm = n.asForm === true;
  const el = asForm ? h('form', { class: 'card' }) : h('section', { class: 'card' });
  sc = themed(el, n.theme, sc);
  el.classList.add(`size-${n.size ?? 'md'}`);
  setStyles(el, { background: color(n.background, 'bg', sc.scheme) });
  if (n.padding !== undefined) spacing(el, 'padding', n.padding);
  border(el, n.border, sc.scheme);
  const st = status(n.status);
  const body = h('div', { class: 'card-body' }, kids(n.children, sc));
  if (n.collapsed) {
    el.append(...[st].filter(Boolean) as HTMLElement[]);
    const det = h('details', { class: 'card-collapsed' }, h('summary', { text: 'Show details' }), body);
    el.appendChild(det);
  } else {
    if (st) el.appendChild(st);
    el.appendChild(body);
  }
  if ((n.confirm || n.cancel) && !n.collapsed) {
    const footer = h('div', { class: 'card-actions' });
    const cancel = n.cancel;
    const confirm = n.confirm;
    if (cancel) {
      const b = h('button', { class: 'btn v-soft c-secondary', attrs: { type: 'button' }, text: cancel.label });
      b.addEventListener('click', () => sc.ctx.onAction(cancel.action, b, 'cancel'));
      footer.appendChild(b);
    }
    if (confirm) {
      const b = h('button', { class: 'btn v-solid c-primary', attrs: { type: asForm ? 'submit' : 'button' }, text: confirm.label });
      if (asForm) (b as HTMLElement & { __action?: ActionConfig }).__action = confirm.action;
      else b.addEventListener('click', () => sc.ctx.onAction(confirm.action, b, 'confirm'));
      footer.appendChild(b);
    }
    el.appendChild(footer);
  }
  if (asForm) formNode(el as HTMLFormElement, () => n.confirm?.action, sc, 'confirm');
  return el;
}

function table(n: Table, sc: Scope): HTMLElement {
  const t = h('table', { class: 'w-table' });
  for (const row of (Array.isArray(n.children) ? n.children : []) as TableRow[]) {
    const tr = h('tr');
    for (const cell of (Array.isArray(row.children) ? row.children : []) as TableCell[]) {
      const td = h(row.header ? 'th' : 'td', { attrs: { colspan: cell.colSpan, rowspan: cell.rowSpan, scope: row.header ? 'col' : undefined } }, kids(cell.children, sc));
      setStyles(td, { 'text-align': cell.align, 'vertical-align': cell.vAlign === 'start' ? 'top' : cell.vAlign === 'end' ? 'bottom' : cell.vAlign ? 'middle' : undefined, width: px(cell.width) });
      spacing(td, 'padding', cell.padding);
      tr.appendChild(td);
    }
    t.appendChild(tr);
  }
  return h('div', { class: 'table-wrap' }, t);
}

/** Deeper than any sensible layout; guards the recursion against hostile trees. */
const MAX_DEPTH = 40;

function node(n: Node, sc: Scope): HTMLElement {
  if (!n || typeof n !== 'object' || sc.depth > MAX_DEPTH) return h('span', { class: 'w-unknown' });
  const el = build(n, { ...sc, depth: sc.depth + 1 });
  if (typeof n.id === 'string') el.setAttribute('data-cid', n.id);
  return el;
}

function build(n: Node, sc: Scope): HTMLElement {
  switch (n?.type) {
    case 'Card':
      return card(n, sc);
    case 'ListView': {
      const el = listView(n, sc);
      themed(el, n.theme, sc);
      return el;
    }
    case 'Basic': {
      const el = h('div', { class: 'basic' });
      const inner = themed(el, n.theme, sc);
      box(el, n, inner, 'col');
      for (const c of kids(n.children, inner)) el.appendChild(c);
      return el;
    }
    case 'ListViewItem':
      return listItem(n, sc);
    case 'Box':
    case 'Row':
    case 'Col': {
      const el = h('div');
      box(el, n, sc, n.type === 'Row' ? 'row' : n.type === 'Col' ? 'col' : (n as Box).direction ?? 'col');
      for (const c of kids(n.children, sc)) el.appendChild(c);
      return el;
    }
    case 'Form': {
      const f = n as Form;
      const el = h('form', { class: 'w-form' });
      box(el, f, sc, f.direction ?? 'col');
      for (const c of kids(f.children, sc)) el.appendChild(c);
      formNode(el, () => f.onSubmitAction, sc, 'submit');
      return el;
    }
    case 'Spacer':
      return h('div', { class: 'spacer', style: { 'min-width': px((n as Spacer).minSize), 'min-height': px((n as Spacer).minSize) } });
    case 'Divider': {
      const d = n as Divider;
      const el = h('hr', { class: `divider${d.flush ? ' flush' : ''}` });
      setStyles(el, { 'border-top-color': color(d.color, 'border', sc.scheme), 'border-top-width': px(d.size), 'margin-block': unit(d.spacing) });
      return el;
    }
    case 'Transition':
      return h('div', { class: 'transition' }, kids((n as Transition).children, sc));
    case 'Text':
      return textNode(n as TextComponent, sc);
    case 'Title':
      return textLike(h('h3', { class: 'w-title' }), n as Title, sc, TITLE_SIZE);
    case 'Caption':
      return textLike(h('p', { class: 'w-caption' }), n as Caption, sc, CAPTION_SIZE);
    case 'Markdown': {
      const m = n as Markdown;
      const el = h('div', { class: `md${m.streaming ? ' streaming' : ''}` });
      el.appendChild(sc.ctx.markdown(m.value ?? ''));
      return el;
    }
    case 'Badge': {
      const b = n as Badge;
      return h('span', { class: `badge c-${b.color ?? 'secondary'} v-${b.variant ?? 'soft'} s-${b.size ?? 'md'}${b.pill ? ' pill' : ''}`, text: b.label });
    }
    case 'Icon': {
      const i = n as Icon;
      const el = h('span', { class: 'w-icon', style: { color: color(i.color, 'text', sc.scheme), 'font-size': fontSize(ICON_SIZE, i.size) } });
      el.appendChild(icon(i.name));
      return el;
    }
    case 'Image': {
      const im = n as Image;
      const src = safeUrl(im.src, { dataImages: true });
      const el = src
        ? h('img', { class: `w-image${im.frame ? ' frame' : ''}`, attrs: { src, alt: im.alt ?? '', loading: 'lazy', referrerpolicy: 'no-referrer' } })
        : h('span', { class: 'w-image blocked', attrs: { role: 'img', 'aria-label': im.alt ?? 'Image not shown' } });
      setStyles(el, { 'object-fit': im.fit, 'object-position': im.position, 'border-radius': radius(im.radius), background: color(im.background, 'bg', sc.scheme) });
      spacing(el, 'margin', im.margin);
      sizes(el, im);
      return el;
    }
    case 'Button':
      return button(n as Button, sc);
    case 'Input': {
      const i = n as Input;
      const input = h('input', {
        class: `field${i.pill ? ' pill' : ''}`,
        attrs: {
          type: i.inputType ?? 'text', id: fieldId(sc, i.name), name: i.name, value: i.defaultValue, required: i.required,
          pattern: i.pattern, placeholder: i.placeholder, disabled: i.disabled,
          autocomplete: i.allowAutofillExtensions ? undefined : 'off',
        },
      });
      autoFocus(input, i.autoFocus, i.autoSelect, sc);
      return input;
    }
    case 'Textarea': {
      const t = n as Textarea;
      const ta = h('textarea', {
        class: 'field',
        attrs: { id: fieldId(sc, t.name), name: t.name, required: t.required, placeholder: t.placeholder, disabled: t.disabled, rows: t.rows ?? 3 },
      });
      ta.value = t.defaultValue ?? '';
      if (t.autoResize) {
        ta.addEventListener('input', () => {
          ta.style.height = 'auto';
          const max = (t.maxRows ?? 10) * 24;
          ta.style.height = `${Math.min(ta.scrollHeight, max)}px`;
        });
      }
      autoFocus(ta, t.autoFocus, t.autoSelect, sc);
      return ta;
    }
    case 'Select':
      return select(n as Select, sc);
    case 'DatePicker':
      return dateInput(n as DatePicker, sc);
    case 'Checkbox': {
      const c = n as Checkbox;
      const input = h('input', { attrs: { type: 'checkbox', id: fieldId(sc, c.name), name: c.name, checked: c.defaultChecked, disabled: c.disabled, required: c.required } });
      const action = c.onChangeAction;
      if (action) input.addEventListener('change', () => sc.ctx.onAction(action, input, 'change'));
      return h('label', { class: 'choice' }, input, c.label ? h('span', { text: c.label }) : null);
    }
    case 'RadioGroup':
      return radioGroup(n as RadioGroup, sc);
    case 'Label': {
      const l = n as Label;
      const el = h('label', { class: 'w-label', attrs: { for: fieldId(sc, l.fieldName ?? '') }, text: l.value });
      setStyles(el, { 'font-size': fontSize(TEXT_SIZE, l.size), 'font-weight': weight(l.weight), 'text-align': l.textAlign, color: color(l.color, 'text', sc.scheme) });
      return el;
    }
    case 'Chart': {
      const el = renderChart(n as Chart, sc.scheme);
      sizes(el, n as Chart);
      return el;
    }
    case 'Table':
      return table(n as Table, sc);
    default:
      // Unknown component: a neutral placeholder, never raw data.
      return h('span', { class: 'w-unknown', attrs: { 'data-type': String((n as { type?: unknown })?.type ?? '') } });
  }
}

/** Renders a widget root. */
export function renderWidget(root: WidgetRoot, ctx: WidgetContext): HTMLElement {
  const sc: Scope = { ctx, scheme: ctx.scheme, uid: nextId('w'), depth: 0 };
  const el = h('div', { class: 'widget' });
  el.appendChild(node(root, sc));
  return el;
}

/** Patches a streamed Text/Markdown value in place; false when the node is not rendered. */
export function patchWidgetText(container: HTMLElement, componentId: string, value: string, markdown: boolean, md: (v: string) => DocumentFragment): boolean {
  const el = [...container.querySelectorAll<HTMLElement>('[data-cid]')].find((e) => e.getAttribute('data-cid') === componentId);
  if (!el) return false;
  if (markdown) el.replaceChildren(md(value));
  else if (el instanceof HTMLInputElement) el.value = value;
  else el.textContent = value;
  return true;
}
