import type { ScopeTags } from "../autograd/scope";
/**
 * The computation-graph figure: the autograd graph that produced a tensor, read from the real tape
 * (`gradFn.inputs`). Leaves are parameters (by name), inputs and constants; every other node is the
 * op that made it (name, output shape, scope tags), with optional value and gradient summaries
 * (micrograd's `data` and `grad`). Layout is computed here, so both drawings agree.
 */
import type { Tensor } from "../tensor/tensor";
import { computeStats } from "./data/stats";
import { compact } from "./data/downsample";
import { reachable } from "./data/reachable";
import { Figure } from "./figure";
import type { GraphEdge, GraphNode, GraphNodeKind, GraphPayload, ValueSummary } from "./payloads";
import { layeredLayout } from "./layout";
import { renderGraph } from "./graph-svg";
import { truncateLabel } from "./svg/escape";

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
  /** "LR" (default): inputs left, output right; "TB": inputs on top. */
  direction?: "LR" | "TB";
}

/**
 * The figure of the graph that produced `t`.
 *
 * @example const loss = x.mul(w).add(b).tanh().sum(); loss.backward(); viz.graph(loss)
 */
export function graphFigure(t: Tensor, options: GraphFigureOptions = {}): Figure<"graph"> {
  const max = options.maxNodes ?? GRAPH_MAX_NODES;
  const { order, total } = collect(t, max);
  const ids = new Map<Tensor, string>();
  order.forEach((x, i) => ids.set(x, `n${i}`));
  const showValues = options.values ?? true;
  const showGrads = options.grads ?? true;
  const nodes: GraphNode[] = order.map((x, i) => {
    const inputs = x.gradFn?.inputs ?? [];
    const lines = nodeLines(x, i === 0);
    const value = showValues ? summarize(x) : null;
    const grad = showGrads && x.grad !== null ? summarize(x.grad) : null;
    const textWidth = Math.max(...lines.map((l) => l.length), value === null ? 0 : 16, grad === null ? 0 : 16);
    return {
      id: `n${i}`,
      kind: kindOf(x, i === 0),
      label: lines[0] ?? "",
      shape: [...x.shape],
      dtype: x.dtype,
      scope: scopeOf(x.gradFn?.tags),
      value,
      grad,
      hiddenInputs: inputs.filter((input) => !ids.has(input)).length,
      x: 0,
      y: 0,
      width: Math.max(64, textWidth * 6.9 + 18),
      height: 38 + (lines.length > 2 ? 14 : 0) + (value !== null ? 14 : 0) + (grad !== null ? 14 : 0),
    };
  });
  const edges: GraphEdge[] = [];
  order.forEach((x, i) => {
    (x.gradFn?.inputs ?? []).forEach((input, k) => {
      const source = ids.get(input);
      if (source !== undefined) edges.push({ id: `e${edges.length}`, source, target: `n${i}`, inputIndex: k, points: [] });
    });
  });
  const placed = layeredLayout(nodes, edges, { direction: options.direction ?? "LR" });
  for (const n of nodes) Object.assign(n, placed.nodes.get(n.id));
  for (const e of edges) e.points = placed.edges.get(e.id) ?? [];
  const payload: GraphPayload = {
    kind: "graph",
    version: 1,
    ...(options.title === undefined ? {} : { title: options.title }),
    width: placed.width,
    height: placed.height,
    nodes,
    edges,
    totalNodes: total,
  };
  const shown = total > nodes.length ? `${nodes.length} of ${total}` : `${total}`;
  return new Figure("graph", payload, renderGraph, `Graph of ${t.gradFn?.name ?? "a leaf"}: ${shown} nodes, ${edges.length} edges`);
}

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

/** Label lines: name or op, then shape, then scope tags. */
function nodeLines(x: Tensor, isRoot: boolean): string[] {
  const shape = `[${x.shape.join(", ")}]`;
  const node = x.gradFn;
  if (node === null) {
    const label = x.name ?? (x.requiresGrad ? "leaf" : x.numel === 1 ? "const" : "input");
    return [truncateLabel(label, 32), shape];
  }
  const lines = [truncateLabel(isRoot && x.name !== undefined ? `${x.name} = ${node.op}` : node.op, 32), shape];
  const tags = node.tags;
  if (tags !== undefined) {
    const parts = [tags.module, tags.step === undefined ? undefined : `t=${tags.step}`, tags.role].filter((p) => p !== undefined);
    if (parts.length > 0) lines.push(truncateLabel(parts.join(" "), 32));
  }
  return lines;
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
