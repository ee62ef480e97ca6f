/**
 * The payload of the unrolled graph (a recurrent network unrolled in time): valibot schemas, with
 * their TypeScript types inferred from them. Every visual decision is here, made by the library:
 * the layout, each box's colours and text lines, each edge's colour, arrow head and label, the
 * colour bar of gradient norms, the legend and the hover text. Both drawings only draw these fields.
 */
import * as v from "valibot";
import { count, finite, flag, jsonNumber, list, oneOf, struct, shape, text } from "./fields";
import { GraphTextLineSchema } from "./graph-figures";
import { BOX_FIELDS, PointSchema, payloadFields } from "./shared";

/** A label placed in the drawing: `x`, `y` its anchor point and baseline, `size` in pixels. */
export const PlacedTextSchema = struct({ text, x: finite, y: finite, size: finite, bold: flag, color: text, anchor: oneOf(["start", "middle", "end"]) });
export type PlacedText = v.InferOutput<typeof PlacedTextSchema>;

/**
 * A row of the unrolled figure: x_t, the hidden state of a layer and direction, y_t, or L_t.
 * `label` e.g. "x_t", "h_t (rnn.l0)"; `module` the module path of hidden rows, else null; `y` the
 * row's centre line; `text` the label as drawn at the row's left.
 */
export const UnrolledRowSchema = struct({ id: text, role: oneOf(["x", "h", "y", "loss"]), label: text, module: v.nullable(text), y: finite, text: PlacedTextSchema });
export type UnrolledRow = v.InferOutput<typeof UnrolledRowSchema>;

/**
 * A gate (or other role) inside a cell, drawn when its step is expanded (composed path): role tag
 * ("gate_i", "c"), label ("i"), recorded ops, colours and the text lines (`y` below the gate's top).
 */
export const UnrolledGateSchema = struct({ ...BOX_FIELDS, role: text, label: text, ops: count, fill: text, stroke: text, lines: list(GraphTextLineSchema) });
export type UnrolledGate = v.InferOutput<typeof UnrolledGateSchema>;

/**
 * One box of the figure: a row at a time step. `label` e.g. "h_3"; `ops` the recorded ops folded
 * into it; `gates` its gate boxes (empty for the fused path, inputs, outputs, losses); `gradNorm`
 * ||dL/dh_t|| after a backward pass, null when not measured. `fill` (the role's colour, or the
 * gradient norm's on the colour bar), `stroke` and `rx` draw the box; `lines` are its text with the
 * gates hidden, `openLines` with the gates shown (`y` below the box's top, centred); `tooltip` the
 * hover text (the static SVG's `<title>`, the lab's hover box).
 */
export const UnrolledCellSchema = struct({
  ...BOX_FIELDS,
  id: text,
  row: text,
  step: count,
  label: text,
  shape,
  ops: count,
  gates: list(UnrolledGateSchema),
  gradNorm: v.nullable(jsonNumber),
  fill: text,
  stroke: text,
  rx: finite,
  lines: list(GraphTextLineSchema),
  openLines: list(GraphTextLineSchema),
  tooltip: list(text),
});
export type UnrolledCell = v.InferOutput<typeof UnrolledCellSchema>;

/**
 * A dependency between cells: recurrent (h_{t-1} -> h_t), input, output, loss or between layers,
 * with the names of the parameters used along it (the same name at every step: shared weights).
 * `color` is its weight's colour (the legend's), `head` the arrow head's three corners, `label` the
 * lecture symbols of its weights (once per row and kind of edge, else null), `tooltip` the hover text.
 */
export const UnrolledEdgeSchema = struct({
  id: text,
  source: text,
  target: text,
  kind: oneOf(["recurrent", "input", "output", "loss", "layer"]),
  parameters: list(text),
  points: list(PointSchema),
  color: text,
  width: finite,
  head: list(PointSchema),
  label: v.nullable(PlacedTextSchema),
  tooltip: list(text),
});
export type UnrolledEdge = v.InferOutput<typeof UnrolledEdgeSchema>;

/** A parameter shared across time steps, with the colour index (0-based) marking every use of it. */
export const UnrolledParameterSchema = struct({ name: text, shape, color: count });
export type UnrolledParameter = v.InferOutput<typeof UnrolledParameterSchema>;

/**
 * The colour bar of the gradient norms: a box `stops` split into equal bands from the bottom (the
 * scale's min) to the top, each band's colour; ticks with their label text; the bar's label above it.
 */
export const UnrolledColorBarSchema = struct({
  ...BOX_FIELDS,
  stops: list(text),
  ticks: list(struct({ y: finite, label: PlacedTextSchema })),
  label: PlacedTextSchema,
  stroke: text,
});
export type UnrolledColorBar = v.InferOutput<typeof UnrolledColorBarSchema>;

/** An entry of the legend under the drawing: a parameter and the colour of its edges. */
export const UnrolledLegendEntrySchema = struct({ name: text, color: text });
export type UnrolledLegendEntry = v.InferOutput<typeof UnrolledLegendEntrySchema>;

/**
 * `application/vnd.seqgrad.unrolled.v1+json`: a column per time step, a row per role. Above the
 * drawing both renderings print the `title` and the `subtitle` (steps, rows, parameters). `steps`
 * are the time steps drawn (0-based step tags), `columns` the x of each one's centre and
 * `stepLabels` their "t = 0" labels; `expanded` whether the figure first shows gates inside cells
 * (the lab lets the user toggle); `hasGradNorms` whether cells carry gradient norms (then coloured
 * on a log scale shown by `colorBar`). Under the drawing: the `caption` and the `legend`.
 */
export const UnrolledPayloadSchema = struct({
  ...payloadFields("unrolled"),
  subtitle: text,
  width: finite,
  height: finite,
  steps: list(count),
  columns: list(finite),
  stepLabels: list(PlacedTextSchema),
  rows: list(UnrolledRowSchema),
  cells: list(UnrolledCellSchema),
  edges: list(UnrolledEdgeSchema),
  parameters: list(UnrolledParameterSchema),
  expanded: flag,
  hasGradNorms: flag,
  colorBar: v.nullable(UnrolledColorBarSchema),
  caption: text,
  legend: list(UnrolledLegendEntrySchema),
});
export type UnrolledPayload = v.InferOutput<typeof UnrolledPayloadSchema>;
