import type { TypedArray } from "../../../tensor/dtype";
import { allocate } from "../../../tensor/dtype";
import { Tensor } from "../../../tensor/tensor";
import type { CellKind } from "../recurrence";

/**
 * Gate activations of the fused path, for the figures. The fused cell leaves its activations in
 * the direction's gate buffer ([T*B, G*H], packed i|f|g|o or r|z|n), which the graph keeps anyway
 * (it is the data of the projection node every step reads). Each step tensor h_t, and the
 * layer's output, are registered here with where their gates sit: nothing is copied until a
 * figure reads a gate.
 *
 *   LSTM: i_t = s(a_i), f_t = s(a_f), g_t = tanh(a_g), o_t = s(a_o)
 *   GRU:  r_t = s(x_r + hw_r), z_t = s(x_z + hw_z), n_t = tanh(x_n + r_t hw_n)
 */

/** One gate of one step: its module, step, role (`gate_i`, ...) and a reader of its [B, H] values. */
export interface FusedGate {
  module: string;
  step: number;
  role: string;
  /** Copies the gate's activations of the step out of the gate buffer: [B, H]. */
  read(): Tensor;
}

/** Where the gates of one step of one direction sit. */
export interface FusedGateStep {
  module: string;
  /** The step tag of the node (t for a layer; the caller's step for a single cell). */
  step: number;
  /** [T*B, G*H] activations of the direction, shared with the graph. */
  acts: TypedArray;
  /** Index of the step in the buffer: rows t*B .. (t+1)*B - 1. */
  t: number;
  B: number;
  H: number;
  /** Gate roles in packing order. */
  roles: readonly string[];
}

const LSTM_ROLES = ["gate_i", "gate_f", "gate_g", "gate_o"] as const;
const GRU_ROLES = ["gate_r", "gate_z", "gate_n"] as const;
const REGISTRY = new WeakMap<Tensor, readonly FusedGateStep[]>();

/** The gate roles of a cell in packing order, or null for the Elman RNN (no gates). */
export function gateRoles(kind: CellKind): readonly string[] | null {
  return kind === "lstm" ? LSTM_ROLES : kind === "gru" ? GRU_ROLES : null;
}

/** Registers the gate steps a tensor (a step's h_t or a layer's output) stands for. */
export function rememberGates(t: Tensor, steps: readonly FusedGateStep[]): void {
  if (steps.length > 0) REGISTRY.set(t, steps);
}

/**
 * The gate activations carried by `t` when it is a fused LSTM/GRU step h_t (its own step) or a
 * fused layer's output (every step); empty for any other tensor.
 *
 * @example for (const g of fusedGates(lstm.forward(x).output)) console.log(g.role, g.step, g.read().shape)
 */
export function fusedGates(t: Tensor): FusedGate[] {
  const steps = REGISTRY.get(t);
  if (steps === undefined) return [];
  const out: FusedGate[] = [];
  for (const s of steps) {
    s.roles.forEach((role, k) => out.push({ module: s.module, step: s.step, role, read: () => readGate(s, k) }));
  }
  return out;
}

/** Gate block k of step s.t: rows (t B + b), columns k H .. (k+1) H of the gate buffer. */
function readGate(s: FusedGateStep, k: number): Tensor {
  const { B, H, acts } = s;
  const G = s.roles.length * H;
  const out = allocate(acts instanceof Float64Array ? "float64" : "float32", B * H);
  for (let b = 0; b < B; b++) {
    const from = (s.t * B + b) * G + k * H;
    out.set(acts.subarray(from, from + H), b * H);
  }
  return new Tensor(out, [B, H]);
}
