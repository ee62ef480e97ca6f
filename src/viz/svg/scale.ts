/**
 * Maps from data values to pixels for the static drawing. A scale draws an `Axis` decided in the
 * library (range, ticks and their text), so the SVG prints exactly the labels the lab prints.
 */
import type { Axis } from "../payloads";
import { fitAxis, linearAxis, logAxis, type AxisOptions } from "../data/axis";

export { formatValue } from "../payloads/style";

/** A map from data values to pixels with its ticks. */
export interface Scale {
  readonly log: boolean;
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
  /** Pixel position of `v` (log scales map v <= 0 to NaN). */
  map(v: number): number;
  readonly ticks: readonly number[];
  /** Label text of each tick, aligned with `ticks`. */
  readonly labels: readonly string[];
}

/** The scale drawing `axis` onto the pixel interval `range`. */
export function scaleOf(axis: Axis, range: readonly [number, number]): Scale {
  const [r0, r1] = range;
  const log = axis.scale === "log";
  const lo = log ? Math.log10(axis.range[0]) : axis.range[0];
  const hi = log ? Math.log10(axis.range[1]) : axis.range[1];
  const span = hi - lo || 1;
  const at = (u: number): number => r0 + ((u - lo) / span) * (r1 - r0);
  return {
    log,
    domain: axis.range,
    range,
    map: log ? (v) => (v > 0 ? at(Math.log10(v)) : NaN) : at,
    ticks: axis.ticks,
    labels: axis.tickText,
  };
}

/** A linear scale over `domain` (an unlabelled axis). */
export function linearScale(domain: readonly [number, number], range: readonly [number, number], options: AxisOptions = {}): Scale {
  return scaleOf(linearAxis("", domain, options), range);
}

/** A log scale over `domain` (an unlabelled axis). */
export function logScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  return scaleOf(logAxis("", domain), range);
}

/** A linear or log scale fitted to `values`. */
export function fitScale(values: Iterable<number>, range: readonly [number, number], log: boolean, options: AxisOptions = {}): Scale {
  return scaleOf(fitAxis("", values, log ? "log" : "linear", options), range);
}
