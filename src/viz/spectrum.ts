/**
 * The spectrum figure (Deep Learning for Engineers, lecture 11: eigenvalues of W_hh): the eigenvalues
 * of a square matrix in the
 * complex plane with the unit circle and the spectral radius rho = max |lambda|. For a linear RNN,
 * h_t = W h_{t-1} makes ||h_t|| grow like rho^t: rho > 1 explodes, rho < 1 vanishes.
 */
import { checkKnownOptions } from "../known-options";
import { SPECTRUM_OPTIONS } from "./option-names";
import { ShapeError } from "../errors";
import type { Tensor } from "../tensor/tensor";
import { compact } from "./data/downsample";
import { Figure } from "./figure";
import { eigenvalues } from "./linalg/eigenvalues";
import type { SpectrumPayload } from "./payloads";
import { formatValue } from "./payloads/style";
import { renderSpectrum } from "./spectrum-svg";
import { linearAxis } from "./data/axis";
import type { Axis, ChartLayout } from "./payloads";
import { chartLayout } from "./svg/chart";

/** Equal axes of the complex plane taking in the unit circle and the spectral-radius circle. */
function planeAxes(radius: number): { xAxis: Axis; yAxis: Axis } {
  const reach = Math.max(1.1, radius * 1.1);
  return { xAxis: linearAxis("Re \u03bb", [-reach, reach]), yAxis: linearAxis("Im \u03bb", [-reach, reach]) };
}

/** Largest side of the spectrum chart, in pixels. */
const SIZE = 460;

/** The legend's names: the unit circle, the spectral-radius circle and the eigenvalues. */
function spectrumLegend(radius: number, size: number): string[] {
  return ["unit circle |\u03bb| = 1", `spectral radius \u03c1 = ${formatValue(radius)}`, `eigenvalues (${size})`];
}

/** A square plotted area under the legend, the chart no larger than it needs. */
function spectrumLayout(axes: { xAxis: Axis; yAxis: Axis }, radius: number, size: number): ChartLayout {
  const legend = spectrumLegend(radius, size).map((name) => ({ name, color: "" }));
  const layout = chartLayout({ width: SIZE, height: SIZE + 40, legend, ...axes, equalAspect: true });
  return { ...layout, width: layout.plot.x + layout.plot.width + 24, height: layout.plot.y + layout.plot.height + 50 };
}

/** Largest matrix accepted (the QR iteration is O(n^3)). */
export const SPECTRUM_MAX = 1024;

/** Options of `viz.spectrum`. */
export interface SpectrumOptions {
  title?: string;
  /** Name of the matrix (default: the tensor's name). */
  name?: string;
}

/**
 * The eigenvalues of a square matrix (e.g. `rnn.weight_hh_l0`) in the complex plane.
 *
 * @example viz.spectrum(rnn.weight_hh_l0)
 */
export function spectrumFigure(w: Tensor, options: SpectrumOptions = {}): Figure<"spectrum"> {
  checkKnownOptions("viz.spectrum", options, SPECTRUM_OPTIONS);
  const [n = 0, m = -1] = w.shape;
  if (w.ndim !== 2 || n !== m || n > SPECTRUM_MAX) {
    throw new ShapeError(`viz.spectrum: needs a square matrix of at most ${SPECTRUM_MAX} rows; expected [n, n], got [${w.shape.join(", ")}]`);
  }
  const values = eigenvalues(w.data, n);
  const radius = values.reduce((r, v) => Math.max(r, Math.hypot(v.re, v.im)), 0);
  const name = options.name ?? w.name ?? null;
  const payload: SpectrumPayload = {
    kind: "spectrum",
    version: 1,
    title: options.title ?? `Eigenvalues of ${name ?? "W"}`,
    subtitle: `${n} \u00d7 ${n}  \u00b7  spectral radius ${formatValue(radius)}`,
    name,
    size: n,
    eigenvalues: values.map((v) => ({ re: Number(compact(v.re)), im: Number(compact(v.im)) })),
    spectralRadius: radius,
    ...planeAxes(radius),
    legend: spectrumLegend(radius, n),
    layout: spectrumLayout(planeAxes(radius), radius, n),
  };
  return new Figure("spectrum", payload, renderSpectrum, `Spectrum of ${name ?? "a matrix"} [${n}, ${n}]: spectral radius ${formatValue(radius)}`);
}
