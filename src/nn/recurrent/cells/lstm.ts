import { add } from "../../../ops/add";
import { LSTM_KERNEL } from "../../../ops/fused/lstm-kernel";
import { mul } from "../../../ops/mul";
import { sigmoid } from "../../../ops/sigmoid";
import { tanh } from "../../../ops/tanh";
import { ValueError } from "../../../errors";
import { block, gateProducts, gateScope, roleScope } from "../composed-step";
import type { CellSpec, GateSpec } from "./cell-spec";

const INPUT: GateSpec = { role: "gate_i", gate: { cell: "LSTM", label: "input gate i_t", activation: "sigmoid", block: 0 } };
const FORGET: GateSpec = { role: "gate_f", gate: { cell: "LSTM", label: "forget gate f_t", activation: "sigmoid", block: 1 } };
const CANDIDATE: GateSpec = { role: "gate_g", gate: { cell: "LSTM", label: "candidate g_t", activation: "tanh", block: 2 } };
const OUTPUT: GateSpec = { role: "gate_o", gate: { cell: "LSTM", label: "output gate o_t", activation: "sigmoid", block: 3 } };

/**
 * The LSTM (gates packed i|f|g|o):
 *   i_t = s(a_i), f_t = s(a_f), g_t = tanh(a_g), o_t = s(a_o),  a = W_ih x_t + b_ih + W_hh h_{t-1} + b_hh
 *   c_t = f_t c_{t-1} + i_t g_t,  h_t = o_t tanh(c_t)
 */
export const LSTM_SPEC: CellSpec = {
  kind: "lstm",
  name: "LSTM",
  blocks: 4,
  gates: [INPUT, FORGET, CANDIDATE, OUTPUT],
  cellState: true,
  repr: null,
  fused: LSTM_KERNEL,
  step(x, state, w) {
    const H = state.h.shape[state.h.ndim - 1] ?? 0;
    const cPrev = state.c;
    if (cPrev === null) throw new ValueError("LSTM step: the cell state c is missing; expected a [B, H] tensor, got null");
    const [gx, gh] = gateProducts(x, state.h, w.wIhT, w.wHhT, w.bIh, w.bHh);
    const gates = roleScope("gates", () => add(gx, gh));
    const i = gateScope(INPUT, () => sigmoid(block(gates, 0, H)));
    const f = gateScope(FORGET, () => sigmoid(block(gates, 1, H)));
    const g = gateScope(CANDIDATE, () => tanh(block(gates, 2, H)));
    const o = gateScope(OUTPUT, () => sigmoid(block(gates, 3, H)));
    const c = roleScope("c", () => add(mul(f, cPrev), mul(i, g)));
    const h = roleScope("h", () => mul(o, tanh(c)));
    return { h, c };
  },
};
