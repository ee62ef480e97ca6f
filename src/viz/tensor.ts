/**
 * The tensor figure, and tensors' default display in notebooks: shape, dtype, requiresGrad,
 * grad_fn and name; min, max, mean, std with NaN and Inf counts; the values as a bar strip (1-D),
 * a heat map (2-D) or one heat map per slice (3-D and above), downsampled by block means; a small
 * matrix (up to 8 x 8) prints its values in the cells.
 */
import { checkKnownOptions } from "../known-options";
import { TENSOR_OPTIONS } from "./option-names";
import type { Tensor } from "../tensor/tensor";
import { setTensorDisplay } from "../tensor/display-hook";
import { computeStats } from "./data/stats";
import { compact, matrixOf } from "./data/downsample";
import { Figure } from "./figure";
import type { ColorScale, JsonNested, Matrix, Stats, TensorPayload, TensorView } from "./payloads";
import { HEAT_TITLES, tensorFrame } from "./payloads/heat-frame";
import { autoColorScale } from "./svg/colors";
import { fitAxis, linearAxis } from "./data/axis";
import { decodeNumber, formatShape, formatValue } from "./payloads";
import { truncateLabel } from "./svg/escape";
import { renderTensor } from "./tensor-svg";
import { cellGrid } from "./data/cell-grid";

/** Tensors with at most this many elements carry a table of every value. */
export const TABLE_MAX = 64;
/** Largest heat map carried (rows and columns). */
export const HEATMAP_MAX = 48;
/** Largest bar strip carried. */
export const BARS_MAX = 240;
/** The colour bar's title of a tensor's heat map. */
const VALUE_TITLE = HEAT_TITLES.tensor.colorBar;
/** Slices carried (and drawn) for 3-D and larger tensors, and their largest size. */
export const SLICES_MAX = 12;
export const SLICE_SIZE_MAX = 32;
/** Widest a heat map (or a slice's heat map) is drawn, in pixels. */
const HEATMAP_EXTENT = 380;
const SLICE_EXTENT = 220;

/** Options of `viz.tensor`. */
export interface TensorFigureOptions {
  title?: string;
}

/**
 * The figure of a tensor; tensors display it by default in notebooks.
 *
 * @example viz.tensor(randn([8, 16]), { title: "W_hh" })
 */
export function tensorFigure(t: Tensor, options: TensorFigureOptions = {}): Figure<"tensor"> {
  checkKnownOptions("viz.tensor", options, TENSOR_OPTIONS);
  const stats = computeStats(t.data);
  const scale = { ...autoColorScale(stats.min, stats.max), title: VALUE_TITLE };
  const view = viewOf(t, scale);
  const payload: TensorPayload = {
    kind: "tensor",
    version: 1,
    title: options.title ?? (t.name === undefined ? "Tensor" : `Tensor ${truncateLabel(t.name, 40)}`),
    subtitle: subtitleOf(t, stats, view),
    shape: [...t.shape],
    dtype: t.dtype,
    requiresGrad: t.requiresGrad,
    gradFn: t.gradFn?.name ?? null,
    name: t.name ?? null,
    stats,
    table: t.numel <= TABLE_MAX ? nestedValues(t.data, t.shape, 0, 0) : null,
    view,
  };
  return new Figure("tensor", payload, renderTensor, tensorSummary(payload));
}

/**
 * "[3, 5]  ·  float32  ·  requires_grad  ·  min -1  max 2  mean 0.1  std 0.9  ·  1 NaN": what the
 * figure's heading says under the title; then what of the values is drawn when not all of them
 * ("48 × 48 block means", "first 12 of 40 slices").
 */
function subtitleOf(t: Tensor, s: Stats, view: TensorView): string {
  const parts = [formatShape(t.shape), t.dtype];
  if (t.gradFn !== null) parts.push(`grad_fn=${t.gradFn.name}`);
  else if (t.requiresGrad) parts.push("requires_grad");
  if (t.numel > 1 && s.mean !== null) parts.push(`min ${formatValue(s.min)}  max ${formatValue(s.max)}  mean ${formatValue(s.mean)}  std ${formatValue(s.std)}`);
  if (s.nanCount > 0) parts.push(`${s.nanCount} NaN`);
  if (s.infCount > 0) parts.push(`${s.infCount} Inf`);
  const m = view.type === "heatmap" ? view.matrix : view.type === "slices" ? view.slices[0] : undefined;
  if (m !== undefined && (m.sourceRows > m.z.length || m.sourceCols > m.colIndex.length)) parts.push(`shown as ${m.z.length} \u00d7 ${m.colIndex.length} block means`);
  if (view.type === "slices" && view.sliceCount > view.slices.length) parts.push(`first ${view.slices.length} of ${view.sliceCount} slices`);
  return parts.join("  \u00b7  ");
}

function viewOf(t: Tensor, colorScale: ColorScale): TensorView {
  const shape = t.shape;
  if (shape.length === 0) return { type: "scalar", value: compact(t.data[0] ?? NaN) };
  if (shape.length === 1) {
    const m = matrixOf(t.data, 0, 1, shape[0] ?? 0, 1, BARS_MAX);
    const values = m.z[0] ?? [];
    const n = shape[0] ?? 0;
    const xLabel = n > values.length ? `index (block means of ${Math.ceil(n / Math.max(1, values.length))})` : "index";
    const xAxis = linearAxis(xLabel, [0, Math.max(1, n)], { nice: false, ticks: 8 });
    const yAxis = fitAxis("value", values.map(decodeNumber), "linear", { includeZero: true });
    return { type: "bars", values, index: m.colIndex, sourceLength: n, colorScale, xAxis, yAxis };
  }
  const rows = shape[shape.length - 2] ?? 0;
  const cols = shape[shape.length - 1] ?? 0;
  if (shape.length === 2) {
    const [r, c] = fitAspect(rows, cols, HEATMAP_MAX);
    const matrix = matrixOf(t.data, 0, rows, cols, r, c);
    const scale = r < rows || c < cols ? shownScale([matrix]) : colorScale;
    const grid = cellGrid(matrix, scale, HEATMAP_EXTENT);
    return { type: "heatmap", matrix, colorScale: scale, grid, frame: tensorFrame([{ matrix, grid }], false, scale) };
  }
  const lead = shape.slice(0, -2);
  const sliceCount = lead.reduce((a, b) => a * b, 1);
  const slices: Matrix[] = [];
  const labels: string[] = [];
  const [r, c] = fitAspect(rows, cols, SLICE_SIZE_MAX);
  for (let k = 0; k < Math.min(sliceCount, SLICES_MAX); k++) {
    slices.push(matrixOf(t.data, k * rows * cols, rows, cols, r, c));
    labels.push(`[${[...unravel(k, lead), ":", ":"].join(", ")}]`);
  }
  const scale = r < rows || c < cols ? shownScale(slices) : colorScale;
  const panels = slices.map((matrix) => ({ matrix, grid: cellGrid(matrix, scale, SLICE_EXTENT, shape.length - 2) }));
  const frame = tensorFrame(panels, true, scale);
  return { type: "slices", labels, slices, sliceCount, colorScale: scale, grids: panels.map((panel) => panel.grid), frame };
}

/** Shown rows and columns: at most `max` along the longer side, keeping the aspect ratio. */
function fitAspect(rows: number, cols: number, max: number): [number, number] {
  const f = Math.max(rows / max, cols / max, 1);
  return [Math.max(1, Math.min(rows, Math.round(rows / f))), Math.max(1, Math.min(cols, Math.round(cols / f)))];
}

/** Colour scale of block means: their own range, since averaging narrows it (stats keep the raw one). */
function shownScale(ms: readonly Matrix[]): ColorScale {
  const values: number[] = [];
  for (const m of ms) for (const row of m.z) for (const v of row) if (typeof v === "number") values.push(v);
  const s = computeStats(values);
  return { ...autoColorScale(s.min, s.max), title: VALUE_TITLE };
}

function unravel(k: number, dims: readonly number[]): number[] {
  const out: number[] = [];
  let rest = k;
  for (let d = dims.length - 1; d >= 0; d--) {
    const size = dims[d] ?? 1;
    out.unshift(rest % size);
    rest = Math.floor(rest / size);
  }
  return out;
}

function nestedValues(data: ArrayLike<number>, shape: readonly number[], dim: number, offset: number): JsonNested {
  if (dim === shape.length) return compactExact(data[offset] ?? NaN);
  let stride = 1;
  for (let d = dim + 1; d < shape.length; d++) stride *= shape[d] ?? 1;
  const out: JsonNested[] = [];
  for (let i = 0; i < (shape[dim] ?? 0); i++) out.push(nestedValues(data, shape, dim + 1, offset + i * stride));
  return out;
}

function compactExact(v: number): JsonNested {
  return Number.isFinite(v) ? Number(v.toPrecision(7)) : compact(v);
}

/** `Tensor [3, 4] float32, grad_fn=MulBackward, 2 NaN`. */
export function tensorSummary(p: TensorPayload): string {
  const parts = [`Tensor${p.name === null ? "" : ` ${p.name}`} [${p.shape.join(", ")}] ${p.dtype}`];
  if (p.gradFn !== null) parts.push(`grad_fn=${p.gradFn}`);
  else if (p.requiresGrad) parts.push("requires_grad");
  if (p.stats.nanCount > 0) parts.push(`${p.stats.nanCount} NaN`);
  if (p.stats.infCount > 0) parts.push(`${p.stats.infCount} Inf`);
  return parts.join(", ");
}

/** Makes tensors display as this figure in notebooks (called when `viz` loads). */
export function registerTensorDisplay(): void {
  // text/plain keeps the printed form (values, shape, dtype, grad_fn) for text-only frontends.
  setTensorDisplay((t) => ({ ...tensorFigure(t).bundle(), "text/plain": t.toString() }));
}
