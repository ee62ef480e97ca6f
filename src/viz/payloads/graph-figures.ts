/**
 * The payloads of the two graph figures, the autograd graph and the graph unrolled through time:
 * valibot schemas, with their TypeScript types inferred from them.
 */
import * as v from "valibot";
import { count, finite, flag, jsonNumber, list, oneOf, struct, shape, text } from "./fields";
import { BOX_FIELDS, PointSchema, StatsSchema, payloadFields } from "./shared";

// ---- 2. computation graph --------------------------------------------------------------------------

/** Kind of a graph node: coloured differently. */
export const GraphNodeKindSchema = oneOf(["parameter", "input", "constant", "op", "output"]);
export type GraphNodeKind = v.InferOutput<typeof GraphNodeKindSchema>;

/** Value or gradient summary of a node (micrograd's `data` and `grad`): the values themselves when there are at most 4, else null, and statistics. */
export const ValueSummarySchema = struct({ values: v.nullable(list(jsonNumber)), stats: StatsSchema });
export type ValueSummary = v.InferOutput<typeof ValueSummarySchema>;

/**
 * A line of text inside a graph node, as both drawings print it: `y` is its baseline in pixels
 * below the node's top (centred horizontally), `size` its font size in pixels, `mono` monospace
 * (values) rather than the figure font.
 */
export const GraphTextLineSchema = struct({ text, y: finite, size: finite, bold: flag, mono: flag, color: text });
export type GraphTextLine = v.InferOutput<typeof GraphTextLineSchema>;

/**
 * One node of the autograd graph with its layout box, colours, text and hover text. `label` is the
 * op name (`matmul`), the parameter name (`rnn.weight_hh_l0`), `input` or `const`; `scope` the
 * module, time step and role tags of an op; `hiddenInputs` the inputs not drawn (truncated graph);
 * `rx` the corner radius (round ops, square leaves); `lines` the text in the box; `tooltip` the
 * hover text (the static SVG's `<title>`, the lab's hover box).
 */
export const GraphNodeSchema = struct({
  ...BOX_FIELDS,
  id: text,
  kind: GraphNodeKindSchema,
  label: text,
  shape,
  dtype: text,
  scope: v.nullable(struct({ module: v.optional(text), step: v.optional(count), role: v.optional(text) })),
  value: v.nullable(ValueSummarySchema),
  grad: v.nullable(ValueSummarySchema),
  hiddenInputs: count,
  fill: text,
  stroke: text,
  rx: finite,
  lines: list(GraphTextLineSchema),
  tooltip: list(text),
});
export type GraphNode = v.InferOutput<typeof GraphNodeSchema>;

/**
 * An edge from an input tensor to the op (or output) that read it: `inputIndex` is the source's
 * position among the op's inputs, `points` an orthogonal polyline from the source's border to the
 * target's border, `head` the three corners of the arrow head at the target.
 */
export const GraphEdgeSchema = struct({ id: text, source: text, target: text, inputIndex: count, points: list(PointSchema), head: list(PointSchema) });
export type GraphEdge = v.InferOutput<typeof GraphEdgeSchema>;

/** An entry of the graph's legend: a node kind and its colours. */
export const GraphLegendEntrySchema = struct({ name: text, fill: text, stroke: text });
export type GraphLegendEntry = v.InferOutput<typeof GraphLegendEntrySchema>;

/**
 * `application/vnd.seqgrad.graph.v1+json`: the autograd graph, inputs at the top, the output at the
 * bottom, time steps as columns from left to right. Above the drawing, both renderings print the
 * `title` and under it the `subtitle` (node and edge counts). The drawing is `width` x `height`
 * pixels; the `note` (what was left out, or "") and the legend of the node kinds present go below it.
 * `totalNodes` counts the whole graph: more than `nodes.length` when truncated near the output.
 */
export const GraphPayloadSchema = struct({
  ...payloadFields("graph"),
  subtitle: text,
  width: finite,
  height: finite,
  nodes: list(GraphNodeSchema),
  edges: list(GraphEdgeSchema),
  totalNodes: count,
  edgeColor: text,
  legend: list(GraphLegendEntrySchema),
  note: text,
});
export type GraphPayload = v.InferOutput<typeof GraphPayloadSchema>;
