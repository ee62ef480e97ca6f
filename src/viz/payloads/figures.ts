/**
 * The payloads of the lecture figures (tensor, curves, attention, gradient flow, gates, spectrum):
 * valibot schemas, with their TypeScript types inferred from them.
 */
import * as v from "valibot";
import { count, dictionary, finite, flag, integer, jsonNumber, list, oneOf, struct, shape, text } from "./fields";
import { AxisSchema, BoxSchema, CategoryTicksSchema, ColorScaleSchema, MatrixSchema, PointSchema, StatsSchema, payloadFields } from "./shared";
import { ChartLayoutSchema, ChartNoteSchema, LegendBoxSchema } from "./chart-layout";

export * from "./graph-figures";
export * from "./unrolled-figure";
export * from "./image-figure";
export * from "./spectrum-figure";

// ---- 1. tensor -------------------------------------------------------------------------------------

/**
 * Where the heat maps of a grid (attention panels, gates, a tensor's heat map or slices) sit, decided
 * in the library so both drawings place them alike: the drawing's `width` and `height` under its heading, the box of each
 * panel's cells (`panels`, in order) and the colour bar's box, in pixels from the top left of the
 * area under the heading. The room between the boxes holds the labels the payload's ticks measure.
 */
export const HeatFrameSchema = struct({ width: finite, height: finite, panels: list(BoxSchema), colorBar: BoxSchema });
export type HeatFrame = v.InferOutput<typeof HeatFrameSchema>;

/**
 * How the cells of a tensor's heat map are drawn, the same in both drawings: their size in pixels
 * and, for a small matrix (up to 8 x 8 values, not downsampled), the text of each value printed in
 * its cell (`text[row][col]`) with its ink, black or white against the cell's colour, at
 * `fontSize` pixels. Large matrices have `text` and `ink` null: colour only, values on hover.
 * `rowTicks` and `colTicks` are the index labels both drawings print beside and under the cells;
 * `rowTitle` and `colTitle` the axis titles both print (the dimensions, e.g. "dim 0" and "dim 1").
 */
export const CellGridSchema = struct({
  width: finite,
  height: finite,
  text: v.nullable(list(list(text))),
  ink: v.nullable(list(list(text))),
  fontSize: finite,
  rowTicks: CategoryTicksSchema,
  colTicks: CategoryTicksSchema,
  rowTitle: v.optional(text, ""),
  colTitle: v.optional(text, ""),
});
export type CellGrid = v.InferOutput<typeof CellGridSchema>;

/**
 * The view of a tensor's values:
 * - `scalar`: a 0-D tensor;
 * - `bars`: a 1-D tensor as a bar strip (downsampled by block means beyond a few hundred values);
 * - `heatmap`: a 2-D tensor;
 * - `slices`: a heat map per slice of the leading dimensions (3-D and above); `labels[k]` names
 *   slice k (e.g. "[2, :, :]") and titles its panel; only the first slices are carried when there
 *   are many, and every one carried is drawn.
 * A heat map's or the slices' `frame` places the panels and the colour bar (`tensorFrame`).
 */
export const TensorViewSchema = v.variant("type", [
  struct({ type: v.literal("scalar"), value: jsonNumber }),
  struct({ type: v.literal("bars"), values: list(jsonNumber), index: list(count), sourceLength: count, colorScale: ColorScaleSchema, xAxis: AxisSchema, yAxis: AxisSchema }),
  struct({ type: v.literal("heatmap"), matrix: MatrixSchema, colorScale: ColorScaleSchema, grid: CellGridSchema, frame: HeatFrameSchema }),
  struct({ type: v.literal("slices"), labels: list(text), slices: list(MatrixSchema), sliceCount: count, colorScale: ColorScaleSchema, grids: list(CellGridSchema), frame: HeatFrameSchema }),
], "one of scalar, bars, heatmap, slices");
export type TensorView = v.InferOutput<typeof TensorViewSchema>;

/**
 * A nested array of values (the table of a small tensor), as `toArray()` gives. Recursive, so its
 * type is written out; the array half is an interface so that a program checking the emitted
 * declarations (no skipLibCheck) does not expand it without end (TS2589).
 */
export type JsonNested = v.InferOutput<typeof jsonNumber> | JsonNestedList;
/** The array half of {@link JsonNested}. */
export interface JsonNestedList extends Array<JsonNested> {}
export const JsonNestedSchema: v.GenericSchema<JsonNested> = v.lazy(() => v.union([jsonNumber, list(JsonNestedSchema)], "a number or an array of them"));

/**
 * `application/vnd.seqgrad.tensor.v1+json`. `gradFn` is the PyTorch-style name of the op that made
 * it (`MulBackward`), null for leaves; `name` the tensor's name (parameters), null when unnamed;
 * `table` every value as a nested array when the tensor is small (at most 64 elements), else null.
 */
export const TensorPayloadSchema = struct({
  ...payloadFields("tensor"),
  shape,
  dtype: text,
  requiresGrad: flag,
  gradFn: v.nullable(text),
  name: v.nullable(text),
  stats: StatsSchema,
  table: v.nullable(JsonNestedSchema),
  view: TensorViewSchema,
});
export type TensorPayload = v.InferOutput<typeof TensorPayloadSchema>;

// ---- 4. training curves ----------------------------------------------------------------------------

/**
 * A panel of the training-curves figure, with its own axes (x shared in range by every panel), laid
 * out as `layout` says within its cell of the grid (its legend, when it has one, names its series).
 */
export const CurvesPanelSchema = struct({ id: text, title: text, xAxis: AxisSchema, yAxis: AxisSchema, layout: ChartLayoutSchema });
export type CurvesPanel = v.InferOutput<typeof CurvesPanelSchema>;

/**
 * One series (train loss, validation loss, gradient norm, learning rate, ...), drawn in panel
 * `panel` in `color` (#rrggbb); `smoothed` is the smoothed series drawn bold over the faint raw
 * one, or null when not smoothed.
 */
export const CurvesSeriesSchema = struct({ name: text, panel: text, color: text, x: list(finite), y: list(jsonNumber), smoothed: v.nullable(list(jsonNumber)) });
export type CurvesSeries = v.InferOutput<typeof CurvesSeriesSchema>;

/** Progress of a run: drawn as a progress bar with rate, ETA and current metrics; `total` null when unknown. */
export const ProgressSchema = struct({
  step: count,
  total: v.nullable(count),
  epoch: v.nullable(count),
  elapsedSeconds: finite,
  stepsPerSecond: v.nullable(finite),
  etaSeconds: v.nullable(finite),
  metrics: dictionary(jsonNumber),
  state: oneOf(["running", "finished", "stopped"]),
});
export type Progress = v.InferOutput<typeof ProgressSchema>;

/**
 * `application/vnd.seqgrad.curves.v1+json`. `smoothing` s in [0, 1) is the exponential moving
 * average of the `smoothed` series: m_k = s m_{k-1} + (1 - s) y_k, debiased m_k / (1 - s^k).
 * Panels fill a grid of `columns` columns, row by row, each in a cell of `panelWidth` x
 * `panelHeight` pixels; a panel's legend sits above its plot (where its layout has one).
 * `progress` is drawn only while the run is `running` (a live element of the lab). `note` is what
 * both drawings print instead of an empty chart while no value is logged (no panels), else null
 * (payloads saved before it existed read as null).
 */
export const CurvesPayloadSchema = struct({
  ...payloadFields("curves"),
  xLabel: text,
  smoothing: v.pipe(finite, v.minValue(0, "a number in [0, 1)"), v.ltValue(1, "a number in [0, 1)")),
  columns: integer(1),
  panelWidth: finite,
  panelHeight: finite,
  panels: list(CurvesPanelSchema),
  series: list(CurvesSeriesSchema),
  progress: v.nullable(ProgressSchema),
  note: v.optional(v.nullable(ChartNoteSchema), null),
});
export type CurvesPayload = v.InferOutput<typeof CurvesPayloadSchema>;

// ---- 5. attention ----------------------------------------------------------------------------------

/**
 * The values printed in the cells of a heat map, decided by the library: `text[row][col]` and its
 * `ink` (black or white on the cell's colour), at `size` px.
 */
export const CellValuesSchema = struct({ text: list(list(text)), ink: list(list(text)), size: finite });
export type CellValues = v.InferOutput<typeof CellValuesSchema>;

/**
 * One heat map of the attention grid (a head or an example): `matrix.z[target][source]`; `values`
 * the weights printed in its cells when the cells are large enough, else null.
 */
export const AttentionPanelSchema = struct({ title: text, matrix: MatrixSchema, values: v.nullable(CellValuesSchema) });
export type AttentionPanel = v.InferOutput<typeof AttentionPanelSchema>;

/**
 * `application/vnd.seqgrad.attention.v1+json`: source tokens on x, target tokens on y, as printed
 * (whitespace made visible; cells are keyed by position, never by token). `cell` is the side of a
 * square cell in pixels, the same in both drawings; `columns` the panels per row of the grid;
 * `sourceTicks` and `targetTicks` the token labels both drawings print (every token when they fit);
 * `colTitle` and `rowTitle` the axis titles (under the bottom row's panels, beside the first
 * column's); `frame` where panels and colour bar sit. The colour bar's title is `colorScale.title`.
 */
export const AttentionPayloadSchema = struct({
  ...payloadFields("attention"),
  source: list(text),
  target: list(text),
  cell: finite,
  sourceTicks: CategoryTicksSchema,
  targetTicks: CategoryTicksSchema,
  panels: list(AttentionPanelSchema),
  columns: integer(1),
  colorScale: ColorScaleSchema,
  rowTitle: text,
  colTitle: text,
  frame: HeatFrameSchema,
});
export type AttentionPayload = v.InferOutput<typeof AttentionPayloadSchema>;

// ---- 6. gradient flow ------------------------------------------------------------------------------

/** How both drawings name each measure of a gradient-flow figure in its legend. */
export const GRADFLOW_MEASURE_NAMES = { loss: "\u2016dL/dh_t\u2016", jacobian: "\u2016dh_T/dh_t\u2016" } as const;

/** A norm per time step (1-based, as in the lecture): `measure` "loss" is ||dL/dh_t||, "jacobian" is ||dh_T/dh_t||. */
export const GradflowSeriesSchema = struct({ model: text, measure: oneOf(["loss", "jacobian"]), steps: list(count), norms: list(jsonNumber) });
export type GradflowSeries = v.InferOutput<typeof GradflowSeriesSchema>;

/** Gradient norm of one parameter after backward. */
export const ParameterNormSchema = struct({ model: text, name: text, shape, norm: jsonNumber });
export type ParameterNorm = v.InferOutput<typeof ParameterNormSchema>;

/**
 * The per-parameter panel of a gradient-flow figure as both drawings draw it: its `title`, the
 * parameter name of each row (`rows`, top first), the rows under a band of colour `shade` at
 * `shadeOpacity` (`shaded`, every other one: a translucent band reads on light and dark themes), and
 * the models its own legend names by marker colour (`legend`, empty for one model). In the figure's
 * body (below the heading) the panel fills `box`: its title centred at `titleAt`, its legend in
 * `legendBox` (null without one), its rows in `plot` (names right-aligned left of it).
 */
export const ParameterPanelSchema = struct({
  title: text,
  rows: list(text),
  shaded: list(count),
  shade: text,
  shadeOpacity: finite,
  legend: list(text),
  box: BoxSchema,
  plot: BoxSchema,
  legendBox: v.nullable(LegendBoxSchema),
  titleAt: PointSchema,
});
export type ParameterPanel = v.InferOutput<typeof ParameterPanelSchema>;

/**
 * `application/vnd.seqgrad.gradflow.v1+json`: norms on a log y axis against t, and beside them a
 * panel of per-parameter norms on `parameterAxis` (laid out as `parameterPanel` says); `colors`
 * aligned with `models`. The body under the heading is `width` x `height` pixels; the chart of norms
 * per step is laid out as `layout` says, at the body's top left.
 */
export const GradflowPayloadSchema = struct({
  ...payloadFields("gradflow"),
  models: list(text),
  colors: list(text),
  xAxis: AxisSchema,
  yAxis: AxisSchema,
  parameterAxis: AxisSchema,
  series: list(GradflowSeriesSchema),
  parameters: list(ParameterNormSchema),
  parameterPanel: ParameterPanelSchema,
  layout: ChartLayoutSchema,
  width: finite,
  height: finite,
});
export type GradflowPayload = v.InferOutput<typeof GradflowPayloadSchema>;

// ---- 7. gate activations ---------------------------------------------------------------------------

/**
 * One gate over time: `matrix.z[unit][t]`, values in [0, 1] for sigmoid gates. `role` is the tag
 * (gate_i, gate_f, gate_o, gate_g for the LSTM, gate_r, gate_z, gate_n for the GRU), `label` a
 * readable name ("input gate i_t").
 */
export const GatePanelSchema = struct({ role: text, label: text, matrix: MatrixSchema, colorScale: ColorScaleSchema });
export type GatePanel = v.InferOutput<typeof GatePanelSchema>;

/**
 * `application/vnd.seqgrad.gates.v1+json`: heat maps of gates, time on x (one token label per step),
 * units on y. `cell` is the cell kind in lower case, as its gate tags name it ("lstm", "gru", "mgu",
 * or a new cell's), so a new recurrent cell needs no edit here. Each step is `cellWidth` pixels
 * wide and each unit `cellHeight` high; each gate's panel is `panelHeight` pixels high (its title,
 * cells and token labels); `tokenTicks` and `unitTicks` are the labels both drawings print under
 * and beside the cells, `rowTitle` the units' axis title; `frame` where panels and colour bar sit.
 * The colour bar is the first gate's `colorScale`, with its title.
 */
export const GatesPayloadSchema = struct({
  ...payloadFields("gates"),
  cell: v.pipe(text, v.regex(/^[a-z][a-z0-9_-]{0,31}$/, "a cell name in lower case (lstm, gru, ...)")),
  tokens: list(text),
  gates: list(GatePanelSchema),
  cellWidth: finite,
  cellHeight: finite,
  panelHeight: finite,
  tokenTicks: CategoryTicksSchema,
  unitTicks: CategoryTicksSchema,
  rowTitle: text,
  frame: HeatFrameSchema,
});
export type GatesPayload = v.InferOutput<typeof GatesPayloadSchema>;
