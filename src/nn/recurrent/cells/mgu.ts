import { add } from "../../../ops/add";
import { mul } from "../../../ops/mul";
import { sigmoid } from "../../../ops/sigmoid";
import { sub } from "../../../ops/sub";
import { tanh } from "../../../ops/tanh";
import { affine, block, gateScope, roleScope } from "../composed-step";
import type { CellSpec, GateSpec } from "./cell-spec";

const FORGET: GateSpec = { role: "gate_f", gate: { cell: "MGU", label: "forget gate f_t", activation: "sigmoid", block: 0 } };
const CANDIDATE: GateSpec = { role: "gate_n", gate: { cell: "MGU", label: "candidate h~_t", activation: "tanh", block: 1 } };

/**
 * The minimal gated unit (Zhou et al. 2016), gates packed f|n:
 *   f_t = s(W_f x_t + U_f h_{t-1} + b_f)
 *   h~_t = tanh(W_h x_t + U_h (f_t * h_{t-1}) + b_h)
 *   h_t = (1 - f_t) * h_{t-1} + f_t * h~_t
 * W_f|W_h is `weight_ih` [2H, D], U_f|U_h is `weight_hh` [2H, H]; b_f and b_h are the sums of the
 * blocks of `bias_ih` and `bias_hh` [2H]. No fused kernel: it runs on the composed path.
 */
export const MGU_SPEC: CellSpec = {
  kind: "mgu",
  name: "MGU",
  blocks: 2,
  gates: [FORGET, CANDIDATE],
  cellState: false,
  repr: null,
  fused: null,
  step(x, state, w) {
    const hPrev = state.h;
    const H = hPrev.shape[hPrev.ndim - 1] ?? 0;
    // block k of h W_hh^T + b_hh is h U_k^T + b_hk: each product multiplies the whole W_hh^T
    // (a per-sequence node, so figures see W_hh on the recurrent edge) and keeps its block
    const gx = roleScope("gates_x", () => affine(x, w.wIhT, w.bIh));
    const f = gateScope(FORGET, () => sigmoid(add(block(gx, 0, H), block(affine(hPrev, w.wHhT, w.bHh), 0, H))));
    const n = gateScope(CANDIDATE, () => tanh(add(block(gx, 1, H), block(affine(mul(f, hPrev), w.wHhT, w.bHh), 1, H))));
    const h = roleScope("h", () => add(mul(sub(1, f), hPrev), mul(f, n)));
    return { h, c: null };
  },
};
