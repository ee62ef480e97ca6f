/** Colour scales of heat maps, with their colour-bar ticks decided here for both drawings. */
import type { ColorScale } from "../payloads";
import { linearAxis } from "./axis";

/**
 * A colour scale from `min` to `max` (an empty range becomes [min, min + 1]) with about 4 ticks, and
 * the colour bar's `title` (empty for none).
 */
export function colorScale(scheme: ColorScale["scheme"], min: number, max: number, title = ""): ColorScale {
  const lo = Number.isFinite(min) ? min : 0;
  const hi = Number.isFinite(max) && max > lo ? max : lo + 1;
  const axis = linearAxis("", [lo, hi], { nice: false, ticks: 4 });
  return { scheme, min: lo, max: hi, ticks: axis.ticks, tickText: axis.tickText, title };
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
    return colorScale("rdbu", -m, m);
  }
  return colorScale("viridis", lo, hi);
}
