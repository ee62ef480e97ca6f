/** Inputs and outputs of the layered graph layout, and the working records it fills in. */
import type { Point } from "../payloads";

/** A node to place: its box size and, when made inside a recurrent loop, its time step. */
export interface LayoutNodeInput {
  id: string;
  width: number;
  height: number;
  step?: number;
}

/** An edge to route, from `source` to `target` (the target's input number `inputIndex`). */
export interface LayoutEdgeInput {
  id: string;
  source: string;
  target: string;
}

/** Where everything went, in pixels with the origin at the top left. */
export interface LayoutResult {
  width: number;
  height: number;
  /** Top-left corners by node id. */
  nodes: Map<string, Point>;
  /** Orthogonal polylines by edge id, from the source's border to the target's border. */
  edges: Map<string, Point[]>;
}

/** A node while it is being placed (top-to-bottom coordinates). */
export interface WorkNode {
  id: string;
  w: number;
  h: number;
  step: number | null;
  rank: number;
  /** Left edge. */
  x: number;
  /** Top edge, set last. */
  y: number;
  /** Column band: 0 before the steps, 1 + k for the k-th step, then after; -1 when the row has no steps. */
  band: number;
}

/** An edge between node numbers. */
export interface WorkEdge {
  id: string;
  s: number;
  t: number;
}

/** Spacing of the layout, in pixels. */
export const SPACING = {
  /** Between neighbouring nodes of a row. */
  node: 26,
  /** Between the columns of two time steps (room for edges going up or around). */
  band: 44,
  /** Between parallel edge lines in a channel (horizontal) or a lane (vertical). */
  track: 8,
  /** Least height of the channel between two rows. */
  channel: 30,
  /** Clearance between a vertical edge line and a node. */
  clear: 7,
  /** Around the drawing. */
  margin: 16,
} as const;
