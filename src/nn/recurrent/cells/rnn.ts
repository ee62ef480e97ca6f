import { add } from "../../../ops/add";
import { RNN_RELU_KERNEL, RNN_TANH_KERNEL } from "../../../ops/fused/rnn-kernel";
import { relu } from "../../../ops/relu";
import { tanh } from "../../../ops/tanh";
import { gateProducts, roleScope } from "../composed-step";
import type { CellSpec } from "./cell-spec";

/** The Elman RNN: h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh) (no gates). */
export const RNN_TANH_SPEC: CellSpec = {
  kind: "rnn_tanh",
  name: "RNN",
  blocks: 1,
  gates: [],
  cellState: false,
  repr: null,
  fused: RNN_TANH_KERNEL,
  step(x, state, w) {
    const [gx, gh] = gateProducts(x, state.h, w.wIhT, w.wHhT, w.bIh, w.bHh);
    return { h: roleScope("h", () => tanh(add(gx, gh))), c: null };
  },
};

/**
 * The Elman RNN with ReLU (the IRNN of Deep Learning for Engineers, lecture 11):
 * h_t = max(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh, 0).
 */
export const RNN_RELU_SPEC: CellSpec = {
  kind: "rnn_relu",
  name: "RNN",
  blocks: 1,
  gates: [],
  cellState: false,
  repr: "nonlinearity=relu",
  fused: RNN_RELU_KERNEL,
  step(x, state, w) {
    const [gx, gh] = gateProducts(x, state.h, w.wIhT, w.wHhT, w.bIh, w.bHh);
    return { h: roleScope("h", () => relu(add(gx, gh))), c: null };
  },
};
