import { add } from "../../../ops/add";
import { GRU_KERNEL } from "../../../ops/fused/gru-kernel";
import { mul } from "../../../ops/mul";
import { sigmoid } from "../../../ops/sigmoid";
import { sub } from "../../../ops/sub";
import { tanh } from "../../../ops/tanh";
import { block, gateProducts, gateScope, roleScope } from "../composed-step";
import type { CellSpec, GateSpec } from "./cell-spec";

const RESET: GateSpec = { role: "gate_r", gate: { cell: "GRU", label: "reset gate r_t", activation: "sigmoid", block: 0 } };
const UPDATE: GateSpec = { role: "gate_z", gate: { cell: "GRU", label: "update gate z_t", activation: "sigmoid", block: 1 } };
const NEW: GateSpec = { role: "gate_n", gate: { cell: "GRU", label: "candidate n_t", activation: "tanh", block: 2 } };

/**
 * The GRU, PyTorch's convention (gates packed r|z|n):
 *   r_t = s(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr),  z_t = s(W_iz x_t + b_iz + W_hz h_{t-1} + b_hz)
 *   n_t = tanh(W_in x_t + b_in + r_t (W_hn h_{t-1} + b_hn)),  h_t = (1 - z_t) n_t + z_t h_{t-1}
 */
export const GRU_SPEC: CellSpec = {
  kind: "gru",
  name: "GRU",
  blocks: 3,
  gates: [RESET, UPDATE, NEW],
  cellState: false,
  repr: null,
  fused: GRU_KERNEL,
  step(x, state, w) {
    const H = state.h.shape[state.h.ndim - 1] ?? 0;
    const [gx, gh] = gateProducts(x, state.h, w.wIhT, w.wHhT, w.bIh, w.bHh);
    const r = gateScope(RESET, () => sigmoid(add(block(gx, 0, H), block(gh, 0, H))));
    const z = gateScope(UPDATE, () => sigmoid(add(block(gx, 1, H), block(gh, 1, H))));
    const n = gateScope(NEW, () => tanh(add(block(gx, 2, H), mul(r, block(gh, 2, H)))));
    const h = roleScope("h", () => add(mul(sub(1, z), n), mul(z, state.h)));
    return { h, c: null };
  },
};
