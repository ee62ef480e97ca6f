/** The payloads of the lecture figures (tensor, curves, attention, gradient flow, gates, spectrum). */
import type { Axis, ColorScale, JsonNumber, Matrix, PayloadBase, Stats } from "./shared";

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
  | { type: "heatmap"; matrix: Matrix; colorScale: ColorScale; grid: CellGrid }
  | { type: "slices"; labels: string[]; slices: Matrix[]; sliceCount: number; colorScale: ColorScale; grids: CellGrid[] };

/**
 * How the cells of a tensor's heat map are drawn, the same in both drawings: their size in pixels
 * and, for a small matrix (up to 8 x 8 values, not downsampled), the text of each value printed in
 * its cell (`text[row][col]`) with its ink, black or white against the cell's colour. Large
 * matrices have `text` and `ink` null: colour only, values on hover.
 */
export interface CellGrid {
  width: number;
  height: number;
  text: string[][] | null;
  ink: string[][] | null;
  /** Font size of the printed values, in pixels. */
  fontSize: number;
}

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

export type * from "./graph-figures";

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
  /** The cell kind in lower case, as its gate tags name it ("lstm", "gru", "mgu", or a new cell's). */
  cell: string;
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
