/** Colour scales of the payloads as plotly colour scales, and number decoding for plotting. */
import { decodeNumber, type ColorScale, type JsonNumber } from "../../../src/viz/payloads";
import type { PlotObject } from "./plotly";

type Stops = Array<[number, string]>;

/** viridis (sequential), RdBu (diverging: negative blue, 0 white, positive red) and Blues. */
const SCALES: Record<ColorScale["scheme"], Stops> = {
  viridis: [[0, "#440154"], [0.25, "#3b528b"], [0.5, "#21918c"], [0.75, "#5ec962"], [1, "#fde725"]],
  rdbu: [[0, "#2166ac"], [0.25, "#67a9cf"], [0.5, "#f7f7f7"], [0.75, "#ef8a62"], [1, "#b2182b"]],
  blues: [[0, "#f7fbff"], [0.25, "#c6dbef"], [0.5, "#6baed6"], [0.75, "#2171b5"], [1, "#08306b"]],
};

/** The heat-map colour fields (`colorscale`, `zmin`, `zmax`) of a payload colour scale. */
export function colorFields(scale: ColorScale): PlotObject {
  const max = scale.max > scale.min ? scale.max : scale.min + 1;
  return { colorscale: SCALES[scale.scheme], zmin: scale.min, zmax: max };
}

/** A value for plotly: finite numbers as is; NaN and infinities as null (drawn as gaps). */
export function plotValue(v: JsonNumber): number | null {
  const x = decodeNumber(v);
  return Number.isFinite(x) ? x : null;
}

/** A value for hover text: numbers to 4 significant digits, NaN and infinities by name. */
export function formatValue(v: JsonNumber | number | null): string {
  if (v === null) return "n/a";
  const x = decodeNumber(v);
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return "0";
  const a = Math.abs(x);
  return a >= 1e4 || a < 1e-3 ? x.toExponential(3) : String(Number(x.toPrecision(4)));
}

/** A shape as `[2, 3]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}
