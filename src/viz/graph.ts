import type { ScopeTags } from "../autograd/scope";
/**
 * The computation-graph figure: the autograd graph that produced a tensor, read from the real tape
 * (`gradFn.inputs`). Leaves are parameters (by name), inputs and constants; every other node is the
 * op that made it (name, output shape, scope tags), with optional value and gradient summaries
 * (micrograd's `data` and `grad`). Layout, colours and every text line are decided here, so both
 * drawings agree. Nodes made inside a recurrent loop carry their time step: the steps become columns
 * in time order, left to right.
 */
import { checkKnownOptions } from "../known-options";
import { GRAPH_OPTIONS } from "./option-names";
import type { Tensor } from "../tensor/tensor";
import { computeStats } from "./data/stats";
import { compact } from "./data/downsample";
import { reachable } from "./data/reachable";
import { Figure } from "./figure";
import type { GraphEdge, GraphNode, GraphNodeKind, GraphPayload, ValueSummary } from "./payloads";
import { GRAPH_COLORS } from "./payloads";
import { nodeLook } from "./graph-text";
import { layeredLayout } from "./layout";
import { renderGraph } from "./graph-svg";
import { truncateLabel } from "./svg/escape";
import { arrowHead } from "./layout/arrow-head";

/** Most nodes drawn; larger graphs keep the nodes nearest the output. */
export const GRAPH_MAX_NODES = 250;

/** Options of `viz.graph`. */
export interface GraphFigureOptions {
  title?: string;
  /** Show value summaries per node (default true). */
  values?: boolean;
  /** Show gradient summaries per node when `.grad` is set (default true). */
  grads?: boolean;
  /** Most nodes drawn (default 250). */
  maxNodes?: number;
  /** "TB" (default): inputs at the top, time steps as columns left to right; "LR": inputs on the left. */
  direction?: "TB" | "LR";
}

/**
 * The figure of the graph that produced `t`.
 *
 * @example const loss = x.mul(w).add(b).tanh().sum(); loss.backward(); viz.graph(loss)
 */
export function graphFigure(t: Tensor, options: GraphFigureOptions = {}): Figure<"graph"> {
  checkKnownOptions("viz.graph", options, GRAPH_OPTIONS);
  const max = options.maxNodes ?? GRAPH_MAX_NODES;
  const { order, total } = collect(t, max);
  const ids = new Map<Tensor, string>();
  order.forEach((x, i) => ids.set(x, `n${i}`));
  const showValues = options.values ?? true;
  const showGrads = options.grads ?? true;
  const nodes: GraphNode[] = order.map((x, i) => {
    const inputs = x.gradFn?.inputs ?? [];
    const facts = {
      kind: kindOf(x, i === 0),
      label: nodeLabel(x, i === 0),
      shape: [...x.shape],
      dtype: x.dtype,
      scope: scopeOf(x.gradFn?.tags),
      value: showValues ? summarize(x) : null,
      grad: showGrads && x.grad !== null ? summarize(x.grad) : null,
      hiddenInputs: inputs.filter((input) => !ids.has(input)).length,
    };
    return { id: `n${i}`, ...facts, ...nodeLook(facts), x: 0, y: 0 };
  });
  const edges: GraphEdge[] = [];
  order.forEach((x, i) => {
    (x.gradFn?.inputs ?? []).forEach((input, k) => {
      const source = ids.get(input);
      if (source !== undefined) edges.push({ id: `e${edges.length}`, source, target: `n${i}`, inputIndex: k, points: [], head: [] });
    });
  });
  const steps = nodes.map((n) => ({ id: n.id, width: n.width, height: n.height, ...(n.scope?.step === undefined ? {} : { step: n.scope.step }) }));
  const placed = layeredLayout(steps, edges, { direction: options.direction ?? "TB" });
  for (const n of nodes) Object.assign(n, placed.nodes.get(n.id));
  for (const e of edges) {
    e.points = placed.edges.get(e.id) ?? [];
    e.head = arrowHead(e.points, 0.42);
  }
  const kinds = (Object.keys(LEGEND_NAMES) as GraphNodeKind[]).filter((k) => nodes.some((n) => n.kind === k));
  const payload: GraphPayload = {
    kind: "graph",
    version: 1,
    title: options.title ?? "Computation graph",
    subtitle: `${total > nodes.length ? `${nodes.length} of ${total}` : nodes.length} nodes  \u00b7  ${edges.length} edges`,
    width: placed.width,
    height: placed.height,
    nodes,
    edges,
    totalNodes: total,
    edgeColor: GRAPH_COLORS.edge,
    legend: kinds.map((k) => ({ name: LEGEND_NAMES[k], fill: GRAPH_COLORS[k].fill, stroke: GRAPH_COLORS[k].stroke })),
    note: total > nodes.length ? `showing the ${nodes.length} nodes nearest the output of ${total}` : "",
  };
  const shown = total > nodes.length ? `${nodes.length} of ${total}` : `${total}`;
  return new Figure("graph", payload, renderGraph, `Graph of ${t.gradFn?.name ?? "a leaf"}: ${shown} nodes, ${edges.length} edges`);
}

const LEGEND_NAMES: Record<GraphNodeKind, string> = { parameter: "parameter", input: "input", constant: "constant", op: "op", output: "output" };

/** Tensors reachable from `root` in breadth-first order (root first), at most `max`, and the total. */
function collect(root: Tensor, max: number): { order: Tensor[]; total: number } {
  const all = reachable(root);
  return { order: all.slice(0, Math.max(1, max)), total: all.length };
}

function kindOf(x: Tensor, isRoot: boolean): GraphNodeKind {
  if (isRoot) return "output";
  if (x.gradFn !== null) return "op";
  if (x.requiresGrad) return "parameter";
  return x.numel === 1 && x.name === undefined ? "constant" : "input";
}

/** The node's main line: a leaf's name (or what it is), an op's name. */
function nodeLabel(x: Tensor, isRoot: boolean): string {
  const node = x.gradFn;
  if (node === null) return truncateLabel(x.name ?? (x.requiresGrad ? "leaf" : x.numel === 1 ? "const" : "input"), 32);
  return truncateLabel(isRoot && x.name !== undefined ? `${x.name} = ${node.op}` : node.op, 32);
}

function summarize(x: Tensor): ValueSummary {
  const values = x.numel <= 4 ? Array.from(x.data, compact) : null;
  return { values, stats: computeStats(x.data) };
}

/** The module, step and role tags of a node for the payload (gate tags stay in the graph). */
function scopeOf(tags: ScopeTags | undefined): GraphNode["scope"] {
  if (tags === undefined) return null;
  const { gate: _gate, ...scope } = tags;
  return scope;
}
