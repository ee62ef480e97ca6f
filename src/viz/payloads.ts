/**
 * The JSON payloads of seqgrad figures: the contract between the library (which builds them in the
 * kernel) and the JupyterLab extension (which draws them). Each figure travels under one versioned
 * MIME type; its payload carries `kind` and `version` so a renderer can check what it got.
 *
 * This file is self-contained on purpose: no imports, no DOM, no Node APIs. The extension bundles it
 * as is and calls `validatePayload(mime, data)` before drawing.
 *
 * Conventions shared by every payload:
 * - Numbers that may be NaN or infinite are `JsonNumber`s: JSON has no NaN, so they travel as the
 *   strings "NaN", "Infinity", "-Infinity" (see `encodeNumber` / `decodeNumber`).
 * - Matrices are row-major nested arrays `z[row][col]` (plotly's orientation); row 0 is drawn at the
 *   top of a heat map.
 * - Layout coordinates (graph and unrolled figures) are pixels with the origin at the top left and y
 *   pointing down (SVG's convention), computed in the library so static and interactive drawings agree.
 * - Unknown extra fields are allowed (forward compatibility); missing or mistyped required fields are not.
 *
 * Changelog: v1 (initial).
 */

// ---- MIME types ------------------------------------------------------------------------------------

/** The MIME type of each figure kind. */
export const MIME_TYPES = {
  tensor: "application/vnd.seqgrad.tensor.v1+json",
  graph: "application/vnd.seqgrad.graph.v1+json",
  unrolled: "application/vnd.seqgrad.unrolled.v1+json",
  curves: "application/vnd.seqgrad.curves.v1+json",
  attention: "application/vnd.seqgrad.attention.v1+json",
  gradflow: "application/vnd.seqgrad.gradflow.v1+json",
  gates: "application/vnd.seqgrad.gates.v1+json",
  spectrum: "application/vnd.seqgrad.spectrum.v1+json",
  plot: "application/vnd.seqgrad.plot.v1+json",
} as const;

/** A figure kind: `tensor`, `graph`, ... */
export type PayloadKind = keyof typeof MIME_TYPES;

/** The payload version this file describes. */
export const PAYLOAD_VERSION = 1;

// ---- shared pieces ---------------------------------------------------------------------------------

/** A number as JSON can carry it: finite numbers as is, NaN and infinities as strings. */
export type JsonNumber = number | "NaN" | "Infinity" | "-Infinity";

/** A point in layout pixels (origin top left, y down). */
export interface Point {
  x: number;
  y: number;
}

/** An axis-aligned box in layout pixels: top-left corner and size. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * How values map to colours. `viridis` is sequential (min dark purple, max yellow); `rdbu` is
 * diverging, centred on 0 (negative blue, 0 white, positive red, with min = -max); `blues` is
 * sequential light to dark blue, used for probabilities in [0, 1] (attention, gates).
 */
export interface ColorScale {
  scheme: "viridis" | "rdbu" | "blues";
  min: number;
  max: number;
}

/**
 * A heat-map matrix, possibly downsampled from a larger one by block means.
 * `z` has `rowIndex.length` rows of `colIndex.length` values.
 */
export interface Matrix {
  z: JsonNumber[][];
  /** Source row of each shown row (the first row of its block when downsampled). */
  rowIndex: number[];
  /** Source column of each shown column. */
  colIndex: number[];
  /** Rows and columns of the source before downsampling. */
  sourceRows: number;
  sourceCols: number;
}

/** Summary statistics of a set of values; null when there is no finite value. */
export interface Stats {
  numel: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  std: number | null;
  /** Euclidean norm of the finite values. */
  norm: number | null;
  nanCount: number;
  infCount: number;
}

interface PayloadBase<K extends PayloadKind> {
  kind: K;
  version: 1;
  /** Optional figure title. */
  title?: string;
}

// ---- 1. tensor -------------------------------------------------------------------------------------

/**
 * The view of a tensor's values:
 * - `scalar`: a 0-D tensor;
 * - `bars`: a 1-D tensor as a bar strip (downsampled by block means beyond a few hundred values);
 * - `heatmap`: a 2-D tensor;
 * - `slices`: a heat map per slice of the leading dimensions (3-D and above); `labels[k]` names
 *   slice k (e.g. "[2, :, :]"); only the first slices are carried when there are many.
 */
export type TensorView =
  | { type: "scalar"; value: JsonNumber }
  | { type: "bars"; values: JsonNumber[]; index: number[]; sourceLength: number; colorScale: ColorScale }
  | { type: "heatmap"; matrix: Matrix; colorScale: ColorScale }
  | { type: "slices"; labels: string[]; slices: Matrix[]; sliceCount: number; colorScale: ColorScale };

/** A nested array of values (the table of a small tensor), as `toArray()` gives. */
export type JsonNested = JsonNumber | JsonNested[];

/** `application/vnd.seqgrad.tensor.v1+json` */
export interface TensorPayload extends PayloadBase<"tensor"> {
  shape: number[];
  dtype: string;
  requiresGrad: boolean;
  /** PyTorch-style name of the op that made it (`MulBackward`), null for leaves. */
  gradFn: string | null;
  /** The tensor's name (parameters), null when unnamed. */
  name: string | null;
  stats: Stats;
  /** Every value as a nested array when the tensor is small (at most 64 elements), else null. */
  table: JsonNested | null;
  view: TensorView;
}

// ---- 2. computation graph --------------------------------------------------------------------------

/** Kind of a graph node: coloured differently. */
export type GraphNodeKind = "parameter" | "input" | "constant" | "op" | "output";

/** Value or gradient summary of a node (micrograd's `data` and `grad`). */
export interface ValueSummary {
  /** The values themselves when there are at most 4, else null. */
  values: JsonNumber[] | null;
  stats: Stats;
}

/** One node of the autograd graph with its layout box. */
export interface GraphNode extends Box {
  id: string;
  kind: GraphNodeKind;
  /** Main line: op name (`matmul`), parameter name (`rnn.weight_hh_l0`), `input`, `output`. */
  label: string;
  shape: number[];
  dtype: string;
  /** Module scope, time step and role tags of op nodes. */
  scope: { module?: string; step?: number; role?: string } | null;
  value: ValueSummary | null;
  grad: ValueSummary | null;
  /** Inputs not drawn because the graph was truncated. */
  hiddenInputs: number;
}

/** An edge from an input tensor to the op (or output) that read it. */
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** Position of the source among the target op's inputs. */
  inputIndex: number;
  /** Polyline from source to target, in layout pixels. */
  points: Point[];
}

/** `application/vnd.seqgrad.graph.v1+json`: the autograd graph, inputs on the left, output on the right. */
export interface GraphPayload extends PayloadBase<"graph"> {
  width: number;
  height: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Node count of the whole graph; more than `nodes.length` when truncated near the output. */
  totalNodes: number;
}

// ---- 3. unrolled graph -----------------------------------------------------------------------------

/** A row of the unrolled figure: x_t, the hidden state of a layer and direction, y_t, or L_t. */
export interface UnrolledRow {
  id: string;
  role: "x" | "h" | "y" | "loss";
  /** Row label, e.g. "x_t", "h_t (rnn.l0)", "h_t (rnn.l0_reverse)", "y_t", "L_t". */
  label: string;
  /** Module path of hidden rows, else null. */
  module: string | null;
  /** Vertical position of the row's centre line. */
  y: number;
}

/** A gate (or other role) inside a cell, shown when the cell is expanded (composed path). */
export interface UnrolledGate extends Box {
  /** Role tag, e.g. "gate_i", "gate_f", "c". */
  role: string;
  /** Label, e.g. "i", "f", "c". */
  label: string;
  /** Number of recorded ops with this role in this cell. */
  ops: number;
}

/** One box of the figure: a row at a time step. */
export interface UnrolledCell extends Box {
  id: string;
  row: string;
  step: number;
  /** Label, e.g. "h_3". */
  label: string;
  shape: number[];
  /** Number of recorded ops folded into this box. */
  ops: number;
  /** Gate boxes inside the cell (empty for the fused path, inputs, outputs, losses). */
  gates: UnrolledGate[];
  /** ||dL/dh_t|| after a backward pass, null when not measured. */
  gradNorm: JsonNumber | null;
}

/** A dependency between cells: recurrent (h_{t-1} -> h_t), input, output, loss or between layers. */
export interface UnrolledEdge {
  id: string;
  source: string;
  target: string;
  kind: "recurrent" | "input" | "output" | "loss" | "layer";
  /** Names of the parameters used along this edge (the same name at every step: shared weights). */
  parameters: string[];
  points: Point[];
}

/** A parameter shared across time steps. */
export interface UnrolledParameter {
  name: string;
  shape: number[];
  /** Colour index (0-based) used to mark every use of this parameter. */
  color: number;
}

/** `application/vnd.seqgrad.unrolled.v1+json`: a column per time step, a row per role. */
export interface UnrolledPayload extends PayloadBase<"unrolled"> {
  width: number;
  height: number;
  /** Time steps drawn, as column headers (0-based step tags). */
  steps: number[];
  /** x of each step column's centre, aligned with `steps`. */
  columns: number[];
  rows: UnrolledRow[];
  cells: UnrolledCell[];
  edges: UnrolledEdge[];
  parameters: UnrolledParameter[];
  /** Whether the static drawing shows gates inside cells; the extension lets the user toggle. */
  expanded: boolean;
  /** Whether cells carry gradient norms (then coloured on a log scale). */
  hasGradNorms: boolean;
}

// ---- 4. training curves ----------------------------------------------------------------------------

/** A panel of the training-curves figure, with its own y axis. */
export interface CurvesPanel {
  id: string;
  title: string;
  yLabel: string;
  yScale: "linear" | "log";
}

/** One series (train loss, validation loss, gradient norm, learning rate, ...). */
export interface CurvesSeries {
  name: string;
  /** Panel id this series is drawn in. */
  panel: string;
  x: number[];
  y: JsonNumber[];
}

/** Progress of a run: drawn as a progress bar with rate, ETA and current metrics. */
export interface Progress {
  step: number;
  /** Planned number of steps, null when unknown. */
  total: number | null;
  epoch: number | null;
  elapsedSeconds: number;
  stepsPerSecond: number | null;
  etaSeconds: number | null;
  metrics: Record<string, JsonNumber>;
  /** finished, running, or stopped (interrupted or failed). */
  state: "running" | "finished" | "stopped";
}

/**
 * `application/vnd.seqgrad.curves.v1+json`. `smoothing` s in [0, 1) asks for an exponential moving
 * average drawn over the raw series: m_k = s m_{k-1} + (1 - s) y_k, debiased m_k / (1 - s^k).
 */
export interface CurvesPayload extends PayloadBase<"curves"> {
  xLabel: string;
  smoothing: number;
  panels: CurvesPanel[];
  series: CurvesSeries[];
  progress: Progress | null;
}

// ---- 5. attention ----------------------------------------------------------------------------------

/** One heat map of the attention grid (a head or an example): `matrix.z[target][source]`. */
export interface AttentionPanel {
  title: string;
  matrix: Matrix;
}

/** `application/vnd.seqgrad.attention.v1+json`: source tokens on x, target tokens on y. */
export interface AttentionPayload extends PayloadBase<"attention"> {
  source: string[];
  target: string[];
  panels: AttentionPanel[];
  /** Panels per row of the grid. */
  columns: number;
  /** Shared by every panel. */
  colorScale: ColorScale;
}

// ---- 6. gradient flow ------------------------------------------------------------------------------

/** A norm per time step: `measure` "loss" is ||dL/dh_t||, "jacobian" is ||dh_T/dh_t||. */
export interface GradflowSeries {
  model: string;
  measure: "loss" | "jacobian";
  /** Time steps t (1-based, as in the lecture). */
  steps: number[];
  norms: JsonNumber[];
}

/** Gradient norm of one parameter after backward. */
export interface ParameterNorm {
  model: string;
  name: string;
  shape: number[];
  norm: JsonNumber;
}

/** `application/vnd.seqgrad.gradflow.v1+json`: norms on a log y axis against t. */
export interface GradflowPayload extends PayloadBase<"gradflow"> {
  models: string[];
  series: GradflowSeries[];
  parameters: ParameterNorm[];
}

// ---- 7. gate activations ---------------------------------------------------------------------------

/** One gate over time: `matrix.z[unit][t]`, values in [0, 1] for sigmoid gates. */
export interface GatePanel {
  /** Role tag: gate_i, gate_f, gate_o, gate_g (LSTM) or gate_r, gate_z, gate_n (GRU). */
  role: string;
  /** Readable name, e.g. "input gate i_t". */
  label: string;
  matrix: Matrix;
  colorScale: ColorScale;
}

/** `application/vnd.seqgrad.gates.v1+json`: heat maps of gates, time on x (tokens), units on y. */
export interface GatesPayload extends PayloadBase<"gates"> {
  cell: "lstm" | "gru";
  /** One label per time step (the input tokens, or "t=0", ...). */
  tokens: string[];
  gates: GatePanel[];
}

// ---- 8. spectrum -----------------------------------------------------------------------------------

/** `application/vnd.seqgrad.spectrum.v1+json`: eigenvalues in the complex plane with the unit circle. */
export interface SpectrumPayload extends PayloadBase<"spectrum"> {
  /** Name of the matrix, e.g. "rnn.weight_hh_l0". */
  name: string | null;
  size: number;
  eigenvalues: Array<{ re: number; im: number }>;
  /** max |lambda|. */
  spectralRadius: number;
}

// ---- 9. generic plots ------------------------------------------------------------------------------

/** A line or scatter series. */
export interface PlotSeries {
  name: string;
  x: number[];
  y: JsonNumber[];
}

/** Shared fields of generic plots. */
interface PlotBase<T extends string> extends PayloadBase<"plot"> {
  type: T;
  xLabel: string;
  yLabel: string;
}

/** `viz.line` */
export interface LinePlot extends PlotBase<"line"> {
  xScale: "linear" | "log";
  yScale: "linear" | "log";
  series: PlotSeries[];
}

/** `viz.scatter` */
export interface ScatterPlot extends PlotBase<"scatter"> {
  xScale: "linear" | "log";
  yScale: "linear" | "log";
  series: PlotSeries[];
}

/** `viz.heatmap`: optional tick labels for rows (y) and columns (x). */
export interface HeatmapPlot extends PlotBase<"heatmap"> {
  matrix: Matrix;
  colorScale: ColorScale;
  xTicks: string[] | null;
  yTicks: string[] | null;
}

/** `viz.bar`: one value per category and series (grouped bars). */
export interface BarPlot extends PlotBase<"bar"> {
  categories: string[];
  series: Array<{ name: string; values: JsonNumber[] }>;
}

/** `application/vnd.seqgrad.plot.v1+json` */
export type PlotPayload = LinePlot | ScatterPlot | HeatmapPlot | BarPlot;

/** Every payload, keyed by kind. */
export interface PayloadByKind {
  tensor: TensorPayload;
  graph: GraphPayload;
  unrolled: UnrolledPayload;
  curves: CurvesPayload;
  attention: AttentionPayload;
  gradflow: GradflowPayload;
  gates: GatesPayload;
  spectrum: SpectrumPayload;
  plot: PlotPayload;
}

/** Any payload. */
export type Payload = PayloadByKind[PayloadKind];

// ---- numbers ---------------------------------------------------------------------------------------

/** A number as JSON can carry it (NaN and infinities as strings). */
export function encodeNumber(v: number): JsonNumber {
  if (Number.isFinite(v)) return v;
  if (Number.isNaN(v)) return "NaN";
  return v > 0 ? "Infinity" : "-Infinity";
}

/** The number a `JsonNumber` stands for. */
export function decodeNumber(v: JsonNumber): number {
  if (typeof v === "number") return v;
  if (v === "NaN") return NaN;
  return v === "Infinity" ? Infinity : -Infinity;
}

// ---- validation ------------------------------------------------------------------------------------

/** Result of `validatePayload`. */
export type ValidationResult<P = Payload> = { ok: true; payload: P } | { ok: false; error: string };

/** The figure kind a MIME type stands for, or null for an unknown type. */
export function kindOfMime(mime: string): PayloadKind | null {
  for (const kind of Object.keys(MIME_TYPES) as PayloadKind[]) {
    if (MIME_TYPES[kind] === mime) return kind;
  }
  return null;
}

/**
 * Checks that `data` is a well-formed payload for `mime`: right kind and version, every required
 * field of the right type, and consistent sizes (matrix rows, series lengths, edge endpoints).
 * Errors name the path of the first bad field: `curves.series[1].y: expected 40 values, got 39`.
 *
 * @example const r = validatePayload(MIME_TYPES.tensor, data); if (!r.ok) showError(r.error);
 */
export function validatePayload(mime: string, data: unknown): ValidationResult {
  const kind = kindOfMime(mime);
  if (kind === null) return { ok: false, error: `validatePayload: unknown MIME type; expected one of ${Object.values(MIME_TYPES).join(", ")}, got ${String(mime)}` };
  try {
    const o = obj(data, kind);
    if (o.kind !== kind) fail(`${kind}.kind`, `"${kind}"`, o.kind);
    if (o.version !== PAYLOAD_VERSION) fail(`${kind}.version`, String(PAYLOAD_VERSION), o.version);
    optStr(o.title, `${kind}.title`);
    VALIDATORS[kind](o, kind);
    return { ok: true, payload: data as Payload };
  } catch (e) {
    if (e instanceof PayloadError) return { ok: false, error: e.message };
    throw e;
  }
}

class PayloadError extends Error {}

type Obj = Record<string, unknown>;

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (typeof v === "number") return String(v);
  return typeof v;
}

function fail(path: string, expected: string, got: unknown): never {
  throw new PayloadError(`${path}: expected ${expected}, got ${describe(got)}`);
}

function obj(v: unknown, path: string): Obj {
  if (typeof v !== "object" || v === null || Array.isArray(v)) fail(path, "an object", v);
  return v as Obj;
}

function num(v: unknown, path: string): number {
  if (typeof v !== "number" || !Number.isFinite(v)) fail(path, "a finite number", v);
  return v;
}

function int(v: unknown, path: string, min = 0): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min) fail(path, `an integer >= ${min}`, v);
  return v;
}

function nullableNum(v: unknown, path: string): void {
  if (v !== null) num(v, path);
}

function jsonNum(v: unknown, path: string): void {
  if (typeof v === "number" && Number.isFinite(v)) return;
  if (v === "NaN" || v === "Infinity" || v === "-Infinity") return;
  fail(path, 'a finite number, "NaN", "Infinity" or "-Infinity"', v);
}

function str(v: unknown, path: string): string {
  if (typeof v !== "string") fail(path, "a string", v);
  return v;
}

function optStr(v: unknown, path: string): void {
  if (v !== undefined) str(v, path);
}

function nullableStr(v: unknown, path: string): void {
  if (v !== null) str(v, path);
}

function bool(v: unknown, path: string): void {
  if (typeof v !== "boolean") fail(path, "a boolean", v);
}

function oneOf(v: unknown, options: readonly string[], path: string): string {
  if (typeof v !== "string" || !options.includes(v)) fail(path, `one of ${options.join(", ")}`, v);
  return v;
}

function arr(v: unknown, path: string, length?: number): unknown[] {
  if (!Array.isArray(v)) fail(path, "an array", v);
  if (length !== undefined && v.length !== length) fail(path, `${length} values`, v);
  return v;
}

function each(v: unknown, path: string, check: (item: unknown, path: string) => void, length?: number): unknown[] {
  const a = arr(v, path, length);
  a.forEach((item, i) => check(item, `${path}[${i}]`));
  return a;
}

function shape(v: unknown, path: string): void {
  each(v, path, (d, p) => int(d, p));
}

function point(v: unknown, path: string): void {
  const o = obj(v, path);
  num(o.x, `${path}.x`);
  num(o.y, `${path}.y`);
}

function box(o: Obj, path: string): void {
  num(o.x, `${path}.x`);
  num(o.y, `${path}.y`);
  num(o.width, `${path}.width`);
  num(o.height, `${path}.height`);
}

function colorScale(v: unknown, path: string): void {
  const o = obj(v, path);
  oneOf(o.scheme, ["viridis", "rdbu", "blues"], `${path}.scheme`);
  num(o.min, `${path}.min`);
  num(o.max, `${path}.max`);
}

function matrix(v: unknown, path: string): void {
  const o = obj(v, path);
  const rows = each(o.rowIndex, `${path}.rowIndex`, (x, p) => int(x, p)).length;
  const cols = each(o.colIndex, `${path}.colIndex`, (x, p) => int(x, p)).length;
  int(o.sourceRows, `${path}.sourceRows`);
  int(o.sourceCols, `${path}.sourceCols`);
  each(o.z, `${path}.z`, (row, p) => each(row, p, jsonNum, cols), rows);
}

function stats(v: unknown, path: string): void {
  const o = obj(v, path);
  int(o.numel, `${path}.numel`);
  for (const key of ["min", "max", "mean", "std", "norm"]) nullableNum(o[key], `${path}.${key}`);
  int(o.nanCount, `${path}.nanCount`);
  int(o.infCount, `${path}.infCount`);
}

function nested(v: unknown, path: string): void {
  if (Array.isArray(v)) v.forEach((x, i) => nested(x, `${path}[${i}]`));
  else jsonNum(v, path);
}

function valueSummary(v: unknown, path: string): void {
  if (v === null) return;
  const o = obj(v, path);
  if (o.values !== null) each(o.values, `${path}.values`, jsonNum);
  stats(o.stats, `${path}.stats`);
}

function idSet(items: unknown[], path: string): Set<string> {
  const ids = new Set<string>();
  items.forEach((item, i) => {
    const id = str(obj(item, `${path}[${i}]`).id, `${path}[${i}].id`);
    if (ids.has(id)) fail(`${path}[${i}].id`, "a unique id", id);
    ids.add(id);
  });
  return ids;
}

function ref(v: unknown, ids: Set<string>, path: string): void {
  if (typeof v !== "string" || !ids.has(v)) fail(path, "the id of an existing item", v);
}

// ---- validators per kind ---------------------------------------------------------------------------

function validateTensor(o: Obj, path: string): void {
  shape(o.shape, `${path}.shape`);
  str(o.dtype, `${path}.dtype`);
  bool(o.requiresGrad, `${path}.requiresGrad`);
  nullableStr(o.gradFn, `${path}.gradFn`);
  nullableStr(o.name, `${path}.name`);
  stats(o.stats, `${path}.stats`);
  if (o.table !== null) nested(o.table, `${path}.table`);
  const v = obj(o.view, `${path}.view`);
  const p = `${path}.view`;
  const type = oneOf(v.type, ["scalar", "bars", "heatmap", "slices"], `${p}.type`);
  if (type === "scalar") jsonNum(v.value, `${p}.value`);
  if (type !== "scalar") colorScale(v.colorScale, `${p}.colorScale`);
  if (type === "bars") {
    const n = each(v.values, `${p}.values`, jsonNum).length;
    each(v.index, `${p}.index`, (x, q) => int(x, q), n);
    int(v.sourceLength, `${p}.sourceLength`);
  }
  if (type === "heatmap") matrix(v.matrix, `${p}.matrix`);
  if (type === "slices") {
    const n = each(v.slices, `${p}.slices`, matrix).length;
    each(v.labels, `${p}.labels`, str, n);
    int(v.sliceCount, `${p}.sliceCount`);
  }
}

function validateGraph(o: Obj, path: string): void {
  num(o.width, `${path}.width`);
  num(o.height, `${path}.height`);
  int(o.totalNodes, `${path}.totalNodes`);
  const nodes = arr(o.nodes, `${path}.nodes`);
  const ids = idSet(nodes, `${path}.nodes`);
  nodes.forEach((item, i) => {
    const p = `${path}.nodes[${i}]`;
    const n = obj(item, p);
    box(n, p);
    oneOf(n.kind, ["parameter", "input", "constant", "op", "output"], `${p}.kind`);
    str(n.label, `${p}.label`);
    shape(n.shape, `${p}.shape`);
    str(n.dtype, `${p}.dtype`);
    if (n.scope !== null) obj(n.scope, `${p}.scope`);
    valueSummary(n.value, `${p}.value`);
    valueSummary(n.grad, `${p}.grad`);
    int(n.hiddenInputs, `${p}.hiddenInputs`);
  });
  each(o.edges, `${path}.edges`, (item, p) => {
    const e = obj(item, p);
    str(e.id, `${p}.id`);
    ref(e.source, ids, `${p}.source`);
    ref(e.target, ids, `${p}.target`);
    int(e.inputIndex, `${p}.inputIndex`);
    each(e.points, `${p}.points`, point);
  });
}

function validateUnrolled(o: Obj, path: string): void {
  num(o.width, `${path}.width`);
  num(o.height, `${path}.height`);
  const steps = each(o.steps, `${path}.steps`, (x, p) => int(x, p)).length;
  each(o.columns, `${path}.columns`, num, steps);
  const rows = arr(o.rows, `${path}.rows`);
  const rowIds = idSet(rows, `${path}.rows`);
  rows.forEach((item, i) => {
    const p = `${path}.rows[${i}]`;
    const r = obj(item, p);
    oneOf(r.role, ["x", "h", "y", "loss"], `${p}.role`);
    str(r.label, `${p}.label`);
    nullableStr(r.module, `${p}.module`);
    num(r.y, `${p}.y`);
  });
  const cells = arr(o.cells, `${path}.cells`);
  const cellIds = idSet(cells, `${path}.cells`);
  cells.forEach((item, i) => {
    const p = `${path}.cells[${i}]`;
    const c = obj(item, p);
    box(c, p);
    ref(c.row, rowIds, `${p}.row`);
    int(c.step, `${p}.step`);
    str(c.label, `${p}.label`);
    shape(c.shape, `${p}.shape`);
    int(c.ops, `${p}.ops`);
    each(c.gates, `${p}.gates`, (g, q) => {
      const gate = obj(g, q);
      box(gate, q);
      str(gate.role, `${q}.role`);
      str(gate.label, `${q}.label`);
      int(gate.ops, `${q}.ops`);
    });
    if (c.gradNorm !== null) jsonNum(c.gradNorm, `${p}.gradNorm`);
  });
  each(o.edges, `${path}.edges`, (item, p) => {
    const e = obj(item, p);
    str(e.id, `${p}.id`);
    ref(e.source, cellIds, `${p}.source`);
    ref(e.target, cellIds, `${p}.target`);
    oneOf(e.kind, ["recurrent", "input", "output", "loss", "layer"], `${p}.kind`);
    each(e.parameters, `${p}.parameters`, str);
    each(e.points, `${p}.points`, point);
  });
  each(o.parameters, `${path}.parameters`, (item, p) => {
    const q = obj(item, p);
    str(q.name, `${p}.name`);
    shape(q.shape, `${p}.shape`);
    int(q.color, `${p}.color`);
  });
  bool(o.expanded, `${path}.expanded`);
  bool(o.hasGradNorms, `${path}.hasGradNorms`);
}

function validateCurves(o: Obj, path: string): void {
  str(o.xLabel, `${path}.xLabel`);
  const s = num(o.smoothing, `${path}.smoothing`);
  if (s < 0 || s >= 1) fail(`${path}.smoothing`, "a number in [0, 1)", s);
  const panels = arr(o.panels, `${path}.panels`);
  const ids = idSet(panels, `${path}.panels`);
  panels.forEach((item, i) => {
    const p = `${path}.panels[${i}]`;
    const q = obj(item, p);
    str(q.title, `${p}.title`);
    str(q.yLabel, `${p}.yLabel`);
    oneOf(q.yScale, ["linear", "log"], `${p}.yScale`);
  });
  each(o.series, `${path}.series`, (item, p) => {
    const q = obj(item, p);
    str(q.name, `${p}.name`);
    ref(q.panel, ids, `${p}.panel`);
    const n = each(q.x, `${p}.x`, num).length;
    each(q.y, `${p}.y`, jsonNum, n);
  });
  if (o.progress === null) return;
  const p = `${path}.progress`;
  const g = obj(o.progress, p);
  int(g.step, `${p}.step`);
  if (g.total !== null) int(g.total, `${p}.total`);
  if (g.epoch !== null) int(g.epoch, `${p}.epoch`);
  num(g.elapsedSeconds, `${p}.elapsedSeconds`);
  nullableNum(g.stepsPerSecond, `${p}.stepsPerSecond`);
  nullableNum(g.etaSeconds, `${p}.etaSeconds`);
  const metrics = obj(g.metrics, `${p}.metrics`);
  for (const key of Object.keys(metrics)) jsonNum(metrics[key], `${p}.metrics.${key}`);
  oneOf(g.state, ["running", "finished", "stopped"], `${p}.state`);
}

function validateAttention(o: Obj, path: string): void {
  const s = each(o.source, `${path}.source`, str).length;
  const t = each(o.target, `${path}.target`, str).length;
  each(o.panels, `${path}.panels`, (item, p) => {
    const q = obj(item, p);
    str(q.title, `${p}.title`);
    matrix(q.matrix, `${p}.matrix`);
    const m = obj(q.matrix, `${p}.matrix`);
    if (arr(m.rowIndex, p).length !== t) fail(`${p}.matrix.z`, `${t} rows (one per target token)`, m.z);
    if (arr(m.colIndex, p).length !== s) fail(`${p}.matrix.z[0]`, `${s} columns (one per source token)`, arr(m.z, p)[0]);
  });
  int(o.columns, `${path}.columns`, 1);
  colorScale(o.colorScale, `${path}.colorScale`);
}

function validateGradflow(o: Obj, path: string): void {
  each(o.models, `${path}.models`, str);
  each(o.series, `${path}.series`, (item, p) => {
    const q = obj(item, p);
    str(q.model, `${p}.model`);
    oneOf(q.measure, ["loss", "jacobian"], `${p}.measure`);
    const n = each(q.steps, `${p}.steps`, (x, r) => int(x, r)).length;
    each(q.norms, `${p}.norms`, jsonNum, n);
  });
  each(o.parameters, `${path}.parameters`, (item, p) => {
    const q = obj(item, p);
    str(q.model, `${p}.model`);
    str(q.name, `${p}.name`);
    shape(q.shape, `${p}.shape`);
    jsonNum(q.norm, `${p}.norm`);
  });
}

function validateGates(o: Obj, path: string): void {
  oneOf(o.cell, ["lstm", "gru"], `${path}.cell`);
  const t = each(o.tokens, `${path}.tokens`, str).length;
  each(o.gates, `${path}.gates`, (item, p) => {
    const q = obj(item, p);
    str(q.role, `${p}.role`);
    str(q.label, `${p}.label`);
    matrix(q.matrix, `${p}.matrix`);
    colorScale(q.colorScale, `${p}.colorScale`);
    const m = obj(q.matrix, `${p}.matrix`);
    if (arr(m.colIndex, p).length !== t) fail(`${p}.matrix.colIndex`, `${t} columns (one per token)`, m.colIndex);
  });
}

function validateSpectrum(o: Obj, path: string): void {
  nullableStr(o.name, `${path}.name`);
  const n = int(o.size, `${path}.size`);
  each(o.eigenvalues, `${path}.eigenvalues`, (item, p) => {
    const q = obj(item, p);
    num(q.re, `${p}.re`);
    num(q.im, `${p}.im`);
  }, n);
  num(o.spectralRadius, `${path}.spectralRadius`);
}

function validatePlot(o: Obj, path: string): void {
  const type = oneOf(o.type, ["line", "scatter", "heatmap", "bar"], `${path}.type`);
  str(o.xLabel, `${path}.xLabel`);
  str(o.yLabel, `${path}.yLabel`);
  if (type === "line" || type === "scatter") {
    oneOf(o.xScale, ["linear", "log"], `${path}.xScale`);
    oneOf(o.yScale, ["linear", "log"], `${path}.yScale`);
    each(o.series, `${path}.series`, (item, p) => {
      const q = obj(item, p);
      str(q.name, `${p}.name`);
      const n = each(q.x, `${p}.x`, num).length;
      each(q.y, `${p}.y`, jsonNum, n);
    });
  }
  if (type === "heatmap") {
    matrix(o.matrix, `${path}.matrix`);
    colorScale(o.colorScale, `${path}.colorScale`);
    const m = obj(o.matrix, `${path}.matrix`);
    if (o.xTicks !== null) each(o.xTicks, `${path}.xTicks`, str, arr(m.colIndex, path).length);
    if (o.yTicks !== null) each(o.yTicks, `${path}.yTicks`, str, arr(m.rowIndex, path).length);
  }
  if (type === "bar") {
    const n = each(o.categories, `${path}.categories`, str).length;
    each(o.series, `${path}.series`, (item, p) => {
      const q = obj(item, p);
      str(q.name, `${p}.name`);
      each(q.values, `${p}.values`, jsonNum, n);
    });
  }
}

const VALIDATORS: Record<PayloadKind, (o: Obj, path: string) => void> = {
  tensor: validateTensor,
  graph: validateGraph,
  unrolled: validateUnrolled,
  curves: validateCurves,
  attention: validateAttention,
  gradflow: validateGradflow,
  gates: validateGates,
  spectrum: validateSpectrum,
  plot: validatePlot,
};
