/** The payloads of the two graph figures: the autograd graph and the graph unrolled through time. */
import type { Box, JsonNumber, PayloadBase, Point, Stats } from "./shared";

// ---- 2. computation graph --------------------------------------------------------------------------

/** Kind of a graph node: coloured differently. */
export type GraphNodeKind = "parameter" | "input" | "constant" | "op" | "output";

/** Value or gradient summary of a node (micrograd's `data` and `grad`). */
export interface ValueSummary {
  /** The values themselves when there are at most 4, else null. */
  values: JsonNumber[] | null;
  stats: Stats;
}

/** A line of text inside a graph node, as both drawings print it. */
export interface GraphTextLine {
  text: string;
  /** Baseline, in pixels below the node's top; the line is centred horizontally. */
  y: number;
  /** Font size in pixels. */
  size: number;
  bold: boolean;
  /** Monospace (values) or the figure font. */
  mono: boolean;
  color: string;
}

/** One node of the autograd graph with its layout box, colours, text and hover text. */
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
  fill: string;
  stroke: string;
  /** Corner radius: round for ops, square for leaves. */
  rx: number;
  /** The text inside the box. */
  lines: GraphTextLine[];
  /** Hover text (the static SVG's `<title>`, the lab's hover box): op, kind, shape, dtype, step, value, gradient. */
  tooltip: string[];
}

/** An edge from an input tensor to the op (or output) that read it. */
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** Position of the source among the target op's inputs. */
  inputIndex: number;
  /** Orthogonal polyline from the source's border to the target's border, in layout pixels. */
  points: Point[];
  /** Arrow head at the target: three corners. */
  head: Point[];
}

/** An entry of the graph's legend: a node kind and its colours. */
export interface GraphLegendEntry {
  name: string;
  fill: string;
  stroke: string;
}

/**
 * `application/vnd.seqgrad.graph.v1+json`: the autograd graph, inputs at the top, the output at the
 * bottom, time steps as columns from left to right. The drawing is `width` x `height` pixels; the
 * note (truncation) and legend go below it.
 */
export interface GraphPayload extends PayloadBase<"graph"> {
  width: number;
  height: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Node count of the whole graph; more than `nodes.length` when truncated near the output. */
  totalNodes: number;
  /** Edge ink. */
  edgeColor: string;
  /** The node kinds present, in a fixed order. */
  legend: GraphLegendEntry[];
  /** A line under the drawing (what was left out), or "". */
  note: string;
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
