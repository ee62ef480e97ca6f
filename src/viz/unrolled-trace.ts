/**
 * Walks back from one op of a cell to the cells it depends on and the parameters it reads, for
 * the unrolled figure. The walk passes through untagged nodes (W^T made once per sequence), and
 * through the target cell's own plumbing: nodes of the same (module, step) without a role, and
 * layout-only ops (reshape, permute, expand, ...) such as the reshape matmul makes of a 1-D h.
 * It stops at a parameter, at a node of another cell, or at a node of this cell with a role.
 *
 * Parameters are put on the cell they are combined with: in W_hh h_{t-1} + W_xh x_t + b, W_hh
 * goes with h_{t-1}, W_xh with x_t, and b (added to both sums) with both.
 */
import type { Tensor } from "../tensor/tensor";

/** What a walk back from an op finds. */
export interface Traced {
  /** Cells reached (and `X_LEAF`, `H0_LEAF` for leaves), each with the parameters applied to it. */
  sources: Map<string, Set<string>>;
  /** Parameters met on no path to a cell: W before it meets h in W h. */
  free: Set<string>;
  /** The input leaf read by a matmul-like op (x_t, or X of a fused projection), if any. */
  x: Tensor | null;
}

/** Where a walk may go and what it records. */
export interface TraceContext {
  /** The cell of every tagged node. */
  cellOf: ReadonlyMap<Tensor, string>;
  /** Every named parameter met, with its shape (filled by the walk). */
  parameters: Map<string, number[]>;
  /** Parameters seen applied to h_{t-1} on a recurrent edge (W_hh, whatever its name). */
  recurrentWeights: ReadonlySet<string>;
}

/** Source key standing for an input leaf read by a matmul-like op. */
export const X_LEAF = "\u0000x";
/** Source key standing for an initial state h_0 given as a leaf (W_hh h_0 is drawn nowhere). */
export const H0_LEAF = "\u0000h0";

export const MATMUL_OPS = /matmul|affine|linear|projection|addmm|gemm/;
export const HH_NAME = /(^|[._])(weight_hh|w_hh)/i;
export const IH_NAME = /(^|[._])(weight_ih|w_ih|w_xh)/i;
const LAYOUT_OPS = /^(reshape|view|flatten|squeeze|unsqueeze|permute|transpose|expand|contiguous|clone|to)$/;

/**
 * Traces the inputs of `root` (a node of cell `target`, or of no cell) back to cells and
 * parameters. Iterative post-order over the nodes passed through, each combined once.
 */
export function traceOp(root: Tensor, target: string | null, ctx: TraceContext): Traced {
  const passes = (t: Tensor): boolean => t === root || passesThrough(t, target, ctx.cellOf);
  const done = new Map<Tensor, Traced>();
  const stack: Array<[Tensor, boolean]> = [[root, false]];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    const [t, expanded] = item;
    if (done.has(t)) continue;
    const node = t.gradFn;
    if (node === null) continue;
    if (expanded) {
      done.set(t, combineInputs(t, done, passes, ctx));
      continue;
    }
    stack.push([t, true]);
    for (const input of node.inputs) if (!done.has(input) && passes(input)) stack.push([input, false]);
  }
  return done.get(root) ?? emptyTrace();
}

/** Whether a walk for cell `target` goes through `t` rather than stopping there. */
function passesThrough(t: Tensor, target: string | null, cellOf: ReadonlyMap<Tensor, string>): boolean {
  const node = t.gradFn;
  if (node === null) return false;
  const cell = cellOf.get(t);
  if (cell === undefined) return true;
  return cell === target && (node.tags?.role === undefined || LAYOUT_OPS.test(node.op));
}

/** Combines what the inputs of `t` reach: free parameters of one input apply to the cells of the others. */
function combineInputs(t: Tensor, done: ReadonlyMap<Tensor, Traced>, passes: (t: Tensor) => boolean, ctx: TraceContext): Traced {
  const node = t.gradFn;
  const out = emptyTrace();
  if (node === null) return out;
  const matmul = MATMUL_OPS.test(node.op);
  const skipLeaves = matmul && readsOnlyWhh(node.inputs, ctx.recurrentWeights);
  const loose: string[] = [];
  for (const input of node.inputs) {
    const part = passes(input) ? done.get(input) ?? emptyTrace() : stopAt(input, matmul, skipLeaves, ctx);
    for (const [cell, params] of part.sources) {
      const into = out.sources.get(cell) ?? new Set<string>();
      params.forEach((p) => into.add(p));
      out.sources.set(cell, into);
    }
    if (part.sources.size === 0) loose.push(...part.free);
    out.x = part.x ?? out.x;
  }
  if (out.sources.size === 0) loose.forEach((p) => out.free.add(p));
  else for (const params of out.sources.values()) loose.forEach((p) => params.add(p));
  return out;
}

/** What a walk finds where it stops: a cell, a named parameter, an input leaf, or nothing. */
function stopAt(t: Tensor, viaMatmul: boolean, skipLeaves: boolean, ctx: TraceContext): Traced {
  const out = emptyTrace();
  const cell = ctx.cellOf.get(t);
  if (cell !== undefined) {
    out.sources.set(cell, new Set());
  } else if (t.gradFn === null && t.requiresGrad && t.name !== undefined) {
    out.free.add(t.name);
    ctx.parameters.set(t.name, [...t.shape]);
  } else if (t.gradFn === null && !t.requiresGrad && viaMatmul && skipLeaves) {
    out.sources.set(H0_LEAF, new Set());
  } else if (t.gradFn === null && !t.requiresGrad && viaMatmul && t.shape.length >= 2) {
    out.sources.set(X_LEAF, new Set());
    out.x = t;
  }
  return out;
}

function emptyTrace(): Traced {
  return { sources: new Map(), free: new Set(), x: null };
}

/**
 * True when an op's parameters (through untagged nodes such as W^T) include W_hh but not W_ih, or
 * are all weights seen on recurrent edges: the leaf it reads is then h_0, not an input x_t.
 */
function readsOnlyWhh(inputs: readonly Tensor[], recurrentWeights: ReadonlySet<string>): boolean {
  const names: string[] = [];
  const stack = [...inputs];
  for (let guard = 0; stack.length > 0 && guard < 64; guard++) {
    const t = stack.pop();
    if (t === undefined) break;
    if (t.gradFn === null) {
      if (t.name !== undefined) names.push(t.name);
    } else if (t.gradFn.tags?.step === undefined || LAYOUT_OPS.test(t.gradFn.op)) stack.push(...t.gradFn.inputs);
  }
  if (names.some((n) => HH_NAME.test(n)) && !names.some((n) => IH_NAME.test(n))) return true;
  return names.length > 0 && names.every((n) => recurrentWeights.has(n));
}
