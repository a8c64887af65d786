/**
 * Widget `Chart` as a small SVG: bar series (grouped, or stacked by `stack`), line and
 * area series, optional y axis, x labels and legend; values in `<title>` tooltips.
 */
import type { Chart, ChartSeries } from '../../../widgets/src/types.js';
import { h } from './dom.js';
import { color, primitive, type Scheme } from './widget-style.js';

const NS = 'http://www.w3.org/2000/svg';
const PALETTE = ['blue', 'purple', 'orange', 'green', 'red', 'yellow', 'pink'];

function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : Number(v) || 0);
const fmt = (v: number): string => (Math.abs(v) >= 1000 ? new Intl.NumberFormat(undefined, { notation: 'compact' }).format(v) : String(Math.round(v * 100) / 100));

export function renderChart(node: Chart, scheme: Scheme): HTMLElement {
  const data = Array.isArray(node.data) ? node.data.slice(0, 500) : [];
  const series = (Array.isArray(node.series) ? node.series : []).slice(0, 12);
  const xKey = typeof node.xAxis === 'string' ? node.xAxis : node.xAxis?.dataKey;
  const xHide = typeof node.xAxis === 'object' && node.xAxis?.hide === true;
  const xLabels = typeof node.xAxis === 'object' ? node.xAxis?.labels : undefined;
  const colorOf = (sr: ChartSeries, i: number): string =>
    color(sr.color, 'text', scheme) ?? primitive(`${PALETTE[i % PALETTE.length]}-500`) ?? 'currentColor';

  const W = 480;
  const H = 200;
  const left = node.showYAxis === false ? 8 : 36;
  const bottom = xHide ? 8 : 24;
  const top = 8;
  const right = 8;
  const plotW = W - left - right;
  const plotH = H - top - bottom;

  // Stacked totals per category (bars with the same `stack` add up).
  let max = 0;
  let min = 0;
  data.forEach((row) => {
    const stacks: Record<string, number> = {};
    for (const sr of series) {
      const v = num(row[sr.dataKey]);
      const key = sr.type !== 'line' && sr.stack ? `s:${sr.stack}` : `u:${sr.dataKey}`;
      stacks[key] = (stacks[key] ?? 0) + v;
      min = Math.min(min, v);
    }
    for (const v of Object.values(stacks)) max = Math.max(max, v);
  });
  if (max === min) max = min + 1;
  const y = (v: number): number => top + plotH - ((v - min) / (max - min)) * plotH;

  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'xMidYMid meet', class: 'chart-svg', role: 'img', 'aria-label': series.map((sr) => sr.label ?? sr.dataKey).join(', ') || 'Chart' });
  // grid + y axis
  for (let i = 0; i <= 4; i++) {
    const v = min + ((max - min) * i) / 4;
    const yy = y(v);
    svg.appendChild(s('line', { x1: left, x2: W - right, y1: yy, y2: yy, class: 'chart-grid' }));
    if (node.showYAxis !== false) svg.appendChild(s('text', { x: left - 4, y: yy + 3, 'text-anchor': 'end', class: 'chart-label' }, fmt(v)));
  }
  const n = Math.max(data.length, 1);
  const band = plotW / n;
  const bars = series.filter((sr) => sr.type === 'bar');
  const groups = [...new Set(bars.map((sr) => (sr.stack ? `s:${sr.stack}` : `u:${sr.dataKey}`)))];
  const gap = Math.min(0.4, Math.max(0, (node.barCategoryGap ?? 20) / 100));
  const groupW = (band * (1 - gap)) / Math.max(groups.length, 1);

  data.forEach((row, i) => {
    const x0 = left + i * band + (band * gap) / 2;
    const offsets: Record<string, number> = {};
    bars.forEach((sr) => {
      const g = sr.stack ? `s:${sr.stack}` : `u:${sr.dataKey}`;
      const gi = groups.indexOf(g);
      const v = num(row[sr.dataKey]);
      const base = offsets[g] ?? 0;
      offsets[g] = base + v;
      const y1 = y(base + v);
      const y0 = y(base);
      const rect = s('rect', {
        x: x0 + gi * groupW + 1,
        y: Math.min(y0, y1),
        width: Math.max(groupW - 2, 1),
        height: Math.max(Math.abs(y0 - y1), 0.5),
        rx: 2,
        fill: colorOf(sr, series.indexOf(sr)),
      });
      rect.appendChild(s('title', {}, `${sr.label ?? sr.dataKey}: ${fmt(v)}`));
      svg.appendChild(rect);
    });
    if (!xHide && xKey) {
      const raw = String(row[xKey] ?? '');
      const label = xLabels?.[raw] ?? raw;
      svg.appendChild(s('text', { x: left + i * band + band / 2, y: H - 8, 'text-anchor': 'middle', class: 'chart-label' }, label.length > 10 ? `${label.slice(0, 9)}…` : label));
    }
  });

  series.forEach((sr, si) => {
    if (sr.type === 'bar') return;
    const pts = data.map((row, i) => [left + i * band + band / 2, y(num(row[sr.dataKey]))] as const);
    if (pts.length === 0) return;
    const d = pts.map(([px, py], i) => `${i ? 'L' : 'M'}${px.toFixed(1)} ${py.toFixed(1)}`).join('');
    const c = colorOf(sr, si);
    if (sr.type === 'area') {
      svg.appendChild(s('path', { d: `${d}L${pts[pts.length - 1][0].toFixed(1)} ${y(min)}L${pts[0][0].toFixed(1)} ${y(min)}Z`, fill: c, 'fill-opacity': 0.18, stroke: 'none' }));
    }
    svg.appendChild(s('path', { d, fill: 'none', stroke: c, 'stroke-width': 2, 'stroke-linejoin': 'round' }));
    pts.forEach(([px, py], i) => {
      const dot = s('circle', { cx: px, cy: py, r: 2.5, fill: c });
      dot.appendChild(s('title', {}, `${sr.label ?? sr.dataKey}: ${fmt(num(data[i][sr.dataKey]))}`));
      svg.appendChild(dot);
    });
  });

  const wrap = h('figure', { class: 'chart' });
  wrap.appendChild(svg);
  if (node.showLegend !== false && series.length > 1) {
    wrap.appendChild(
      h('figcaption', { class: 'chart-legend' },
        series.map((sr, i) => h('span', null, h('i', { style: { background: colorOf(sr, i) } }), sr.label ?? sr.dataKey)),
      ),
    );
  }
  return wrap;
}
