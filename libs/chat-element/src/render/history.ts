/**
 * The history panel: `threads.list` (newest first) with infinite scroll following
 * `after`, switch on click, rename (`threads.update`) and delete (`threads.delete`)
 * inline. Escape closes it and focus returns to the button that opened it.
 */
import type { Thread } from '../../../protocol/src/index.js';
import type { ChatKitClient } from '../api/client.js';
import { icon } from '../icons.js';
import { clear, h } from './dom.js';

export interface HistoryHost {
  client(): ChatKitClient;
  currentThreadId(): string | null;
  select(threadId: string): void;
  deleted(threadId: string): void;
  renamed(thread: Thread): void;
  error(e: unknown): void;
  close(): void;
  showDelete(): boolean;
  showRename(): boolean;
  locale(): string | undefined;
}

const PAGE = 20;

export class HistoryPanel {
  readonly el: HTMLElement;
  readonly #list: HTMLElement;
  readonly #sentinel: HTMLElement;
  #after: string | undefined;
  #hasMore = true;
  #loading = false;
  #observer: IntersectionObserver | undefined;
  #generation = 0;

  constructor(private readonly host: HistoryHost) {
    this.#list = h('ul', { class: 'history-list' });
    this.#sentinel = h('li', { class: 'history-sentinel', attrs: { 'aria-hidden': 'true' } });
    this.el = h('aside', {
      class: 'history',
      attrs: { hidden: true, 'aria-label': 'Conversation history', role: 'dialog' },
      on: {
        keydown: (e) => {
          if ((e as KeyboardEvent).key === 'Escape') {
            e.stopPropagation();
            this.host.close();
          }
        },
      },
    },
    h('div', { class: 'history-head' }, h('h2', { text: 'History' }),
      h('button', { class: 'icon-btn', attrs: { type: 'button', 'aria-label': 'Close history' }, on: { click: () => this.host.close() } }, icon('close'))),
    h('div', { class: 'history-scroll' }, this.#list));
  }

  get isOpen(): boolean {
    return !this.el.hidden;
  }

  open(): void {
    this.el.hidden = false;
    this.reload();
  }

  close(): void {
    this.el.hidden = true;
    this.#observer?.disconnect();
  }

  reload(): void {
    this.#generation++;
    this.#after = undefined;
    this.#hasMore = true;
    this.#loading = false;
    clear(this.#list);
    for (let i = 0; i < 4; i++) this.#list.appendChild(h('li', { class: 'skeleton-row', attrs: { 'aria-hidden': 'true' } }));
    this.#list.appendChild(this.#sentinel);
    this.#observer?.disconnect();
    const root = this.el.querySelector('.history-scroll');
    this.#observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void this.#loadMore();
    }, { root });
    this.#observer.observe(this.#sentinel);
    void this.#loadMore();
  }

  async #loadMore(): Promise<void> {
    if (this.#loading || !this.#hasMore) return;
    this.#loading = true;
    const gen = this.#generation;
    try {
      const page = await this.host.client().json('threads.list', { limit: PAGE, order: 'desc', ...(this.#after ? { after: this.#after } : {}) });
      if (gen !== this.#generation) return;
      this.#list.querySelectorAll('.skeleton-row').forEach((r) => r.remove());
      for (const t of page.data) this.#list.insertBefore(this.#row(t), this.#sentinel);
      this.#after = page.after ?? page.data[page.data.length - 1]?.id;
      this.#hasMore = page.has_more && !!this.#after;
      if (!this.#list.querySelector('.history-row')) this.#list.insertBefore(h('li', { class: 'history-empty', text: 'No conversations yet.' }), this.#sentinel);
    } catch (e) {
      if (gen !== this.#generation) return;
      this.#list.querySelectorAll('.skeleton-row').forEach((r) => r.remove());
      this.#hasMore = false;
      this.host.error(e);
      this.#list.insertBefore(h('li', { class: 'history-empty', text: 'History could not be loaded.' }), this.#sentinel);
    } finally {
      if (gen === this.#generation) this.#loading = false;
    }
    // The sentinel may still be visible (short pages): keep going.
    if (gen === this.#generation && this.#hasMore && this.isOpen) {
      const r = this.#sentinel.getBoundingClientRect();
      const box = this.el.querySelector('.history-scroll')?.getBoundingClientRect();
      if (box && r.top < box.bottom) void this.#loadMore();
    }
  }

  #date(iso: string): string {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? '' : d.toLocaleDateString(this.host.locale(), { month: 'short', day: 'numeric' });
  }

  #row(t: Thread): HTMLElement {
    const title = t.title || 'Untitled conversation';
    const current = t.id === this.host.currentThreadId();
    const li = h('li', { class: `history-row${current ? ' current' : ''}`, attrs: { 'data-thread-id': t.id } });
    const main = h('button', {
      class: 'history-open',
      attrs: { type: 'button', 'aria-current': current ? 'true' : undefined },
      on: { click: () => this.host.select(t.id) },
    }, h('span', { class: 'history-title', text: title }), h('span', { class: 'history-date', text: this.#date(t.created_at) }));
    li.appendChild(main);
    const actions = h('span', { class: 'history-actions' });
    if (this.host.showRename()) actions.appendChild(h('button', { class: 'icon-btn', attrs: { type: 'button', 'aria-label': `Rename ${title}` }, on: { click: () => this.#rename(li, t) } }, icon('write')));
    if (this.host.showDelete()) actions.appendChild(h('button', { class: 'icon-btn', attrs: { type: 'button', 'aria-label': `Delete ${title}` }, on: { click: () => this.#confirmDelete(li, t) } }, icon('trash')));
    li.appendChild(actions);
    return li;
  }

  #rename(li: HTMLElement, t: Thread): void {
    const input = h('input', { class: 'field', attrs: { value: t.title ?? '', 'aria-label': 'Conversation title', maxlength: 200 } });
    const done = async (save: boolean): Promise<void> => {
      const title = input.value.trim();
      if (save && title && title !== t.title) {
        try {
          const updated = await this.host.client().json('threads.update', { thread_id: t.id, title });
          this.host.renamed(updated);
          li.replaceWith(this.#row(updated));
          return;
        } catch (e) {
          this.host.error(e);
        }
      }
      const row = this.#row(t);
      li.replaceWith(row);
      row.querySelector<HTMLElement>('.history-open')?.focus();
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') void done(true);
      if (e.key === 'Escape') {
        e.stopPropagation();
        void done(false);
      }
    });
    input.addEventListener('blur', () => void done(true), { once: true });
    li.replaceChildren(input);
    input.focus();
    input.select();
  }

  #confirmDelete(li: HTMLElement, t: Thread): void {
    const cancel = h('button', { class: 'btn v-soft c-secondary', attrs: { type: 'button' }, text: 'Cancel' });
    const ok = h('button', { class: 'btn v-solid c-danger', attrs: { type: 'button' }, text: 'Delete' });
    const restore = (): void => {
      const row = this.#row(t);
      li.replaceWith(row);
      row.querySelector<HTMLElement>('.history-open')?.focus();
    };
    cancel.addEventListener('click', restore);
    ok.addEventListener('click', async () => {
      ok.disabled = true;
      try {
        await this.host.client().json('threads.delete', { thread_id: t.id });
        // Keep focus in the panel: the next row, else the previous one, else the close button.
        const neighbour = (li.nextElementSibling ?? li.previousElementSibling)?.querySelector<HTMLElement>('.history-open');
        li.remove();
        (neighbour ?? this.el.querySelector<HTMLElement>('.history-head button'))?.focus();
        this.host.deleted(t.id);
      } catch (e) {
        this.host.error(e);
        restore();
      }
    });
    li.replaceChildren(h('span', { class: 'history-confirm', text: `Delete “${t.title || 'Untitled conversation'}”?` }), cancel, ok);
    cancel.focus();
  }

  /** Focuses the first row (after opening). */
  focusFirst(): void {
    (this.#list.querySelector<HTMLElement>('.history-open') ?? this.el.querySelector<HTMLElement>('button'))?.focus();
  }
}
