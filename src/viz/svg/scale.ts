/**
 * Linear and logarithmic scales from data to pixels, with "nice" ticks (1, 2, 5 x 10^k for linear
 * axes, powers of ten for log axes) and compact tick labels.
 */

/** A map from data values to pixels with its ticks. */
export interface Scale {
  readonly log: boolean;
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
  /** Pixel position of `v` (log scales map v <= 0 to NaN). */
  map(v: number): number;
  readonly ticks: readonly number[];
  /** Tick label of `v`. */
  format(v: number): string;
}

/** Smallest and largest finite value of `values` (positive only when `positive`), or null. */
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

/** Formats `v` with as many decimals as `step` needs, in scientific form for very large or small values. */
export function formatNumber(v: number, step = 0): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(step > 0 && Math.abs(v / step) < 100 ? 1 : 0).replace("e+", "e");
  const decimals = step > 0 ? Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9))) : 3;
  return Number(v.toFixed(decimals)).toString();
}

/** A compact label of any value: 4 significant digits. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "Inf" : "-Inf";
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(2).replace("e+", "e");
  return Number(v.toPrecision(4)).toString();
}

/**
 * A linear scale. With `nice`, the domain widens to whole ticks. A single value gets a unit-wide domain.
 */
export function linearScale(domain: readonly [number, number], range: readonly [number, number], options: { nice?: boolean; ticks?: number } = {}): Scale {
  let [lo, hi] = domain;
  // a span below float resolution (a constant series after smoothing) counts as a single value
  if (!(hi - lo > 1e-9 * Math.max(Math.abs(lo), Math.abs(hi)))) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
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
    ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  }
  const [r0, r1] = range;
  const span = hi - lo;
  return {
    log: false,
    domain: [lo, hi],
    range,
    map: (v) => r0 + ((v - lo) / span) * (r1 - r0),
    ticks,
    format: (v) => formatNumber(v, step),
  };
}

/** A log10 scale over whole decades; ticks at powers of ten (every few decades on wide ranges). */
export function logScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const lo = Math.floor(Math.log10(domain[0]) + 1e-9);
  let hi = Math.ceil(Math.log10(domain[1]) - 1e-9);
  if (hi <= lo) hi = lo + 1;
  const every = Math.max(1, Math.ceil((hi - lo) / 8));
  const ticks: number[] = [];
  // Few decades: also 2 and 5 times each power of ten, so the axis has enough labels.
  const mantissas = hi - lo <= 2 ? [1, 2, 5] : [1];
  for (let k = lo; k <= hi; k += every) for (const m of mantissas) if (k < hi || m === 1) ticks.push(m * Math.pow(10, k));
  const [r0, r1] = range;
  return {
    log: true,
    domain: [Math.pow(10, lo), Math.pow(10, hi)],
    range,
    map: (v) => (v > 0 ? r0 + ((Math.log10(v) - lo) / (hi - lo)) * (r1 - r0) : NaN),
    ticks,
    format: (v) => {
      const k = Math.floor(Math.log10(v) + 1e-9);
      const m = Math.round(v / Math.pow(10, k));
      return k >= -2 && k <= 3 ? String(Number(v.toPrecision(1))) : m === 1 ? `1e${k}` : `${m}e${k}`;
    },
  };
}

/** A linear or log scale fitted to `values` (log falls back to [0.1, 1] with no positive value). */
export function fitScale(values: Iterable<number>, range: readonly [number, number], log: boolean, options: { includeZero?: boolean } = {}): Scale {
  if (log) return logScale(extent(values, true) ?? [0.1, 1], range);
  const e = extent(values) ?? [0, 1];
  if (options.includeZero === true) e[0] = Math.min(0, e[0]);
  if (options.includeZero === true) e[1] = Math.max(0, e[1]);
  return linearScale(e, range);
}
