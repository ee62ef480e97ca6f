/**
 * Generic figures for your own experiments, without another plotting library: `line`, `scatter`,
 * `heatmap` and `bar`. Long series are thinned to 2,000 evenly spaced points; heat maps are
 * block-averaged to at most 64 x 64.
 */
import { checkKnownOptions } from "../known-options";
import { HEATMAP_OPTIONS, PLOT_OPTIONS } from "./option-names";
import { ShapeError, ValueError } from "../errors";
import { Tensor } from "../tensor/tensor";
import { computeStats } from "./data/stats";
import { compact, matrixOf, seriesIndices } from "./data/downsample";
import { dense, vector } from "./data/matrix-input";
import { Figure } from "./figure";
import type { BarPlot, ColorScale, HeatmapPlot, LinePlot, PlotSeries, ScatterPlot } from "./payloads";
import { autoColorScale, colorScale } from "./data/color-scale";
import { renderPlot } from "./plot-svg";
import { categoryTickSpace, categoryTicks } from "./data/category-ticks";
import { fitAxis } from "./data/axis";
import { BAR_PLOT_HEIGHT, seriesColor } from "./payloads/style";
import { decodeNumber } from "./payloads";
import type { Axis, ChartLayout } from "./payloads";
import { barLayout, chartLayout } from "./svg/chart";

/** The x and y axes of a line or scatter plot. */
/** Size of a line or scatter chart, in pixels. */
const XY_SIZE = { width: 600, height: 360 } as const;

/** A line or scatter chart's layout: a legend of its series when there are two or more. */
function xyLayout(list: readonly PlotSeries[], axes: { xAxis: Axis; yAxis: Axis }): ChartLayout {
  const legend = list.length > 1 ? list.map((s) => ({ name: s.name, color: s.color })) : [];
  return chartLayout({ ...XY_SIZE, legend, ...axes });
}

function xyAxes(list: readonly PlotSeries[], options: PlotOptions): { xAxis: Axis; yAxis: Axis } {
  return {
    xAxis: fitAxis(options.xLabel ?? "", list.flatMap((s) => s.x), options.xScale ?? "linear"),
    yAxis: fitAxis(options.yLabel ?? "", list.flatMap((s) => s.y.map(decodeNumber)), options.yScale ?? "linear"),
  };
}

/** Most points kept per series. */
export const PLOT_MAX_POINTS = 2000;
/** Largest heat map kept. */
export const PLOT_HEATMAP_MAX = 64;

/** A series: y values (x = 0, 1, ...), or named x/y pairs. */
export type SeriesInput = Tensor | ArrayLike<number> | { name?: string; x?: Tensor | ArrayLike<number>; y: Tensor | ArrayLike<number> };

/** Shared options of the generic plots. */
export interface PlotOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  xScale?: "linear" | "log";
  yScale?: "linear" | "log";
}

/**
 * Line chart of one or more series; a record maps names to y values.
 *
 * @example viz.line({ train: trainLoss, valid: validLoss }, { xLabel: "epoch", yScale: "log" })
 */
export function line(series: SeriesInput | readonly SeriesInput[] | Readonly<Record<string, Tensor | ArrayLike<number>>>, options: PlotOptions = {}): Figure<"plot"> {
  checkKnownOptions("viz.line", options, PLOT_OPTIONS);
  const list = toSeries(series, "viz.line");
  const axes = xyAxes(list, options);
  const payload: LinePlot = { kind: "plot", version: 1, type: "line", ...common(options), ...axes, series: list, layout: xyLayout(list, axes) };
  return new Figure("plot", payload, renderPlot, `Line plot: ${list.map((s) => `${s.name} (${s.x.length} points)`).join(", ")}`);
}

/**
 * Scatter plot of points (x, y), one colour per series.
 *
 * @example viz.scatter({ x: lengths, y: losses }, { xLabel: "length", yLabel: "loss" })
 */
export function scatter(series: SeriesInput | readonly SeriesInput[], options: PlotOptions = {}): Figure<"plot"> {
  checkKnownOptions("viz.scatter", options, PLOT_OPTIONS);
  const list = toSeries(series, "viz.scatter");
  const axes = xyAxes(list, options);
  const payload: ScatterPlot = { kind: "plot", version: 1, type: "scatter", ...common(options), ...axes, series: list, layout: xyLayout(list, axes) };
  return new Figure("plot", payload, renderPlot, `Scatter plot: ${list.map((s) => `${s.name} (${s.x.length} points)`).join(", ")}`);
}

/** Options of `viz.heatmap`. */
export interface HeatmapOptions extends PlotOptions {
  /** Column labels (x) and row labels (y). */
  xTicks?: readonly string[];
  yTicks?: readonly string[];
  /** Colour scale (default: diverging around 0 for signed data, else viridis). */
  colorScale?: Pick<ColorScale, "scheme" | "min" | "max">;
}

/**
 * Heat map of a matrix: row 0 at the top.
 *
 * @example viz.heatmap(confusion, { xTicks: labels, yTicks: labels, xLabel: "predicted", yLabel: "true" })
 */
export function heatmap(z: Tensor | ReadonlyArray<unknown>, options: HeatmapOptions = {}): Figure<"plot"> {
  checkKnownOptions("viz.heatmap", options, HEATMAP_OPTIONS);
  const d = dense(z, "viz.heatmap");
  if (d.shape.length !== 2) throw new ShapeError(`viz.heatmap: needs a matrix; expected [rows, cols], got [${d.shape.join(", ")}]`);
  const [rows = 0, cols = 0] = d.shape;
  const matrix = matrixOf(d.data, 0, rows, cols, PLOT_HEATMAP_MAX, PLOT_HEATMAP_MAX);
  const ticks = (labels: readonly string[] | undefined, n: number, index: number[], axis: string): string[] | null => {
    if (labels === undefined) return null;
    if (labels.length !== n) throw new ShapeError(`viz.heatmap: ${axis} needs one label per ${axis === "xTicks" ? "column" : "row"}; expected ${n}, got ${labels.length}`);
    return index.map((i) => labels[i] ?? "");
  };
  const stats = computeStats(d.data);
  const xTicks = ticks(options.xTicks, cols, matrix.colIndex, "xTicks");
  const yTicks = ticks(options.yTicks, rows, matrix.rowIndex, "yTicks");
  const cell = Math.max(5, Math.min(40, Math.floor(420 / Math.max(matrix.z.length, matrix.colIndex.length, 1))));
  const payload: HeatmapPlot = {
    kind: "plot",
    version: 1,
    type: "heatmap",
    ...common(options),
    matrix,
    colorScale: options.colorScale === undefined ? autoColorScale(stats.min, stats.max) : colorScale(options.colorScale.scheme, options.colorScale.min, options.colorScale.max),
    xTicks,
    yTicks,
    cell,
    rowTicks: categoryTicks(yTicks ?? matrix.rowIndex.map(String), cell, "y"),
    colTicks: categoryTicks(xTicks ?? matrix.colIndex.map(String), cell, "x"),
  };
  return new Figure("plot", payload, renderPlot, `Heat map [${rows}, ${cols}]`);
}

/**
 * Bar chart: `{ category: value }`, or categories with several named series (grouped bars).
 *
 * @example viz.bar({ RNN: 0.41, LSTM: 0.93, GRU: 0.91 }, { yLabel: "accuracy" })
 */
export function bar(values: Readonly<Record<string, number>> | { categories: readonly string[]; series: Readonly<Record<string, ArrayLike<number> | Tensor>> }, options: PlotOptions = {}): Figure<"plot"> {
  checkKnownOptions("viz.bar", options, PLOT_OPTIONS);
  const grouped = "categories" in values && Array.isArray(values.categories);
  const categories = grouped ? [...(values as { categories: readonly string[] }).categories] : Object.keys(values);
  const series = grouped
    ? Object.entries((values as { series: Readonly<Record<string, ArrayLike<number> | Tensor>> }).series).map(([name, v], i) => ({ name, color: seriesColor(i), values: vector(v, "viz.bar").map(compact) }))
    : [{ name: options.yLabel ?? "value", color: seriesColor(0), values: Object.values(values as Readonly<Record<string, number>>).map(compact) }];
  for (const s of series) {
    if (s.values.length !== categories.length) throw new ShapeError(`viz.bar: series ${s.name} needs one value per category; expected ${categories.length}, got ${s.values.length}`);
  }
  const yAxis = fitAxis(options.yLabel ?? "", series.flatMap((s) => s.values.map(decodeNumber)), "linear", { includeZero: true });
  const band = Math.max(18, Math.min(90, Math.floor(520 / Math.max(1, categories.length))));
  const ticks = categoryTicks(categories, band, "x");
  const xLabel = options.xLabel ?? "";
  const legend = series.map((s) => ({ name: s.name, color: s.color, symbol: "box" as const }));
  const layout = barLayout({ band, categories: categories.length, plotHeight: BAR_PLOT_HEIGHT, yAxis, categorySpace: categoryTickSpace(ticks), xLabel, legend });
  const payload: BarPlot = { kind: "plot", version: 1, type: "bar", ...common(options), categories, yAxis, series, band, categoryTicks: ticks, layout };
  return new Figure("plot", payload, renderPlot, `Bar chart: ${categories.length} categories, ${series.length} series`);
}

function common(options: PlotOptions): { title?: string; xLabel: string; yLabel: string } {
  return { ...(options.title === undefined ? {} : { title: options.title }), xLabel: options.xLabel ?? "", yLabel: options.yLabel ?? "" };
}

function isSeriesObject(v: unknown): v is { name?: string; x?: Tensor | ArrayLike<number>; y: Tensor | ArrayLike<number> } {
  return typeof v === "object" && v !== null && !(v instanceof Tensor) && "y" in v;
}

function toSeries(input: unknown, op: string): PlotSeries[] {
  let items: Array<{ name?: string; x?: Tensor | ArrayLike<number>; y: Tensor | ArrayLike<number> }>;
  if (input instanceof Tensor || ArrayBuffer.isView(input) || (Array.isArray(input) && (input.length === 0 || typeof input[0] === "number"))) items = [{ y: input as Tensor | ArrayLike<number> }];
  else if (Array.isArray(input)) items = input.map((s: unknown) => (isSeriesObject(s) ? s : { y: s as Tensor | ArrayLike<number> }));
  else if (isSeriesObject(input)) items = [input];
  else if (typeof input === "object" && input !== null) items = Object.entries(input).map(([name, y]) => ({ name, y: y as Tensor | ArrayLike<number> }));
  else throw new ValueError(`${op}: needs numbers, a tensor, {x, y} series or a record of series; expected one of those, got ${typeof input}`);
  return items.map((s, k) => {
    const y = vector(s.y, op);
    const x = s.x === undefined ? y.map((_, i) => i) : vector(s.x, op);
    if (x.length !== y.length) throw new ShapeError(`${op}: x and y must have the same length; expected ${y.length}, got ${x.length}`);
    const keep = seriesIndices(y.length, PLOT_MAX_POINTS);
    return { name: s.name ?? (items.length === 1 ? "series" : `series ${k}`), color: seriesColor(k), x: keep.map((i) => Number(compact(x[i] ?? NaN))), y: keep.map((i) => compact(y[i] ?? NaN)) };
  });
}
