import { withScope } from "../../autograd/scope";
import { add } from "../../ops/add";
import { matmul } from "../../ops/matmul";
import { narrow } from "../../ops/narrow";
import type { Tensor } from "../../tensor/tensor";
import type { GateSpec } from "./cells/cell-spec";

/**
 * Helpers of the composed cell steps (`CellSpec.step`): each gate's ops run inside the scope of
 * its role, so the graph shows every gate as a node tagged `{ role: "gate_f", gate: { cell: "LSTM",
 * label: "forget gate f_t", activation: "sigmoid" } }`.
 */

/** Runs `fn` tagged with a role that is not a gate (`gates_x`, `c`, `h`). */
export function roleScope<T>(role: string, fn: () => T): T {
  return withScope({ role }, fn);
}

/** Runs `fn` tagged with the role and gate tag of `gate`. */
export function gateScope<T>(gate: GateSpec, fn: () => T): T {
  return withScope({ role: gate.role, gate: gate.gate }, fn);
}

/** Block k of H columns of packed gates g [B, G*H]. */
export function block(g: Tensor, k: number, H: number): Tensor {
  return narrow(g, 1, k * H, H);
}

/** x W^T + b with W^T given. */
export function affine(x: Tensor, wT: Tensor, b: Tensor | null): Tensor {
  const xw = matmul(x, wT);
  return b === null ? xw : add(xw, b);
}

/** The two products of a step, x W_ih^T + b_ih and h W_hh^T + b_hh, tagged `gates_x` and `gates_h`. */
export function gateProducts(x: Tensor, h: Tensor, wIhT: Tensor, wHhT: Tensor, bIh: Tensor | null, bHh: Tensor | null): [Tensor, Tensor] {
  const gx = roleScope("gates_x", () => affine(x, wIhT, bIh));
  const gh = roleScope("gates_h", () => affine(h, wHhT, bHh));
  return [gx, gh];
}
