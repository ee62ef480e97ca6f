import { withScope } from "../../autograd/scope";
import { add } from "../../ops/add";
import { matmul } from "../../ops/matmul";
import { mul } from "../../ops/mul";
import { narrow } from "../../ops/narrow";
import { relu } from "../../ops/relu";
import { sigmoid } from "../../ops/sigmoid";
import { sub } from "../../ops/sub";
import { tanh } from "../../ops/tanh";
import { ValueError } from "../../errors";
import type { Tensor } from "../../tensor/tensor";
import type { CellKind } from "./recurrence";

/** One cell's weights for the composed path, with W^T made once per sequence. */
export interface ComposedWeights {
  /** W_ih^T [D, G*H]. */
  wIhT: Tensor;
  /** W_hh^T [H, G*H]. */
  wHhT: Tensor;
  bIh: Tensor | null;
  bHh: Tensor | null;
}

/** A recurrent state: h [B, H], and c [B, H] for the LSTM. */
export interface CellState {
  h: Tensor;
  c: Tensor | null;
}

/**
 * One step of a cell built from primitive ops, so every gate is a node of the graph, tagged with
 * its role (`gate_i`, `gate_f`, `gate_g`, `gate_o`, `gate_r`, `gate_z`, `gate_n`, `h`, `c`).
 * The fused kernels compute exactly these equations (see the cell classes for them).
 */
export function composedStep(kind: CellKind, x: Tensor, state: CellState, w: ComposedWeights): CellState {
  const H = state.h.shape[state.h.ndim - 1] ?? 0;
  const role = <T>(name: string, fn: () => T): T => withScope({ role: name }, fn);
  const gx = role("gates_x", () => affine(x, w.wIhT, w.bIh));
  const gh = role("gates_h", () => affine(state.h, w.wHhT, w.bHh));
  const part = (g: Tensor, k: number): Tensor => narrow(g, 1, k * H, H);
  if (kind === "lstm") {
    const cPrev = state.c;
    if (cPrev === null) throw new ValueError("LSTM step: the cell state c is missing; expected a [B, H] tensor, got null");
    const gates = role("gates", () => add(gx, gh));
    const i = role("gate_i", () => sigmoid(part(gates, 0)));
    const f = role("gate_f", () => sigmoid(part(gates, 1)));
    const g = role("gate_g", () => tanh(part(gates, 2)));
    const o = role("gate_o", () => sigmoid(part(gates, 3)));
    const c = role("c", () => add(mul(f, cPrev), mul(i, g)));
    const h = role("h", () => mul(o, tanh(c)));
    return { h, c };
  }
  if (kind === "gru") {
    const r = role("gate_r", () => sigmoid(add(part(gx, 0), part(gh, 0))));
    const z = role("gate_z", () => sigmoid(add(part(gx, 1), part(gh, 1))));
    const n = role("gate_n", () => tanh(add(part(gx, 2), mul(r, part(gh, 2)))));
    const h = role("h", () => add(mul(sub(1, z), n), mul(z, state.h)));
    return { h, c: null };
  }
  const h = role("h", () => {
    const a = add(gx, gh);
    return kind === "rnn_relu" ? relu(a) : tanh(a);
  });
  return { h, c: null };
}

/** x W^T + b with W^T given. */
function affine(x: Tensor, wT: Tensor, b: Tensor | null): Tensor {
  const xw = matmul(x, wT);
  return b === null ? xw : add(xw, b);
}
