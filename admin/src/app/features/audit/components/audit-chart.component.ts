import { DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { AUDIT_ACTIONS, type AuditEventResponse } from '@atrium/protocol';

import { actionColor, actionLabel, addDays, parseDay } from '../data/audit-filter';

type Granularity = 'day' | 'week' | 'month';

interface Bucket {
  start: Date;
  label: string;
  longLabel: string;
  total: number;
  counts: Map<string, number>;
}

interface Segment {
  action: string;
  color: string;
  y: number;
  height: number;
}

const HEIGHT = 220;
const MARGIN = { top: 12, right: 8, bottom: 28, left: 40 };
const MAX_DAY_BUCKETS = 62;

const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const longDayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });
const monthFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short' });

function startOf(date: Date, granularity: Granularity): Date {
  const day = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  if (granularity === 'day') return day;
  if (granularity === 'week') return addDays(day, -((day.getDay() + 6) % 7)); // Monday
  return new Date(day.getFullYear(), day.getMonth(), 1);
}

function next(date: Date, granularity: Granularity): Date {
  if (granularity === 'day') return addDays(date, 1);
  if (granularity === 'week') return addDays(date, 7);
  return new Date(date.getFullYear(), date.getMonth() + 1, 1);
}

function daysBetween(a: Date, b: Date): number {
  return Math.round((startOf(b, 'day').getTime() - startOf(a, 'day').getTime()) / 86_400_000);
}

/** 1, 2, 5, 10, 20, 50… at or above `value / 4`, so the axis gets about four steps. */
function niceStep(max: number): number {
  const raw = Math.max(max, 1) / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  return Math.max(1, step);
}

/**
 * Events per day (or week, or month for long ranges), stacked by action, drawn as
 * SVG. Computed from the events it is given; the page says when those were capped.
 */
@Component({
  selector: 'app-audit-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe],
  templateUrl: './audit-chart.component.html',
  styleUrl: './audit-chart.component.scss',
})
export class AuditChartComponent {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly destroyRef = inject(DestroyRef);

  readonly events = input.required<readonly AuditEventResponse[]>();
  /** The selected range (`YYYY-MM-DD`, inclusive); empty sides follow the data / today. */
  readonly from = input('');
  readonly to = input('');
  /** True when `events` are only the newest part of the filtered set. */
  readonly capped = input(false);

  protected readonly width = signal(720);
  protected readonly height = HEIGHT;
  protected readonly margin = MARGIN;
  protected readonly hovered = signal<number | null>(null);

  /** The days covered: the selected range, narrowed to what was loaded when capped. */
  private readonly range = computed(() => {
    const events = this.events();
    const today = startOf(new Date(), 'day');
    const times = events.map((e) => new Date(e.at).getTime()).filter((t) => !Number.isNaN(t));
    const oldest = times.length ? startOf(new Date(Math.min(...times)), 'day') : null;
    const newest = times.length ? startOf(new Date(Math.max(...times)), 'day') : null;

    let start = parseDay(this.from()) ?? oldest ?? addDays(today, -6);
    let end = parseDay(this.to()) ?? (newest && newest > today ? newest : today);
    if (this.capped() && oldest && oldest > start) start = oldest;
    if (end < start) [start, end] = [end, start];
    // Without a chosen start, show at least a week so a single day is not one huge bar.
    if (!this.from() && daysBetween(start, end) < 6) start = addDays(end, -6);
    return { start, end };
  });

  protected readonly granularity = computed((): Granularity => {
    const { start, end } = this.range();
    const days = daysBetween(start, end) + 1;
    if (days <= MAX_DAY_BUCKETS) return 'day';
    if (days <= MAX_DAY_BUCKETS * 7) return 'week';
    return 'month';
  });

  protected readonly buckets = computed((): Bucket[] => {
    const granularity = this.granularity();
    const { start, end } = this.range();
    const buckets: Bucket[] = [];
    const index = new Map<number, Bucket>();
    for (let at = startOf(start, granularity); at <= end; at = next(at, granularity)) {
      const bucket: Bucket = {
        start: at,
        label: granularity === 'month' ? monthFormat.format(at) : dayFormat.format(at),
        longLabel:
          granularity === 'day'
            ? longDayFormat.format(at)
            : granularity === 'week'
              ? `Week of ${longDayFormat.format(at)}`
              : monthFormat.format(at),
        total: 0,
        counts: new Map(),
      };
      buckets.push(bucket);
      index.set(at.getTime(), bucket);
    }
    for (const event of this.events()) {
      const bucket = index.get(startOf(new Date(event.at), granularity).getTime());
      if (!bucket) continue;
      bucket.total++;
      bucket.counts.set(event.action, (bucket.counts.get(event.action) ?? 0) + 1);
    }
    return buckets;
  });

  /** Actions present, in the protocol's order (unknown ones last), with their totals. */
  protected readonly legend = computed(() => {
    const totals = new Map<string, number>();
    for (const bucket of this.buckets()) {
      for (const [action, count] of bucket.counts) totals.set(action, (totals.get(action) ?? 0) + count);
    }
    const order = (a: string): number => {
      const i = (AUDIT_ACTIONS as readonly string[]).indexOf(a);
      return i < 0 ? Number.MAX_SAFE_INTEGER : i;
    };
    return [...totals.entries()]
      .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
      .map(([action, count]) => ({ action, count, label: actionLabel(action), color: actionColor(action) }));
  });

  protected readonly total = computed(() => this.buckets().reduce((sum, b) => sum + b.total, 0));
  protected readonly unit = computed(() => this.granularity());

  private readonly step = computed(() => niceStep(Math.max(0, ...this.buckets().map((b) => b.total))));
  protected readonly yMax = computed(() => {
    const max = Math.max(0, ...this.buckets().map((b) => b.total));
    return Math.max(this.step(), Math.ceil(max / this.step()) * this.step());
  });
  protected readonly yTicks = computed(() => {
    const ticks: { value: number; y: number }[] = [];
    for (let v = 0; v <= this.yMax(); v += this.step()) ticks.push({ value: v, y: this.y(v) });
    return ticks;
  });

  protected readonly plotWidth = computed(() => Math.max(100, this.width() - MARGIN.left - MARGIN.right));
  protected readonly plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  protected readonly slot = computed(() => this.plotWidth() / Math.max(1, this.buckets().length));
  protected readonly barWidth = computed(() => Math.max(2, Math.min(48, this.slot() * 0.72)));

  protected readonly bars = computed(() => {
    const order = this.legend().map((l) => l.action);
    return this.buckets().map((bucket, i) => {
      let top = this.y(0);
      const segments: Segment[] = [];
      for (const action of order) {
        const count = bucket.counts.get(action) ?? 0;
        if (!count) continue;
        const height = this.y(0) - this.y(count);
        top -= height;
        segments.push({ action, color: actionColor(action), y: top, height });
      }
      const x = MARGIN.left + i * this.slot() + (this.slot() - this.barWidth()) / 2;
      const tooltip = [
        `${bucket.longLabel}: ${bucket.total} event${bucket.total === 1 ? '' : 's'}`,
        ...order.filter((a) => bucket.counts.get(a)).map((a) => `${actionLabel(a)}: ${bucket.counts.get(a)}`),
      ].join('\n');
      return { bucket, x, segments, tooltip, slotX: MARGIN.left + i * this.slot() };
    });
  });

  /** Labels spaced at least ~64px apart. */
  protected readonly labelEvery = computed(() => Math.max(1, Math.ceil(64 / this.slot())));

  protected readonly rangeText = computed(() => {
    const { start, end } = this.range();
    return `${longDayFormat.format(start)} – ${longDayFormat.format(end)}`;
  });
  protected readonly readout = computed(() => {
    const index = this.hovered();
    return index === null ? null : (this.bars()[index]?.tooltip.split('\n')[0] ?? null);
  });

  constructor() {
    afterNextRender(() => {
      const element = this.host.nativeElement;
      const observer = new ResizeObserver((entries) => {
        const width = Math.floor(entries[0]?.contentRect.width ?? 0);
        if (width > 0) this.width.set(width);
      });
      observer.observe(element);
      this.destroyRef.onDestroy(() => observer.disconnect());
    });
  }

  protected y(value: number): number {
    return MARGIN.top + this.plotHeight - (value / this.yMax()) * this.plotHeight;
  }

  protected countOf(bucket: Bucket, action: string): number {
    return bucket.counts.get(action) ?? 0;
  }
}
