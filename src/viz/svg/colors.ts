/**
 * Colour maps (viridis, diverging red-blue, blues) and the categorical palette of series and
 * parameters. The extension uses the same stops, so static and interactive figures agree.
 */
import type { ColorScale } from "../payloads";

/** Colour of NaN cells: magenta, outside every map, so it stands out. */
export const NAN_COLOR = "#ff00ff";

/** Categorical colours (Tableau 10). */
export const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"] as const;

/** The categorical colour number `i`. */
export function paletteColor(i: number): string {
  return PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length] ?? "#1f77b4";
}

type Stops = ReadonlyArray<readonly [number, number, number]>;

const VIRIDIS: Stops = [
  [68, 1, 84], [72, 40, 120], [62, 74, 137], [49, 104, 142], [38, 130, 142],
  [31, 158, 137], [53, 183, 121], [109, 205, 89], [180, 222, 44], [253, 231, 37],
];
const RDBU: Stops = [
  [5, 48, 97], [33, 102, 172], [67, 147, 195], [146, 197, 222], [209, 229, 240], [247, 247, 247],
  [253, 219, 199], [244, 165, 130], [214, 96, 77], [178, 24, 43], [103, 0, 31],
];
const BLUES: Stops = [
  [247, 251, 255], [222, 235, 247], [198, 219, 239], [158, 202, 225], [107, 174, 214],
  [66, 146, 198], [33, 113, 181], [8, 81, 156], [8, 48, 107],
];
const STOPS: Record<ColorScale["scheme"], Stops> = { viridis: VIRIDIS, rdbu: RDBU, blues: BLUES };

function hex(n: number): string {
  return Math.round(Math.min(255, Math.max(0, n))).toString(16).padStart(2, "0");
}

/** Colour at position `f` in [0, 1] of a scheme (linear interpolation between stops). */
export function schemeColor(scheme: ColorScale["scheme"], f: number): string {
  const stops = STOPS[scheme];
  const x = Math.min(1, Math.max(0, f)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const a = stops[i] ?? [0, 0, 0];
  const b = stops[i + 1] ?? a;
  const t = x - i;
  return `#${hex(a[0] + (b[0] - a[0]) * t)}${hex(a[1] + (b[1] - a[1]) * t)}${hex(a[2] + (b[2] - a[2]) * t)}`;
}

/** Colour of value `v` on `scale` (clamped; NaN is magenta). */
export function valueColor(scale: ColorScale, v: number): string {
  if (Number.isNaN(v)) return NAN_COLOR;
  const span = scale.max - scale.min;
  return schemeColor(scale.scheme, span > 0 ? (v - scale.min) / span : 0.5);
}

/** Black or white text, whichever reads better on `background` (#rrggbb). */
export function inkOn(background: string): string {
  const r = parseInt(background.slice(1, 3), 16);
  const g = parseInt(background.slice(3, 5), 16);
  const b = parseInt(background.slice(5, 7), 16);
  return 0.299 * r + 0.587 * g + 0.114 * b > 140 ? "#111111" : "#ffffff";
}

/**
 * The colour scale of a set of values: diverging and symmetric around 0 when they have both signs,
 * viridis otherwise.
 */
export function autoColorScale(min: number | null, max: number | null): ColorScale {
  const lo = min ?? 0;
  const hi = max ?? 1;
  if (lo < 0 && hi > 0) {
    const m = Math.max(-lo, hi);
    return { scheme: "rdbu", min: -m, max: m };
  }
  return { scheme: "viridis", min: lo, max: hi > lo ? hi : lo + 1 };
}
