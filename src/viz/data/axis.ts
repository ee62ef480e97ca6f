/**
 * Numeric axes of figures, decided once in the library: the shown range and every tick with its
 * label text. Linear ticks are 1, 2 or 5 times a power of ten; log ticks are powers of ten (and 2
 * and 5 times them over two decades or less). A range never spans less than a small fraction of its
 * values (a linear one 1% of their magnitude, a log one a decade, centred in log space), so a
 * constant series (or one that differs only by rounding noise) is a flat line in the middle of its
 * panel with short tick labels.
 */
import { formatLogTick, formatTick } from "../payloads/style";
import type { Axis } from "../payloads";

/** Least span of a linear range, relative to the largest magnitude in it. */
export const MIN_RELATIVE_SPAN = 1e-2;
/** Padding on each side of a constant series, relative to its value. */
const CONSTANT_PAD = 0.1;

/** Options of `linearAxis` and `fitAxis`. */
export interface AxisOptions {
  /** Widen the range to take in 0 (bars). */
  includeZero?: boolean;
  /** About how many ticks (default 5). */
  ticks?: number;
  /** Widen the range to whole ticks (default true). */
  nice?: boolean;
  /** Extra values the range must take in (the unit circle, a reference line). */
  include?: readonly number[];
}

/** Smallest and largest finite value (positive only when `positive`), or null without one. */
export function extent(values: Iterable<number>, positive = false): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v) || (positive && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

/** A step of the form {1, 2, 5} x 10^k near `span / count`. */
function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / power;
  return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * power;
}

/** [lo, hi] widened to the least span: constants by 10% of their value, near-constants to 1%. */
function widen(lo: number, hi: number): [number, number] {
  const magnitude = Math.max(Math.abs(lo), Math.abs(hi));
  if (magnitude === 0) return [-1, 1];
  if (hi - lo <= 1e-9 * magnitude) return [lo - CONSTANT_PAD * magnitude, hi + CONSTANT_PAD * magnitude];
  const least = MIN_RELATIVE_SPAN * magnitude;
  if (hi - lo >= least) return [lo, hi];
  const mid = (lo + hi) / 2;
  return [mid - least / 2, mid + least / 2];
}

/** A linear axis over `domain` (see `AxisOptions`). */
export function linearAxis(label: string, domain: readonly [number, number], options: AxisOptions = {}): Axis {
  let [lo, hi] = widen(domain[0], domain[1]);
  const step = niceStep(hi - lo, options.ticks ?? 5);
  if (options.nice ?? true) {
    lo = Math.floor(lo / step + 1e-9) * step;
    hi = Math.ceil(hi / step - 1e-9) * step;
  }
  const ticks: number[] = [];
  const first = Math.ceil(lo / step - 1e-9);
  const count = Math.floor(hi / step + 1e-9) - first;
  for (let i = 0; i <= Math.min(count, 100); i++) {
    const v = (first + i) * step;
    ticks.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  }
  return { label, scale: "linear", range: [lo, hi], ticks, tickText: ticks.map((t) => formatTick(t, step)) };
}

/** Least span of a log range, in decades: values within less are centred in a window this wide. */
export const MIN_LOG_SPAN = 1;

/**
 * A log10 axis over `domain`: whole decades, labelled every few decades on wide ranges; values
 * within less than `MIN_LOG_SPAN` decades (a constant learning rate, a flat loss) sit in the middle
 * of a window one decade wide, centred on them in log space, so a constant is never on an edge.
 */
export function logAxis(label: string, domain: readonly [number, number]): Axis {
  let lo = Math.log10(domain[0]);
  let hi = Math.log10(domain[1]);
  if (hi - lo < MIN_LOG_SPAN) {
    const mid = (lo + hi) / 2;
    lo = mid - MIN_LOG_SPAN / 2;
    hi = mid + MIN_LOG_SPAN / 2;
  } else {
    lo = Math.floor(lo + 1e-9);
    hi = Math.ceil(hi - 1e-9);
  }
  const every = Math.max(1, Math.ceil((hi - lo) / 6));
  // Two decades or less: also 2 and 5 times each power of ten, so the axis has enough labels.
  const mantissas = hi - lo <= 2 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let k = Math.floor(lo + 1e-9); k <= Math.ceil(hi - 1e-9); k += every) {
    for (const m of mantissas) {
      const at = k + Math.log10(m);
      if (at >= lo - 1e-9 && at <= hi + 1e-9) ticks.push(Number((m * Math.pow(10, k)).toPrecision(3)));
    }
  }
  return { label, scale: "log", range: [Math.pow(10, lo), Math.pow(10, hi)], ticks, tickText: ticks.map(formatLogTick) };
}

/** A linear or log axis fitted to `values` (a log axis without a positive value shows [0.1, 1]). */
export function fitAxis(label: string, values: Iterable<number>, scale: Axis["scale"], options: AxisOptions = {}): Axis {
  const all = [...values, ...(options.include ?? [])];
  if (scale === "log") return logAxis(label, extent(all, true) ?? [0.1, 1]);
  const e = extent(all) ?? [0, 1];
  if (options.includeZero === true) e[0] = Math.min(0, e[0]);
  if (options.includeZero === true) e[1] = Math.max(0, e[1]);
  return linearAxis(label, e, options);
}
