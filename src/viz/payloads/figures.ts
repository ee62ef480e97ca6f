/** The payloads of the lecture figures (tensor, graphs, curves, attention, gradient flow, gates, spectrum). */
import type { Axis, Box, ColorScale, JsonNumber, Matrix, PayloadBase, Point, Stats } from "./shared";

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
  | { type: "bars"; values: JsonNumber[]; index: number[]; sourceLength: number; colorScale: ColorScale; xAxis: Axis; yAxis: Axis }
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

/** A panel of the training-curves figure, with its own axes (x shared in range by every panel). */
export interface CurvesPanel {
  id: string;
  title: string;
  xAxis: Axis;
  yAxis: Axis;
}

/** One series (train loss, validation loss, gradient norm, learning rate, ...). */
export interface CurvesSeries {
  name: string;
  /** Panel id this series is drawn in. */
  panel: string;
  /** Line colour (#rrggbb). */
  color: string;
  x: number[];
  y: JsonNumber[];
  /** The smoothed series drawn bold over the faint raw one, or null when not smoothed. */
  smoothed: JsonNumber[] | null;
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
 * `application/vnd.seqgrad.curves.v1+json`. `smoothing` s in [0, 1) is the exponential moving
 * average of the `smoothed` series: m_k = s m_{k-1} + (1 - s) y_k, debiased m_k / (1 - s^k).
 * Panels fill a grid of `columns` columns, row by row; the legend sits above each panel.
 * `progress` is drawn only while the run is `running` (a live element of the lab).
 */
export interface CurvesPayload extends PayloadBase<"curves"> {
  xLabel: string;
  smoothing: number;
  columns: number;
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
  /** Tokens as printed (whitespace made visible); cells are keyed by position, never by token. */
  source: string[];
  target: string[];
  /** Side of a (square) cell in pixels, the same in both drawings. */
  cell: number;
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

/**
 * `application/vnd.seqgrad.gradflow.v1+json`: norms on a log y axis against t, and beside them a
 * panel of per-parameter norms on `parameterAxis` (a row per parameter name).
 */
export interface GradflowPayload extends PayloadBase<"gradflow"> {
  models: string[];
  /** Colour of each model, aligned with `models`. */
  colors: string[];
  xAxis: Axis;
  yAxis: Axis;
  parameterAxis: Axis;
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
  cell: "lstm" | "gru" | "mgu";
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
  /** Equal axes of the complex plane (Re on x, Im on y). */
  xAxis: Axis;
  yAxis: Axis;
}
