import { ValueError } from "../../errors";
import type { Tensor } from "../../tensor/tensor";
import { CELL_OPTION_NAMES, CellBase, CellOptions } from "./cell-base";

/**
 * One LSTM step (PyTorch's `nn.LSTMCell`), as in the lecture:
 *
 *   i_t = s(W_xi x_t + W_hi h_{t-1} + b_i)     f_t = s(W_xf x_t + W_hf h_{t-1} + b_f)
 *   g_t = tanh(W_xc x_t + W_hc h_{t-1} + b_c)  o_t = s(W_xo x_t + W_ho h_{t-1} + b_o)
 *   c_t = f_t * c_{t-1} + i_t * g_t,           h_t = o_t * tanh(c_t)
 *
 * Where:
 * - x_t [B, D] (or [D]); h_t, c_t, i_t, f_t, g_t, o_t [B, H] (or [H]); h and c default to zeros
 * - `weight_ih` [4H, D] = [W_xi; W_xf; W_xc; W_xo] (packed i|f|g|o, rows 0..H-1 are the input gate)
 * - `weight_hh` [4H, H] = [W_hi; W_hf; W_hc; W_ho]; `bias_ih` + `bias_hh` [4H] = [b_i; b_f; b_c; b_o]
 *
 * Slide to code: the slides' candidate c~_t is g_t (`gate_g` in graphs). Options: inputSize,
 * hiddenSize, bias (true), fused (true), dtype. Init: U(-1/sqrt(H), 1/sqrt(H)). Lecture: gated recurrent units.
 *
 * @example const cell = new nn.LSTMCell({ inputSize: 3, hiddenSize: 5 }); ({ h, c } = cell.forward(x_t, { h, c }));
 */
export class LSTMCell extends CellBase {
  constructor(options: CellOptions) {
    super("LSTMCell", "lstm", options, CELL_OPTION_NAMES);
  }

  /** { h_t, c_t } from x_t [B, D] and { h_{t-1}, c_{t-1} } [B, H]. */
  forward(x: Tensor, state?: { h: Tensor; c: Tensor } | null): { h: Tensor; c: Tensor } {
    const out = this.step(x, state?.h ?? undefined, state?.c ?? undefined);
    if (out.c === null) throw new ValueError("LSTMCell.forward: the cell state is missing; expected a tensor, got null");
    return { h: out.h, c: out.c };
  }
}
