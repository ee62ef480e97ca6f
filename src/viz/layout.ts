/**
 * Layered graph layout with dagre (synchronous, so `viz.graph(t)` returns a figure directly): boxes
 * for nodes and polylines for edges, in pixels with the origin at the top left.
 */
import { graphlib, layout as dagreLayout } from "@dagrejs/dagre";
import type { Point } from "./payloads";

/** A node to place. */
export interface LayoutNodeInput {
  id: string;
  width: number;
  height: number;
}

/** An edge to route, from `source` to `target`. */
export interface LayoutEdgeInput {
  id: string;
  source: string;
  target: string;
}

/** Where everything went. */
export interface LayoutResult {
  width: number;
  height: number;
  /** Top-left corners by node id. */
  nodes: Map<string, Point>;
  /** Polylines by edge id. */
  edges: Map<string, Point[]>;
}

/** Options of `layeredLayout`. */
export interface LayeredLayoutOptions {
  /** "LR": inputs on the left (default); "TB": inputs at the top. */
  direction?: "LR" | "TB";
  nodeSep?: number;
  rankSep?: number;
  margin?: number;
}

/** Lays out a DAG in layers (Sugiyama style: rank, order to reduce crossings, position). */
export function layeredLayout(nodes: readonly LayoutNodeInput[], edges: readonly LayoutEdgeInput[], options: LayeredLayoutOptions = {}): LayoutResult {
  const margin = options.margin ?? 16;
  const g = new graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: options.direction ?? "LR", nodesep: options.nodeSep ?? 14, ranksep: options.rankSep ?? 40, edgesep: 8, marginx: margin, marginy: margin });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
  for (const e of edges) g.setEdge(e.source, e.target, {}, e.id);
  dagreLayout(g);
  const placed = new Map<string, Point>();
  for (const n of nodes) {
    const label = g.node(n.id);
    placed.set(n.id, { x: (label?.x ?? 0) - n.width / 2, y: (label?.y ?? 0) - n.height / 2 });
  }
  const routed = new Map<string, Point[]>();
  for (const e of edges) {
    const label = g.edge({ v: e.source, w: e.target, name: e.id });
    routed.set(e.id, (label?.points ?? []).map((p: Point) => ({ x: p.x, y: p.y })));
  }
  const graph = g.graph();
  return { width: graph.width ?? 0, height: graph.height ?? 0, nodes: placed, edges: routed };
}
