/** Colour scales of the payloads as plotly colour scales, and number decoding for plotting. */
import { COLOR_STOPS, decodeNumber, type ColorScale, type JsonNumber } from "seqgrad/payloads";
import type { PlotObject } from "./plotly";

export { formatShape, formatValue } from "seqgrad/payloads";

/** The stops of a colour map as plotly wants them: [[0, colour], ..., [1, colour]]. */
export function plotlyStops(scheme: ColorScale["scheme"]): Array<[number, string]> {
  const stops = COLOR_STOPS[scheme];
  return stops.map((c, i) => [i / Math.max(1, stops.length - 1), c]);
}

/** The heat-map colour fields (`colorscale`, `zmin`, `zmax`, colour-bar ticks) of a payload colour scale. */
export function colorFields(scale: ColorScale): PlotObject {
  const max = scale.max > scale.min ? scale.max : scale.min + 1;
  return { colorscale: plotlyStops(scale.scheme), zmin: scale.min, zmax: max };
}

/** The colour bar's ticks: the payload's values and label text. */
export function colorbarTicks(scale: ColorScale): PlotObject {
  return { tickmode: "array", tickvals: scale.ticks, ticktext: scale.tickText };
}

/** A value for plotly: finite numbers as is; NaN and infinities as null (drawn as gaps). */
export function plotValue(v: JsonNumber): number | null {
  const x = decodeNumber(v);
  return Number.isFinite(x) ? x : null;
}
