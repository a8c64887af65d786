/**
 * Widget prop values → CSS: spacing units (4 px), radius tokens, colour tokens
 * (text/background/border tokens, primitive `red-100` tokens, `{light, dark}`), borders.
 * Every free-form CSS string passes `safeCss` (no url(), no declaration break-out).
 */
import { safeCss, setStyles } from './dom.js';

export type Scheme = 'light' | 'dark';

type Spacing = number | string | { top?: number | string; right?: number | string; bottom?: number | string; left?: number | string; x?: number | string; y?: number | string };

export const unit = (v: number | string | undefined): string | undefined =>
  v === undefined ? undefined : typeof v === 'number' ? `${v * 4}px` : safeCss(v);
export const px = (v: number | string | undefined): string | undefined =>
  v === undefined ? undefined : typeof v === 'number' ? `${v}px` : safeCss(v);

const RADIUS: Record<string, string> = {
  '2xs': '2px', xs: '4px', sm: '6px', md: '8px', lg: '12px', xl: '16px', '2xl': '20px', '3xl': '24px', '4xl': '32px',
  full: '9999px', '100%': '100%', none: '0',
};
export const radius = (v: string | undefined): string | undefined => (v === undefined ? undefined : RADIUS[v]);

const TEXT_TOKENS: Record<string, string> = {
  prose: 'var(--fg)', primary: 'var(--fg)', emphasis: 'var(--fg-strong)', secondary: 'var(--fg-2)', tertiary: 'var(--fg-3)',
  success: 'var(--success)', warning: 'var(--warning)', danger: 'var(--danger)', info: 'var(--info)', discovery: 'var(--discovery)',
  caution: 'var(--warning)',
};
const SURFACE_TOKENS: Record<string, string> = {
  surface: 'var(--surface)', 'surface-secondary': 'var(--surface-2)', 'surface-tertiary': 'var(--surface-3)',
  'surface-elevated': 'var(--surface-elevated)', 'surface-elevated-secondary': 'var(--surface-2)',
};
const BORDER_TOKENS: Record<string, string> = { default: 'var(--border)', subtle: 'var(--border-subtle)', strong: 'var(--border-strong)' };

const HUES: Record<string, number> = {
  red: 0, orange: 25, amber: 40, yellow: 48, lime: 85, green: 142, emerald: 155, teal: 173, cyan: 190, sky: 200,
  blue: 217, indigo: 235, violet: 258, purple: 270, fuchsia: 292, pink: 330, rose: 350,
};

/** `red-500`-style primitive tokens and chart colour names → hsl(). */
export function primitive(name: string): string | undefined {
  const m = /^([a-z]+)(?:-(\d{2,3}))?(?:-alpha-\d+)?$/.exec(name);
  if (!m) return undefined;
  const [, hueName, level] = m;
  const n = level ? Number(level) : 500;
  if (hueName === 'gray' || hueName === 'slate' || hueName === 'neutral') return `hsl(220 9% ${Math.round(98 - n * 0.085)}%)`;
  if (hueName === 'black') return '#000';
  if (hueName === 'white') return '#fff';
  const hue = HUES[hueName];
  return hue === undefined ? undefined : `hsl(${hue} 75% ${Math.round(98 - n * 0.085)}%)`;
}

export function color(v: unknown, kind: 'text' | 'bg' | 'border', scheme: Scheme): string | undefined {
  if (v && typeof v === 'object') {
    const tc = v as { light?: unknown; dark?: unknown };
    return color(scheme === 'dark' ? tc.dark : tc.light, kind, scheme);
  }
  if (typeof v !== 'string' || !v) return undefined;
  const token = (kind === 'text' ? TEXT_TOKENS : kind === 'bg' ? SURFACE_TOKENS : BORDER_TOKENS)[v] ?? TEXT_TOKENS[v];
  return token ?? primitive(v) ?? safeCss(v);
}

export function spacing(el: HTMLElement, prop: 'padding' | 'margin', v: Spacing | undefined): void {
  if (v === undefined) return;
  if (typeof v !== 'object') {
    setStyles(el, { [prop]: unit(v) });
    return;
  }
  const s: Record<string, string | undefined> = {};
  const y = unit(v.y);
  const x = unit(v.x);
  s[`${prop}-top`] = unit(v.top) ?? y;
  s[`${prop}-bottom`] = unit(v.bottom) ?? y;
  s[`${prop}-left`] = unit(v.left) ?? x;
  s[`${prop}-right`] = unit(v.right) ?? x;
  setStyles(el, s);
}

type BorderSpec = number | { size: number; color?: unknown; style?: string };

function borderValue(b: BorderSpec, scheme: Scheme): string | undefined {
  if (typeof b === 'number') return `${b}px solid var(--border)`;
  if (!b || typeof b !== 'object' || typeof b.size !== 'number') return undefined;
  const style = /^[a-z]+$/.test(b.style ?? '') ? b.style : 'solid';
  return `${b.size}px ${style} ${color(b.color, 'border', scheme) ?? 'var(--border)'}`;
}

export function border(el: HTMLElement, v: unknown, scheme: Scheme): void {
  if (v === undefined || v === null) return;
  if (typeof v === 'number' || (typeof v === 'object' && 'size' in (v as object))) {
    setStyles(el, { border: borderValue(v as BorderSpec, scheme) });
    return;
  }
  if (typeof v !== 'object') return;
  const e = v as Record<string, BorderSpec | undefined>;
  const edge = (k: string, fallback: string): string | undefined => {
    const b = e[k] ?? e[fallback];
    return b === undefined ? undefined : borderValue(b, scheme);
  };
  setStyles(el, {
    'border-top': edge('top', 'y'),
    'border-bottom': edge('bottom', 'y'),
    'border-left': edge('left', 'x'),
    'border-right': edge('right', 'x'),
  });
}

const FLEX_ALIGN: Record<string, string> = { start: 'flex-start', end: 'flex-end', center: 'center', baseline: 'baseline', stretch: 'stretch' };
const FLEX_JUSTIFY: Record<string, string> = {
  start: 'flex-start', end: 'flex-end', center: 'center', between: 'space-between', around: 'space-around', evenly: 'space-evenly', stretch: 'stretch',
};
export const alignItems = (v: string | undefined): string | undefined => (v ? FLEX_ALIGN[v] : undefined);
export const justifyContent = (v: string | undefined): string | undefined => (v ? FLEX_JUSTIFY[v] : undefined);

export interface SizeLike {
  height?: number | string; width?: number | string; size?: number | string;
  minHeight?: number | string; minWidth?: number | string; minSize?: number | string;
  maxHeight?: number | string; maxWidth?: number | string; maxSize?: number | string;
  aspectRatio?: number | string; flex?: number | string;
}

export function sizes(el: HTMLElement, n: SizeLike): void {
  setStyles(el, {
    width: px(n.width ?? n.size),
    height: px(n.height ?? n.size),
    'min-width': px(n.minWidth ?? n.minSize),
    'min-height': px(n.minHeight ?? n.minSize),
    'max-width': px(n.maxWidth ?? n.maxSize),
    'max-height': px(n.maxHeight ?? n.maxSize),
    'aspect-ratio': n.aspectRatio === undefined ? undefined : String(n.aspectRatio),
    flex: n.flex === undefined ? undefined : String(n.flex),
  });
}

const WEIGHTS: Record<string, string> = { normal: '400', medium: '500', semibold: '600', bold: '700' };
export const weight = (v: string | undefined): string | undefined => (v ? WEIGHTS[v] : undefined);

/** Font-size factors relative to the element's base size. */
export const TEXT_SIZE: Record<string, number> = { xs: 0.75, sm: 0.875, md: 1, lg: 1.125, xl: 1.25 };
export const TITLE_SIZE: Record<string, number> = { sm: 1, md: 1.125, lg: 1.25, xl: 1.5, '2xl': 1.75, '3xl': 2, '4xl': 2.25, '5xl': 3 };
export const CAPTION_SIZE: Record<string, number> = { sm: 0.75, md: 0.8125, lg: 0.875 };
export const ICON_SIZE: Record<string, number> = { xs: 0.75, sm: 0.875, md: 1, lg: 1.125, xl: 1.25, '2xl': 1.5, '3xl': 2 };
export const CONTROL_HEIGHT: Record<string, number> = { '3xs': 20, '2xs': 24, xs: 28, sm: 32, md: 36, lg: 40, xl: 44, '2xl': 48, '3xl': 52 };

export const fontSize = (table: Record<string, number>, v: string | undefined): string | undefined =>
  v && table[v] ? `calc(var(--fs) * ${table[v]})` : undefined;
