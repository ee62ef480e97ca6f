/**
 * Layered graph layout (Sugiyama style, written for the computation graph): rows by longest path
 * from the inputs, top to bottom; time steps as columns from left to right; orthogonal edges in
 * the channels between rows, never behind a node. Synchronous, so `viz.graph(t)` returns a figure
 * directly. `direction: "LR"` lays the same out sideways (rows become columns, steps become rows).
 */
import type { Point } from "../payloads";
import { assignRanks } from "./ranks";
import { placeColumns } from "./place";
import { routeEdges } from "./route";
import type { LayoutEdgeInput, LayoutNodeInput, LayoutResult, WorkEdge, WorkNode } from "./types";
import { SPACING } from "./types";

export type { LayoutEdgeInput, LayoutNodeInput, LayoutResult } from "./types";

/** Options of `layeredLayout`. */
export interface LayeredLayoutOptions {
  /** "TB" (default): inputs at the top, steps left to right; "LR": inputs on the left, steps top to bottom. */
  direction?: "TB" | "LR";
}

/** Places the nodes and routes the edges of a DAG. */
export function layeredLayout(nodes: readonly LayoutNodeInput[], edges: readonly LayoutEdgeInput[], options: LayeredLayoutOptions = {}): LayoutResult {
  const sideways = options.direction === "LR";
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const work: WorkNode[] = nodes.map((n) => ({ id: n.id, w: sideways ? n.height : n.width, h: sideways ? n.width : n.height, step: n.step ?? null, rank: 0, x: 0, y: 0, band: -1 }));
  const links: WorkEdge[] = [];
  for (const e of edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s !== undefined && t !== undefined && s !== t) links.push({ id: e.id, s, t });
  }
  if (work.length === 0) return { width: 2 * SPACING.margin, height: 2 * SPACING.margin, nodes: new Map(), edges: new Map() };
  const rows = assignRanks(work, links);
  placeColumns(work, links, rows);
  const { lines, height } = routeEdges(work, links, rows);
  const xs = [...work.map((n) => n.x + n.w), ...[...lines.values()].flatMap((l) => l.map((p) => p.x))];
  const left = Math.min(SPACING.margin, ...[...lines.values()].flatMap((l) => l.map((p) => p.x - 4)));
  const shift = SPACING.margin - Math.min(SPACING.margin, left);
  const width = Math.max(...xs) + shift + SPACING.margin;
  const flip = (p: Point): Point => (sideways ? { x: p.y, y: p.x + shift } : { x: p.x + shift, y: p.y });
  const placed = new Map(work.map((n) => [n.id, flip({ x: n.x, y: n.y })]));
  const routed = new Map([...lines].map(([id, l]) => [id, l.map(flip)]));
  return { width: sideways ? height : width, height: sideways ? width : height, nodes: placed, edges: routed };
}
