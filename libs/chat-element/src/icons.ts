/**
 * A small built-in icon set (24×24, stroked, drawn for Atrium). Names follow the
 * ChatKit IconName list plus the element's own UI icons; `lucide:<name>` resolves to
 * the same glyph when the set has it. Unknown names render a neutral dot.
 */

const P: Record<string, string> = {
  dot: 'M12 12h.01',
  check: 'M5 12.5l4.5 4.5L19 7',
  'check-circle': 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM8 12.5l3 3 5-6',
  'check-circle-filled': 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z|M8 12.5l3 3 5-6',
  'empty-circle': 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z',
  'chevron-right': 'M9 18l6-6-6-6',
  'chevron-down': 'M6 9l6 6 6-6',
  plus: 'M12 5v14M5 12h14',
  close: 'M6 6l12 12M18 6L6 18',
  search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM20 20l-4-4',
  info: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 11v5M12 8h.01',
  'circle-question': 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.5v.2M12 17h.01',
  warning: 'M12 3l9.5 17h-19L12 3zM12 10v4M12 17h.01',
  clock: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 7v5l3 2',
  calendar: 'M4 6h16v14H4zM4 10h16M8 3v4M16 3v4',
  star: 'M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z',
  'star-filled': 'M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z',
  sparkle: 'M12 3l1.8 5.2L19 10l-5.2 1.8L12 17l-1.8-5.2L5 10l5.2-1.8z',
  bolt: 'M13 2L4 14h7l-1 8 9-12h-7z',
  suitcase: 'M4 8h16v12H4zM9 8V5h6v3',
  document: 'M6 3h8l4 4v14H6zM14 3v4h4M9 12h6M9 16h6',
  'page-blank': 'M6 3h8l4 4v14H6zM14 3v4h4',
  'square-image': 'M4 4h16v16H4zM4 16l5-5 4 4 2-2 5 5M15 9h.01',
  mail: 'M3 6h18v12H3zM3 7l9 6 9-6',
  globe: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z',
  'external-link': 'M14 4h6v6M20 4l-9 9M18 14v6H4V6h6',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0',
  profile: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0',
  agent: 'M6 8h12v11H6zM12 4v4M9 13h.01M15 13h.01M9 16h6',
  chart: 'M4 20V4M4 20h16M8 16v-5M12 16V8M16 16v-8',
  'map-pin': 'M12 21s7-6.2 7-12a7 7 0 0 0-14 0c0 5.8 7 12 7 12zM12 11a2 2 0 1 0 0-4 2 2 0 0 0 0 4z',
  lightbulb: 'M9 18h6M10 21h4M12 3a6 6 0 0 0-3.5 10.9c.6.4 1 1.1 1 1.8V16h5v-.3c0-.7.4-1.4 1-1.8A6 6 0 0 0 12 3z',
  write: 'M4 20h4L19 9l-4-4L4 16zM13 7l4 4',
  'write-alt': 'M4 20h4L19 9l-4-4L4 16zM13 7l4 4',
  reload: 'M20 12a8 8 0 1 1-2.3-5.7M20 4v5h-5',
  'dots-horizontal': 'M5 12h.01M12 12h.01M19 12h.01',
  // UI icons of the element itself
  history: 'M4 12a8 8 0 1 0 2.3-5.7M4 4v5h5M12 8v4l3 2',
  compose: 'M4 20h4L19 9l-4-4L4 16zM13 7l4 4',
  send: 'M12 19V5M5 12l7-7 7 7',
  stop: 'M7 7h10v10H7z',
  paperclip: 'M20 11l-8.5 8.5a5 5 0 0 1-7-7L13 4a3.5 3.5 0 0 1 5 5l-8.5 8.5a2 2 0 0 1-3-3L14 7',
  copy: 'M9 9h11v11H9zM5 15H4V4h11v1',
  'thumb-up': 'M7 10v10H4V10zM7 10l4-7a2 2 0 0 1 2 2v4h6a2 2 0 0 1 2 2.3l-1.3 7A2 2 0 0 1 17.7 20H7',
  'thumb-down': 'M7 14V4H4v10zM7 14l4 7a2 2 0 0 0 2-2v-4h6a2 2 0 0 0 2-2.3l-1.3-7A2 2 0 0 0 17.7 4H7',
  trash: 'M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3',
  file: 'M6 3h8l4 4v14H6zM14 3v4h4',
};

const FILLED = new Set(['check-circle-filled', 'star-filled', 'dot']);

/** Whether the set has a glyph for `name` (`lucide:` prefix ignored). */
export function hasIcon(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(P, name.replace(/^lucide:/, ''));
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An `<svg>` for `name`, decorative (aria-hidden) unless `label` is given. */
export function icon(name: string | undefined, label?: string, cls = 'icon'): SVGSVGElement {
  const key = (name ?? '').replace(/^lucide:/, '');
  const known = Object.prototype.hasOwnProperty.call(P, key);
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', cls);
  if (label) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
  } else svg.setAttribute('aria-hidden', 'true');
  if (!known || key === 'dot') {
    const c = document.createElementNS(SVG_NS, 'circle');
    c.setAttribute('cx', '12');
    c.setAttribute('cy', '12');
    c.setAttribute('r', '3.5');
    c.setAttribute('class', 'icon-dot');
    svg.appendChild(c);
    svg.setAttribute('data-icon', known ? key : 'unknown');
    return svg;
  }
  // "filled|knocked-out" glyphs: a filled shape with a stroke drawn in the surface colour.
  const [main, knock] = P[key].split('|');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', main);
  if (FILLED.has(key)) path.setAttribute('class', 'icon-filled');
  svg.appendChild(path);
  if (knock) {
    const k = document.createElementNS(SVG_NS, 'path');
    k.setAttribute('d', knock);
    k.setAttribute('class', 'icon-knock');
    svg.appendChild(k);
  }
  svg.setAttribute('data-icon', key);
  return svg;
}
