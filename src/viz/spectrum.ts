/**
 * The spectrum figure (Deep Learning for Engineers, lecture 11: eigenvalues of W_hh): the eigenvalues
 * of a square matrix in the
 * complex plane with the unit circle and the spectral radius rho = max |lambda|. For a linear RNN,
 * h_t = W h_{t-1} makes ||h_t|| grow like rho^t: rho > 1 explodes, rho < 1 vanishes.
 */
import { checkKnownOptions } from "../known-options";
import { SPECTRUM_OPTIONS } from "./option-names";
import { ShapeError } from "../errors";
import { Tensor } from "../tensor/tensor";
import { compact } from "./data/downsample";
import { Figure } from "./figure";
import { eigenvalues } from "./linalg/eigenvalues";
import type { SpectrumPanel, SpectrumPayload } from "./payloads";
import { formatValue } from "./payloads/style";
import { renderSpectrum } from "./spectrum-svg";
import { linearAxis } from "./data/axis";
import type { Axis, ChartLayout } from "./payloads";
import { chartLayout } from "./svg/chart";
import { legendHeight, legendPlaces } from "./svg/legend";

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
  /** Name of the matrix (default: the tensor's name); with several matrices, what each one is (e.g. "W_hh"). */
  name?: string;
}

/** Matrices to compare side by side, by name (e.g. the initialization recipe that made each one). */
export type SpectrumMatrices = Record<string, Tensor>;

/** The eigenvalues of a square matrix and its spectral radius rho = max |lambda|. */
function spectrumOf(w: Tensor): { n: number; values: Array<{ re: number; im: number }>; radius: number } {
  const n = w.shape[0] ?? 0;
  const values = eigenvalues(w.data, n).map((v) => ({ re: Number(compact(v.re)), im: Number(compact(v.im)) }));
  const radius = values.reduce((r, v) => Math.max(r, Math.hypot(v.re, v.im)), 0);
  return { n, values, radius };
}

const isSquare = (w: Tensor): boolean => w.ndim === 2 && w.shape[0] === w.shape[1] && (w.shape[0] ?? 0) <= SPECTRUM_MAX;
const shapeText = (w: Tensor): string => `[${w.shape.join(", ")}]`;
const RULE = `needs square matrices of at most ${SPECTRUM_MAX} rows; expected [n, n]`;

/**
 * The eigenvalues of a square matrix (e.g. `rnn.weight_hh_l0`) in the complex plane; or of several,
 * named in an object, as a grid of panels on shared axes with one legend, to compare them.
 *
 * @example viz.spectrum(rnn.weight_hh_l0)
 * @example viz.spectrum({ Xavier: w1, orthogonal: w2 }, { name: "W_hh" })
 */
export function spectrumFigure(w: Tensor | SpectrumMatrices, options: SpectrumOptions = {}): Figure<"spectrum"> {
  checkKnownOptions("viz.spectrum", options, SPECTRUM_OPTIONS);
  if (!(w instanceof Tensor)) return spectrumGrid(w, options);
  if (!isSquare(w)) throw new ShapeError(`viz.spectrum: needs a square matrix of at most ${SPECTRUM_MAX} rows; expected [n, n], got ${shapeText(w)}`);
  const { n, values, radius } = spectrumOf(w);
  const name = options.name ?? w.name ?? null;
  const payload: SpectrumPayload = {
    kind: "spectrum",
    version: 1,
    title: options.title ?? `Eigenvalues of ${name ?? "W"}`,
    subtitle: `${n} \u00d7 ${n}  \u00b7  spectral radius ${formatValue(radius)}`,
    name,
    size: n,
    eigenvalues: values,
    spectralRadius: radius,
    ...planeAxes(radius),
    legend: spectrumLegend(radius, n),
    layout: spectrumLayout(planeAxes(radius), radius, n),
    grid: null,
  };
  return new Figure("spectrum", payload, renderSpectrum, `Spectrum of ${name ?? "a matrix"} [${n}, ${n}]: spectral radius ${formatValue(radius)}`);
}

/** Side of a grid panel's cell (its plotted area is square under the panel title), and panels per row. */
const GRID_CELL = 330;
const GRID_COLUMNS = 2;

/** The shared legend of a grid: the circles and the dots (each panel's title gives its radius). */
const GRID_LEGEND = ["unit circle |\u03bb| = 1", "spectral radius \u03c1 = max |\u03bb|", "eigenvalues"];

/**
 * Where a grid's parts go: the shared legend across the top, then rows of `columns` cells, each a
 * square plotted area under its panel title; the figure's `layout.plot` is the grid's box.
 */
export function spectrumGridLayout(count: number, axes: { xAxis: Axis; yAxis: Axis }): { layout: ChartLayout; columns: number; panel: ChartLayout } {
  const columns = Math.min(GRID_COLUMNS, count);
  const rows = Math.ceil(count / columns);
  const cell = chartLayout({ width: GRID_CELL, height: GRID_CELL + 40, title: "", legend: [], ...axes, equalAspect: true });
  // the cell no larger than it needs, the panel title centred over the plotted area
  const panel = { ...cell, width: cell.plot.x + cell.plot.width + 24, height: cell.plot.y + cell.plot.height + 50, title: { x: cell.plot.x + cell.plot.width / 2, y: 14 } };
  const width = columns * panel.width;
  const entries = GRID_LEGEND.map((name, k) => ({ name, color: "", symbol: k === 2 ? ("marker" as const) : k === 0 ? ("dashed" as const) : ("line" as const) }));
  const legendH = legendHeight(entries, width - 20);
  const top = 6 + legendH + 4;
  const layout: ChartLayout = {
    width,
    height: top + rows * panel.height,
    plot: { x: 0, y: top, width, height: rows * panel.height },
    legend: { x: 16, y: 6, width: width - 20, height: legendH, ...legendPlaces(entries, width - 20) },
    title: null,
  };
  return { layout, columns, panel };
}

/** Several named matrices as one figure: a panel per matrix, shared axes, one legend. */
function spectrumGrid(matrices: SpectrumMatrices, options: SpectrumOptions): Figure<"spectrum"> {
  const entries = typeof matrices === "object" && matrices !== null ? Object.entries(matrices) : [];
  const shapes = entries.map(([k, m]) => `${k} ${m instanceof Tensor ? shapeText(m) : typeof m}`).join(", ");
  if (entries.length === 0) throw new ShapeError(`viz.spectrum: takes a square matrix or an object of named square matrices; got ${matrices === null || typeof matrices !== "object" ? String(matrices) : "an empty object"}`);
  const bad = entries.filter(([, m]) => !(m instanceof Tensor) || !isSquare(m)).map(([k]) => k);
  if (bad.length > 0) throw new ShapeError(`viz.spectrum: ${RULE} each; not square: ${bad.map((k) => `"${k}"`).join(", ")}; got ${shapes}`);
  const spectra = entries.map(([name, m]) => ({ name, ...spectrumOf(m as Tensor) }));
  const radius = spectra.reduce((r, s) => Math.max(r, s.radius), 0);
  const axes = planeAxes(radius);
  const { layout, columns, panel } = spectrumGridLayout(spectra.length, axes);
  const panels: SpectrumPanel[] = spectra.map((s) => ({ name: s.name, size: s.n, eigenvalues: s.values, spectralRadius: s.radius, title: `${s.name} \u00b7 \u03c1 = ${formatValue(s.radius)}`, layout: panel }));
  const sizes = [...new Set(spectra.map((s) => `${s.n} \u00d7 ${s.n}`))].join(", ");
  const what = options.name ?? "each matrix";
  const payload: SpectrumPayload = {
    kind: "spectrum",
    version: 1,
    title: options.title ?? `Eigenvalues of ${what}`,
    subtitle: `${spectra.length} matrices, ${sizes}  \u00b7  shared axes`,
    name: null,
    size: 0,
    eigenvalues: [],
    spectralRadius: radius,
    ...axes,
    legend: GRID_LEGEND,
    layout,
    grid: { columns, panelWidth: panel.width, panelHeight: panel.height, panels },
  };
  const summary = spectra.map((s) => `${s.name} [${s.n}, ${s.n}] \u03c1 = ${formatValue(s.radius)}`).join("; ");
  return new Figure("spectrum", payload, renderSpectrum, `Spectra of ${what}: ${summary}`);
}
