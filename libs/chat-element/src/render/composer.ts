/**
 * The composer: auto-growing textarea (Enter sends, Shift+Enter adds a line), send /
 * stop button, attachments (checked against `composer.attachments` before any upload,
 * then uploaded with progress), a reply quote, locked/closed thread states.
 */
import type { Attachment } from '../../../protocol/src/index.js';
import { acceptAttribute, checkFile } from '../api/uploads.js';
import { icon } from '../icons.js';
import type { AttachmentsOption } from '../types.js';
import { clear, h, nextId } from './dom.js';

export interface Draft {
  key: string;
  name: string;
  mime: string;
  status: 'uploading' | 'done' | 'error';
  progress: number;
  attachment?: Attachment;
  error?: string;
  previewUrl?: string;
  abort?: () => void;
  el?: HTMLElement;
}

export interface ComposerHost {
  /** Sends; resolves false when the message was not accepted (e.g. a response is streaming). */
  submit(input: { text: string; attachments: Attachment[]; reply?: string }): boolean;
  stop(): void;
  upload(file: File, onProgress: (fraction: number) => void): { promise: Promise<Attachment>; abort(): void };
  discard(attachment: Attachment): void;
}

export class Composer {
  readonly el: HTMLElement;
  readonly #form: HTMLFormElement;
  readonly textarea: HTMLTextAreaElement;
  readonly #sendBtn: HTMLButtonElement;
  readonly #attachBtn: HTMLButtonElement;
  readonly #fileInput: HTMLInputElement;
  readonly #chips: HTMLElement;
  readonly #notice: HTMLElement;
  readonly #replyBox: HTMLElement;
  readonly #closedBox: HTMLElement;
  #drafts: Draft[] = [];
  #reply: string | undefined;
  #streaming = false;
  #allowCancel = false;
  #locked: string | undefined;
  #attachOpt: AttachmentsOption | undefined;
  #placeholder = 'Message';

  constructor(private readonly host: ComposerHost) {
    const inputId = nextId('composer');
    this.textarea = h('textarea', {
      class: 'composer-input',
      attrs: { id: inputId, rows: 1, 'aria-label': 'Message', enterkeyhint: 'send' },
      on: {
        input: () => {
          this.#autosize();
          this.#updateButtons();
        },
        keydown: (e) => this.#onKey(e as KeyboardEvent),
        paste: (e) => {
          const files = [...((e as ClipboardEvent).clipboardData?.files ?? [])];
          if (files.length && this.#attachOpt?.enabled) {
            e.preventDefault();
            this.addFiles(files);
          }
        },
      },
    });
    this.#fileInput = h('input', {
      attrs: { type: 'file', multiple: true, hidden: true, tabindex: -1, 'aria-hidden': 'true' },
      on: {
        change: () => {
          this.addFiles([...(this.#fileInput.files ?? [])]);
          this.#fileInput.value = '';
        },
      },
    });
    this.#attachBtn = h('button', { class: 'icon-btn attach', attrs: { type: 'button', 'aria-label': 'Attach files', title: 'Attach files' }, on: { click: () => this.#fileInput.click() } }, icon('paperclip'));
    this.#sendBtn = h('button', { class: 'send', attrs: { type: 'submit', 'aria-label': 'Send message' } }, icon('send'));
    this.#chips = h('ul', { class: 'chips', attrs: { 'aria-label': 'Attachments' } });
    this.#notice = h('div', { class: 'composer-error', attrs: { role: 'alert', hidden: true } });
    this.#replyBox = h('div', { class: 'reply', attrs: { hidden: true } });
    this.#closedBox = h('div', { class: 'closed-banner', attrs: { hidden: true, role: 'status' } });
    this.#form = h('form', { class: 'composer-box', on: { submit: (e) => { e.preventDefault(); this.#onSend(); } } },
      this.#replyBox, this.#chips,
      h('div', { class: 'composer-row' }, this.#attachBtn, this.#fileInput, this.textarea, this.#sendBtn));
    this.#form.addEventListener('dragover', (e) => {
      if (this.#attachOpt?.enabled) e.preventDefault();
    });
    this.#form.addEventListener('drop', (e) => {
      if (!this.#attachOpt?.enabled) return;
      e.preventDefault();
      this.addFiles([...(e.dataTransfer?.files ?? [])]);
    });
    this.el = h('div', { class: 'composer' }, this.#notice, this.#form, this.#closedBox);
    this.#updateButtons();
  }

  configure(opts: { placeholder?: string; attachments?: AttachmentsOption }): void {
    this.#placeholder = opts.placeholder ?? 'Message';
    this.#attachOpt = opts.attachments;
    this.#attachBtn.hidden = !opts.attachments?.enabled;
    const accept = acceptAttribute(opts.attachments?.accept);
    if (accept) this.#fileInput.setAttribute('accept', accept);
    else this.#fileInput.removeAttribute('accept');
    this.#applyPlaceholder();
  }

  #applyPlaceholder(): void {
    this.textarea.placeholder = this.#locked ?? this.#placeholder;
  }

  /** Thread status: locked → disabled with the reason; closed → banner instead of the form. */
  setThreadStatus(status: { type: string; reason?: string } | undefined): void {
    const type = status?.type ?? 'active';
    this.#locked = type === 'locked' ? status?.reason || 'This conversation is locked.' : undefined;
    this.textarea.disabled = type !== 'active';
    this.#form.hidden = type === 'closed';
    this.#closedBox.hidden = type !== 'closed';
    this.#closedBox.textContent = type === 'closed' ? status?.reason || 'This conversation is closed.' : '';
    this.#applyPlaceholder();
    this.#updateButtons();
  }

  setStreaming(streaming: boolean, allowCancel: boolean): void {
    this.#streaming = streaming;
    this.#allowCancel = allowCancel;
    this.#updateButtons();
  }

  #uploading(): boolean {
    return this.#drafts.some((d) => d.status === 'uploading');
  }

  #updateButtons(): void {
    const stop = this.#streaming && this.#allowCancel;
    this.#sendBtn.replaceChildren(icon(stop ? 'stop' : 'send'));
    this.#sendBtn.setAttribute('aria-label', stop ? 'Stop response' : 'Send message');
    this.#sendBtn.classList.toggle('stop', stop);
    const hasContent = this.textarea.value.trim() !== '' || this.#drafts.some((d) => d.status === 'done');
    this.#sendBtn.disabled = stop ? false : this.#streaming || !hasContent || this.#uploading() || this.textarea.disabled;
  }

  #onKey(e: KeyboardEvent): void {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      if (!this.#streaming) this.#onSend();
    } else if (e.key === 'Escape' && this.#streaming && this.#allowCancel) {
      e.preventDefault();
      this.host.stop();
    }
  }

  #onSend(): void {
    if (this.#streaming) {
      if (this.#allowCancel) this.host.stop();
      return;
    }
    if (this.#uploading()) {
      this.#showError('Wait until the attachments have finished uploading.');
      return;
    }
    const text = this.textarea.value.trim();
    const attachments = this.#drafts.filter((d) => d.status === 'done' && d.attachment).map((d) => d.attachment as Attachment);
    if (!text && attachments.length === 0) return;
    if (this.host.submit({ text, attachments, reply: this.#reply })) this.reset();
  }

  /** Empties the composer after a message was accepted. */
  reset(): void {
    this.textarea.value = '';
    this.#autosize();
    for (const d of this.#drafts) if (d.previewUrl) URL.revokeObjectURL(d.previewUrl);
    this.#drafts = [];
    clear(this.#chips);
    this.#setReply(undefined);
    this.#showError(undefined);
    this.#updateButtons();
  }

  setValue(v: { text?: string; reply?: string; attachments?: Attachment[]; files?: File[] }): void {
    if (v.text !== undefined) {
      this.textarea.value = v.text;
      this.#autosize();
    }
    if (v.reply !== undefined) this.#setReply(v.reply || undefined);
    for (const a of v.attachments ?? []) {
      this.#addDraft({ key: nextId('att'), name: a.name, mime: a.mime_type, status: 'done', progress: 1, attachment: a });
    }
    if (v.files?.length) this.addFiles(v.files);
    this.#updateButtons();
  }

  get value(): string {
    return this.textarea.value;
  }

  focus(): void {
    this.textarea.focus();
  }

  #setReply(text: string | undefined): void {
    this.#reply = text;
    clear(this.#replyBox);
    this.#replyBox.hidden = !text;
    if (text) {
      this.#replyBox.append(
        h('span', { class: 'reply-text', text }),
        h('button', { class: 'icon-btn', attrs: { type: 'button', 'aria-label': 'Remove quote' }, on: { click: () => this.#setReply(undefined) } }, icon('close')),
      );
    }
  }

  #showError(message: string | undefined): void {
    this.#notice.hidden = !message;
    this.#notice.textContent = message ?? '';
  }

  #autosize(): void {
    const ta = this.textarea;
    ta.style.height = 'auto';
    ta.style.height = `${Math.min(ta.scrollHeight, 200)}px`;
  }

  /** Checks each file (count, type, size) before uploading; the first problem is shown. */
  addFiles(files: File[]): void {
    const opt = this.#attachOpt;
    if (!opt?.enabled) return;
    const problems: string[] = [];
    for (const file of files) {
      const problem = checkFile(opt, file, this.#drafts.length);
      if (problem) {
        problems.push(problem);
        continue;
      }
      const draft: Draft = {
        key: nextId('att'),
        name: file.name,
        mime: file.type || 'application/octet-stream',
        status: 'uploading',
        progress: 0,
        previewUrl: file.type.startsWith('image/') ? URL.createObjectURL(file) : undefined,
      };
      this.#addDraft(draft);
      const job = this.host.upload(file, (p) => {
        draft.progress = p;
        this.#renderDraft(draft);
      });
      draft.abort = job.abort;
      job.promise.then(
        (att) => {
          draft.status = 'done';
          draft.attachment = att;
          draft.progress = 1;
          this.#renderDraft(draft);
          this.#updateButtons();
        },
        (err: unknown) => {
          if ((err as { name?: string })?.name === 'AbortError') return;
          draft.status = 'error';
          draft.error = err instanceof Error && err.message ? err.message : 'Upload failed.';
          this.#renderDraft(draft);
          this.#updateButtons();
        },
      );
    }
    this.#showError(problems.length ? problems.join(' ') : undefined);
    this.#updateButtons();
  }

  #addDraft(d: Draft): void {
    this.#drafts.push(d);
    this.#renderDraft(d);
  }

  #removeDraft(d: Draft): void {
    d.abort?.();
    if (d.attachment) this.host.discard(d.attachment);
    if (d.previewUrl) URL.revokeObjectURL(d.previewUrl);
    this.#drafts = this.#drafts.filter((x) => x !== d);
    d.el?.remove();
    this.#updateButtons();
    this.textarea.focus();
  }

  #renderDraft(d: Draft): void {
    const pct = Math.round(d.progress * 100);
    const li = h('li', { class: `chip-att ${d.status}`, attrs: { title: d.error ?? d.name } },
      d.previewUrl ? h('img', { attrs: { src: d.previewUrl, alt: '' } }) : icon('file'),
      h('span', { class: 'att-name', text: d.name }),
      d.status === 'uploading' ? h('progress', { attrs: { max: 100, value: pct, 'aria-label': `Uploading ${d.name}` } }) : null,
      d.status === 'error' ? h('span', { class: 'att-error', text: d.error ?? 'Upload failed' }) : null,
      h('button', { class: 'icon-btn', attrs: { type: 'button', 'aria-label': `Remove ${d.name}` }, on: { click: () => this.#removeDraft(d) } }, icon('close')));
    if (d.el) d.el.replaceWith(li);
    else this.#chips.appendChild(li);
    d.el = li;
  }
}
