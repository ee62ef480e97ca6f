/**
 * Measuring gradient flow through time (lecture: vanishing and exploding gradients in BPTT).
 * `measureGradientFlow(loss)` runs the backward pass for you and records, for the hidden states h_t of a
 * recurrent layer found by their scope tags,
 *
 *   ||dL/dh_t||                      the gradient reaching step t from the loss, and optionally
 *   ||dh_T/dh_t||_F = ||prod_{k=t+1..T} dh_k/dh_{k-1}||_F   how much h_t still moves h_T,
 *
 * plus the gradient norm of every named parameter. For a 1-D linear RNN h_t = w h_{t-1} + x_t,
 * both are |w|^(T-t): they vanish for |w| < 1 and explode for |w| > 1.
 *
 * Both recurrent paths give the same numbers: on the fused path too, the step tensor h_t receives
 * the whole dL/dh_t (from the output y_t and from h_{t+1}).
 */
import { checkKnownOptions } from "../known-options";
import { GRADIENT_FLOW_OPTIONS } from "./option-names";
import { ValueError } from "../errors";
import { Generator } from "../tensor/random";
import { Tensor } from "../tensor/tensor";
import { reachable } from "./data/reachable";
import { computeStats } from "./data/stats";
import { extractUnrolled } from "./unrolled-extract";

/** The hidden states of one recurrent module, in step order. */
export interface HiddenStates {
  module: string;
  steps: number[];
  states: Tensor[];
}

/** Gradient norms of one model, per time step (t = 1..T) and per parameter. */
export interface GradientFlow {
  model: string;
  module: string;
  /** t = step + 1, as in the lecture. */
  steps: number[];
  /** ||dL/dh_t||. */
  loss: number[];
  /** ||dh_T/dh_t||_F (batch element 0), or null when not asked for. */
  jacobian: number[] | null;
  parameters: Array<{ name: string; shape: number[]; norm: number }>;
}

/** Options of `measureGradientFlow`. */
export interface GradientFlowOptions {
  /** Name shown in the figure (default: the module). */
  model?: string;
  /** The recurrent module to follow (default: the lowest forward layer found). */
  module?: string;
  /** Also measure ||dh_T/dh_t|| (default true). */
  jacobian?: boolean;
  /** Above this hidden size, ||dh_T/dh_t||_F is estimated with 16 random probes (default 64). */
  exactJacobianMax?: number;
}

/** The per-step hidden states (role "h") of every recurrent module in the graph of `loss`. */
export function hiddenStates(loss: Tensor): HiddenStates[] {
  const byModule = new Map<string, Array<[number, Tensor]>>();
  for (const cell of extractUnrolled(loss).cells.values()) {
    if (cell.role !== "h" || cell.module === null || cell.tensor === null) continue;
    const list = byModule.get(cell.module) ?? [];
    list.push([cell.step, cell.tensor]);
    byModule.set(cell.module, list);
  }
  return [...byModule.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([module, list]) => {
      list.sort((a, b) => a[0] - b[0]);
      return { module, steps: list.map(([s]) => s), states: list.map(([, t]) => t) };
    });
}

/**
 * Calls `retainGrad()` on every per-step hidden state of the graph of `loss`, so that after
 * `loss.backward()` each h_t has `.grad` (and `viz.unrolled(loss)` shows ||dL/dh_t||).
 */
export function retainHiddenGrads(loss: Tensor): HiddenStates[] {
  const found = hiddenStates(loss);
  for (const h of found) for (const t of h.states) t.retainGrad();
  return found;
}

/**
 * Runs `loss.backward()` and measures the gradient flow through time (see the module comment).
 * Use it in place of `loss.backward()`; parameter gradients accumulate as usual.
 *
 * @example const flow = viz.measureGradientFlow(loss, { model: "LSTM" }); viz.gradflow([flow])
 */
export function measureGradientFlow(loss: Tensor, options: GradientFlowOptions = {}): GradientFlow {
  checkKnownOptions("viz.measureGradientFlow", options, GRADIENT_FLOW_OPTIONS);
  const all = retainHiddenGrads(loss);
  const chosen = options.module === undefined ? pickModule(all) : all.find((h) => h.module === options.module);
  if (chosen === undefined) {
    const known = all.map((h) => h.module).join(", ") || "none";
    throw new ValueError(`viz.measureGradientFlow: no hidden states of module ${options.module ?? "(any)"}; expected one of the tagged recurrent modules, got ${known}`);
  }
  const jacobian = options.jacobian ?? true ? jacobianNorms(chosen.states, options.exactJacobianMax ?? 64) : null;
  loss.backward();
  const lossNorms = chosen.states.map((h) => (h.grad === null ? 0 : computeStats(h.grad.data).norm ?? NaN));
  return {
    model: options.model ?? chosen.module,
    module: chosen.module,
    steps: chosen.steps.map((s) => s + 1),
    loss: lossNorms,
    jacobian,
    parameters: namedLeaves(loss).map((p) => ({ name: p.name ?? "", shape: [...p.shape], norm: p.grad === null ? 0 : computeStats(p.grad.data).norm ?? NaN })),
  };
}

function pickModule(all: HiddenStates[]): HiddenStates | undefined {
  return all.find((h) => !h.module.endsWith("_reverse")) ?? all[0];
}

/**
 * ||dh_T/dh_t||_F for every t, from backward passes started at h_T[0] (batch element 0): one per
 * unit when H <= exactMax, else 16 Gaussian probes g with E||g^T J||^2 = ||J||_F^2.
 * Gradients of leaves are saved and restored, so the measurement leaves no trace.
 */
function jacobianNorms(states: Tensor[], exactMax: number): number[] {
  const last = states[states.length - 1];
  if (last === undefined) return [];
  const unit = last.shape[last.shape.length - 1] ?? 1;
  const exact = unit <= exactMax;
  const probes = exact ? unit : 16;
  const leaves = leavesOf(last);
  const saved = leaves.map((l) => l.grad);
  const sums = new Float64Array(states.length);
  const captured = new Array<Tensor | null>(states.length).fill(null);
  const hooks = states.map((h, i) => h.registerHook((g) => void (captured[i] = g)));
  const gen = new Generator(0);
  try {
    for (let k = 0; k < probes; k++) {
      const seed = new Float64Array(last.numel);
      for (let j = 0; j < unit; j++) seed[j] = exact ? (j === k ? 1 : 0) : gen.normal();
      captured.fill(null);
      last.backward(new Tensor(seed, last.shape).to(last.dtype), { retainGraph: true });
      captured.forEach((g, i) => (sums[i] = (sums[i] ?? 0) + sumSquares(g)));
    }
  } finally {
    hooks.forEach((h) => h.remove());
    leaves.forEach((l, i) => (l.grad = saved[i] ?? null));
    for (const h of states) h.grad = null;
  }
  return Array.from(sums, (s) => Math.sqrt(exact ? s : s / probes));
}

function sumSquares(g: Tensor | null): number {
  if (g === null) return 0;
  let s = 0;
  for (let i = 0; i < g.data.length; i++) s += (g.data[i] as number) ** 2;
  return s;
}

function leavesOf(root: Tensor): Tensor[] {
  return reachable(root).filter((t) => t.gradFn === null && t.requiresGrad);
}

function namedLeaves(root: Tensor): Tensor[] {
  return leavesOf(root).filter((t) => t.name !== undefined).sort((a, b) => (a.name ?? "").localeCompare(b.name ?? ""));
}
