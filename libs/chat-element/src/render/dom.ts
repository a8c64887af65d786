/**
 * A tiny element factory. Text always goes in as text nodes (never HTML); the only
 * HTML the element inserts is sanitised markdown (markdown.ts) and its own icon SVG.
 */

type Child = Node | string | number | false | null | undefined | Child[];
export interface Props {
  class?: string;
  /** Attributes (false/undefined values are skipped; true → ""). */
  attrs?: Record<string, string | number | boolean | undefined>;
  /** Event listeners. */
  on?: Record<string, (e: Event) => void>;
  /** CSS properties via CSSOM (works under strict CSP). */
  style?: Record<string, string | undefined>;
  text?: string;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) {
    if (props.class) el.className = props.class;
    if (props.attrs) {
      for (const [k, v] of Object.entries(props.attrs)) {
        if (v === undefined || v === false) continue;
        el.setAttribute(k, v === true ? '' : String(v));
      }
    }
    if (props.on) for (const [k, fn] of Object.entries(props.on)) el.addEventListener(k, fn);
    if (props.style) setStyles(el, props.style);
    if (props.text !== undefined) el.textContent = props.text;
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Rejects CSS values that could load resources or break out of the declaration. */
export function safeCss(value: string): string | undefined {
  return /url\(|image\(|image-set\(|expression\(|\\|[;{}<>]|@import/i.test(value) ? undefined : value;
}

export function setStyles(el: HTMLElement | SVGElement, styles: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(styles)) {
    if (v === undefined || v === '') continue;
    const safe = safeCss(v);
    if (safe !== undefined) el.style.setProperty(k, safe);
  }
}

export function clear(el: Node): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

let uid = 0;
/** Unique ids for aria wiring inside one shadow root. */
export function nextId(prefix: string): string {
  return `${prefix}-${++uid}`;
}

/** http(s) URLs only (absolute or relative to the page); `data:image/*` when allowed. */
export function safeUrl(url: unknown, opts: { dataImages?: boolean } = {}): string | undefined {
  if (typeof url !== 'string' || !url.trim()) return undefined;
  const raw = url.trim();
  if (opts.dataImages && /^data:image\/[a-z0-9.+-]+[;,]/i.test(raw)) return raw;
  try {
    const u = new URL(raw, document.baseURI);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
