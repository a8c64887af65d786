/**
 * Markdown for untrusted text (model output, widget Markdown, notices).
 *
 * marked (GFM) only *parses*: its token tree is turned into DOM nodes here, tag by tag
 * from a fixed list, with text always inserted as text. No HTML string produced from
 * untrusted input is ever parsed into the page, so there is nothing to sanitise after
 * the fact: raw HTML in the markdown is shown as text, links keep only http(s)/mailto/
 * tel destinations (opened in a new tab, `noopener`), images only http(s)/data:image
 * sources (optionally limited to the thread's `allowed_image_domains`), and no
 * attribute other than the few set below can appear.
 */
import { Marked, type Token, type Tokens } from 'marked';

const marked = new Marked({ gfm: true, breaks: false, async: false });

/** Nesting deeper than this (lists, quotes) is flattened to text. */
const MAX_DEPTH = 24;
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:']);

export interface MarkdownOptions {
  allowedImageDomains?: string[];
}

let decoder: HTMLTextAreaElement | undefined;

/** Resolves character references (`&amp;`, `&#169;`) in marked's raw text. */
function decode(s: string): string {
  if (!s.includes('&')) return s;
  // A textarea in an inert document: its content is parsed as RCDATA (text only).
  decoder ??= document.implementation.createHTMLDocument('').createElement('textarea');
  decoder.innerHTML = s;
  return decoder.value;
}

function url(raw: string, allowed: Set<string>): URL | undefined {
  try {
    const u = new URL(decode(raw).trim(), document.baseURI);
    return allowed.has(u.protocol) ? u : undefined;
  } catch {
    return undefined;
  }
}

function imageSrc(raw: string, domains: string[] | undefined): string | undefined {
  const src = decode(raw).trim();
  if (/^data:image\/[a-z0-9.+-]+[;,]/i.test(src)) return src;
  const u = url(src, new Set(['http:', 'https:']));
  if (!u) return undefined;
  if (domains && !domains.some((d) => u.hostname === d || u.hostname.endsWith(`.${d}`))) return undefined;
  return u.href;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, parent: Node): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  parent.appendChild(e);
  return e;
}

class DomRenderer {
  constructor(private readonly opts: MarkdownOptions) {}

  blocks(tokens: Token[], parent: Node, depth: number): void {
    for (const t of tokens) this.block(t, parent, depth);
  }

  block(t: Token, parent: Node, depth: number): void {
    if (depth > MAX_DEPTH) {
      parent.appendChild(document.createTextNode(t.raw));
      return;
    }
    switch (t.type) {
      case 'paragraph':
        this.inline((t as Tokens.Paragraph).tokens, el('p', parent), depth);
        break;
      case 'heading': {
        const h = t as Tokens.Heading;
        this.inline(h.tokens, el(`h${Math.min(6, Math.max(1, h.depth))}` as 'h1', parent), depth);
        break;
      }
      case 'code': {
        const code = el('code', el('pre', parent));
        const lang = (t as Tokens.Code).lang?.match(/^[\w+#.-]{1,30}/)?.[0];
        if (lang) code.setAttribute('data-lang', lang);
        code.textContent = (t as Tokens.Code).text;
        break;
      }
      case 'blockquote':
        this.blocks((t as Tokens.Blockquote).tokens, el('blockquote', parent), depth + 1);
        break;
      case 'list': {
        const l = t as Tokens.List;
        const list = el(l.ordered ? 'ol' : 'ul', parent);
        if (l.ordered && typeof l.start === 'number' && l.start !== 1) list.setAttribute('start', String(l.start));
        for (const item of l.items) this.blocks(item.tokens, el('li', list), depth + 1);
        break;
      }
      case 'checkbox': {
        const box = el('input', parent);
        box.type = 'checkbox';
        box.disabled = true;
        box.checked = (t as Tokens.Checkbox).checked;
        parent.appendChild(document.createTextNode(' '));
        break;
      }
      case 'table': {
        const tb = t as Tokens.Table;
        const table = el('table', parent);
        const row = (cells: Tokens.TableCell[], head: boolean, into: HTMLElement): void => {
          const tr = el('tr', into);
          for (const c of cells) {
            const cell = el(head ? 'th' : 'td', tr);
            if (c.align) cell.style.textAlign = c.align;
            this.inline(c.tokens, cell, depth);
          }
        };
        row(tb.header, true, el('thead', table));
        const body = el('tbody', table);
        for (const r of tb.rows) row(r, false, body);
        break;
      }
      case 'hr':
        el('hr', parent);
        break;
      case 'text': {
        const tx = t as Tokens.Text;
        if (tx.tokens) this.inline(tx.tokens, parent, depth);
        else parent.appendChild(document.createTextNode(decode(tx.text)));
        break;
      }
      case 'html':
        // Raw HTML is shown, not interpreted.
        el('p', parent).textContent = (t as Tokens.HTML).text;
        break;
      case 'space':
      case 'def':
        break;
      default:
        if ('tokens' in t && Array.isArray(t.tokens)) this.blocks(t.tokens, parent, depth + 1);
        else parent.appendChild(document.createTextNode(t.raw));
    }
  }

  inline(tokens: Token[] | undefined, parent: Node, depth: number): void {
    for (const t of tokens ?? []) {
      switch (t.type) {
        case 'escape':
          parent.appendChild(document.createTextNode((t as Tokens.Escape).text));
          break;
        case 'text': {
          const tx = t as Tokens.Text;
          if (tx.tokens) this.inline(tx.tokens, parent, depth);
          else parent.appendChild(document.createTextNode(decode(tx.text)));
          break;
        }
        case 'strong':
        case 'em':
        case 'del':
          this.inline((t as Tokens.Strong).tokens, el(t.type, parent), depth);
          break;
        case 'codespan':
          el('code', parent).textContent = (t as Tokens.Codespan).text;
          break;
        case 'br':
          el('br', parent);
          break;
        case 'link': {
          const l = t as Tokens.Link;
          const a = el('a', parent);
          const u = url(l.href, LINK_PROTOCOLS);
          if (u) {
            a.href = u.href;
            a.target = '_blank';
            a.rel = 'noopener noreferrer nofollow';
          }
          if (l.title) a.title = decode(l.title);
          if (l.autolink) a.textContent = l.text;
          else this.inline(l.tokens, a, depth);
          break;
        }
        case 'image': {
          const im = t as Tokens.Image;
          const src = imageSrc(im.href, this.opts.allowedImageDomains);
          const alt = decode(im.text);
          if (src) {
            const img = el('img', parent);
            img.src = src;
            img.alt = alt;
            img.loading = 'lazy';
            img.referrerPolicy = 'no-referrer';
            if (im.title) img.title = decode(im.title);
          } else if (alt) {
            el('span', parent).textContent = alt;
          }
          break;
        }
        case 'checkbox':
          this.block(t, parent, depth);
          break;
        default:
          // Inline HTML tags and anything unknown: their source, as text.
          parent.appendChild(document.createTextNode(t.raw));
      }
    }
  }
}

/** The markdown as a DOM fragment (safe to insert as is). */
export function renderMarkdown(source: string, opts: MarkdownOptions = {}): DocumentFragment {
  const frag = document.createDocumentFragment();
  new DomRenderer(opts).blocks(marked.lexer(source ?? ''), frag, 0);
  return frag;
}

/** Plain text of markdown (for the live region). */
export function markdownToText(source: string): string {
  const frag = renderMarkdown(source);
  frag.querySelectorAll('p,li,h1,h2,h3,h4,h5,h6,pre,tr,blockquote').forEach((e) => e.append('\n'));
  return (frag.textContent ?? '').replace(/\n{3,}/g, '\n\n').trim();
}
