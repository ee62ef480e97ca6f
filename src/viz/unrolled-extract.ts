/**
 * Reads the lecture's unrolled picture out of a real autograd graph, from the scope tags
 * (`module`, `step`, `role`) recurrent layers put on their nodes:
 * - a hidden cell per (module, t) for every module with role-"h" nodes at time steps;
 * - x_t, y_t, L_t cells from nodes tagged role "x", "y", "loss" (an input leaf read by a cell's
 *   matmul or projection counts as x_t, so raw inputs and the fused path show up too);
 * - edges where one cell's tensors feed another's ops (through untagged nodes and the target
 *   cell's role-less and reshape-like plumbing, see `unrolled-trace.ts`), kept only where the
 *   lecture draws them: h_{t-1} -> h_t within a row, and between rows at the same t;
 * - the named parameters applied to each source on the way, so every use of W_hh is marked as
 *   the same parameter.
 */
import type { Tensor } from "../tensor/tensor";
import { reachable } from "./data/reachable";
import { H0_LEAF, HH_NAME, IH_NAME, TraceContext, X_LEAF, traceOp } from "./unrolled-trace";

/** A cell found in the graph. */
export interface FoundCell {
  row: string;
  role: "x" | "h" | "y" | "loss";
  module: string | null;
  step: number;
  /** The tensor standing for the cell (the last h of a step, the x_t leaf, ...). */
  tensor: Tensor | null;
  shape: number[];
  ops: number;
  /** Op counts by role inside a hidden cell (gate_i, c, ...). */
  roles: Map<string, number>;
}

/** A dependency found between two cells. */
export interface FoundEdge {
  source: string;
  target: string;
  parameters: Set<string>;
}

/** What `extractUnrolled` finds. */
export interface Unrolled {
  cells: Map<string, FoundCell>;
  edges: Map<string, FoundEdge>;
  parameters: Map<string, number[]>;
}


/** Key of the cell at (row, step). */
export function cellKey(row: string, step: number): string {
  return `${row}@${step}`;
}

function rowOf(role: string | undefined, module: string | undefined, recurrent: Set<string>): { row: string; role: FoundCell["role"] } | null {
  if (role === "x") return { row: "x", role: "x" };
  if (role === "y") return { row: "y", role: "y" };
  if (role === "loss") return { row: "loss", role: "loss" };
  if (module !== undefined && recurrent.has(module)) return { row: `h:${module}`, role: "h" };
  return null;
}

/** Finds cells, edges and parameters in the graph that produced `root`. */
export function extractUnrolled(root: Tensor): Unrolled {
  const all = reachable(root);
  const recurrent = new Set<string>();
  for (const t of all) {
    const tags = t.gradFn?.tags;
    if (tags?.role === "h" && tags.step !== undefined && tags.module !== undefined) recurrent.add(tags.module);
  }
  const cells = new Map<string, FoundCell>();
  const cellOf = new Map<Tensor, string>();
  const parameters = new Map<string, number[]>();
  const ctx: TraceContext = { cellOf, parameters, recurrentWeights: new Set() };
  // Role-x nodes come last: one that reads another layer's states is that layer's output passing
  // through (the input of layer l > 0), not an x_t of its own.
  const xs = all.filter((t) => t.gradFn?.tags?.role === "x");
  for (const t of [...all.filter((t) => t.gradFn?.tags?.role !== "x"), ...xs]) {
    const tags = t.gradFn?.tags;
    if (tags?.step === undefined) continue;
    const where = rowOf(tags.role, tags.module, recurrent);
    if (where === null) continue;
    if (where.role === "x" && readsCells(t, ctx)) continue;
    const key = cellKey(where.row, tags.step);
    const cell = cells.get(key) ?? newCell(where.row, where.role, where.role === "h" ? tags.module ?? null : null, tags.step);
    cells.set(key, cell);
    cellOf.set(t, key);
    cell.ops += 1;
    if (tags.role !== undefined) cell.roles.set(tags.role, (cell.roles.get(tags.role) ?? 0) + 1);
    if (representative(cell, tags.role)) {
      cell.tensor = t;
      cell.shape = [...t.shape];
    }
  }
  let found = findEdges(cellOf, cells, ctx);
  const learned = recurrentWeights(found);
  if ([...learned].some((n) => !HH_NAME.test(n))) {
    // A second pass knows W_hh by use, so a leaf it multiplies at t = 0 is h_0, not x_0.
    found = findEdges(cellOf, cells, { ...ctx, recurrentWeights: learned });
  }
  for (const e of found.edges.values()) e.parameters = lectureParameters(e, found.cells);
  return { cells: found.cells, edges: found.edges, parameters };
}

/** The edges between cells, with the parameters applied on each (x_t cells of input leaves are added). */
function findEdges(cellOf: Map<Tensor, string>, tagged: Map<string, FoundCell>, ctx: TraceContext): { cells: Map<string, FoundCell>; edges: Map<string, FoundEdge> } {
  const cells = new Map(tagged);
  const edges = new Map<string, FoundEdge>();
  for (const [t, key] of cellOf) {
    const target = cells.get(key);
    const node = t.gradFn;
    if (target === undefined || node === null) continue;
    const found = traceOp(t, key, ctx);
    const sources = new Map(found.sources);
    const fromX = sources.get(X_LEAF);
    sources.delete(X_LEAF);
    sources.delete(H0_LEAF);
    if (fromX !== undefined && found.x !== null && target.role === "h") {
      const x = inputCell(cells, target.step, found.x);
      sources.set(x, new Set([...(sources.get(x) ?? []), ...fromX]));
    }
    for (const [source, params] of sources) {
      if (source === key || !lectureEdge(cells.get(source), target)) continue;
      const id = `${source}->${key}`;
      const edge = edges.get(id) ?? { source, target: key, parameters: new Set<string>() };
      params.forEach((p) => edge.parameters.add(p));
      edges.set(id, edge);
    }
  }
  return { cells, edges };
}

/** Parameters on edges along a row (h_{t-1} -> h_t): the recurrent weights, by use. */
function recurrentWeights(found: { cells: Map<string, FoundCell>; edges: Map<string, FoundEdge> }): Set<string> {
  const out = new Set<string>();
  for (const e of found.edges.values()) {
    if (found.cells.get(e.source)?.row === found.cells.get(e.target)?.row) e.parameters.forEach((p) => out.add(p));
  }
  return out;
}

/**
 * The parameters the lecture writes on an edge: W_hh (and b_hh) on h_{t-1} -> h_t, W_ih (and b_ih)
 * on x_t -> h_t and between layers, when the names say which is which; otherwise all of them.
 */
function lectureParameters(e: FoundEdge, cells: Map<string, FoundCell>): Set<string> {
  const names = [...e.parameters];
  if (!names.some((n) => HH_NAME.test(n) || IH_NAME.test(n))) return e.parameters;
  const recurrent = cells.get(e.source)?.row === cells.get(e.target)?.row;
  const keep = recurrent ? /(^|[._])(weight_hh|w_hh|bias_hh|b_hh)/i : /(^|[._])(weight_ih|w_ih|w_xh|bias_ih|b_ih)/i;
  return new Set(names.filter((n) => keep.test(n)));
}

function newCell(row: string, role: FoundCell["role"], module: string | null, step: number): FoundCell {
  return { row, role, module, step, tensor: null, shape: [], ops: 0, roles: new Map() };
}

/**
 * Whether a node with `role` should stand for its cell. Nodes come nearest-the-output first, so a
 * hidden cell keeps the first h node met: the step's final h_t, not an inner one.
 */
function representative(cell: FoundCell, role: string | undefined): boolean {
  if (cell.role === "h") return role === "h" && cell.tensor === null;
  return cell.tensor === null;
}

/** The x_t cell of a step, made from an input leaf a hidden cell read (one per step). */
function inputCell(cells: Map<string, FoundCell>, step: number, leaf: Tensor): string {
  const key = cellKey("x", step);
  if (cells.has(key)) return key;
  const perStep = leaf.shape.length >= 3 ? leaf.shape.slice(1) : [...leaf.shape];
  cells.set(key, { ...newCell("x", "x", null, step), tensor: null, shape: perStep });
  return key;
}

/** Edges of the lecture figure: along a row between neighbouring steps, across rows at one step. */
function lectureEdge(source: FoundCell | undefined, target: FoundCell): boolean {
  if (source === undefined) return false;
  if (source.row === target.row) return Math.abs(source.step - target.step) === 1;
  return source.step === target.step && source.role !== "loss" && target.role !== "x";
}

/** Whether a role-x node reads another cell's tensors (a lower layer's output passing through). */
function readsCells(t: Tensor, ctx: TraceContext): boolean {
  return [...traceOp(t, null, ctx).sources.keys()].some((k) => k !== X_LEAF && k !== H0_LEAF);
}
