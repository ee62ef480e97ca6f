import type { Tensor } from "../../tensor/tensor";
import { CELL_OPTION_NAMES, CellBase, CellOptions } from "./cell-base";

/**
 * One GRU step (PyTorch's `nn.GRUCell`):
 *
 *   r_t = s(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr)
 *   z_t = s(W_iz x_t + b_iz + W_hz h_{t-1} + b_hz)
 *   n_t = tanh(W_in x_t + b_in + r_t * (W_hn h_{t-1} + b_hn))
 *   h_t = (1 - z_t) * n_t + z_t * h_{t-1}
 *
 * Where:
 * - x_t [B, D] (or [D]); h_t, r_t, z_t, n_t [B, H] (or [H]); h defaults to zeros
 * - `weight_ih` [3H, D] = [W_ir; W_iz; W_in] (packed r|z|n); `weight_hh` [3H, H] = [W_hr; W_hz; W_hn]
 * - `bias_ih` [3H] = [b_ir; b_iz; b_in]; `bias_hh` [3H] = [b_hr; b_hz; b_hn]
 *
 * Slide to code: the lectures write g_t = tanh(U_g x_t + W_g (r_t * h_{t-1}) + b_g) and
 * h_t = z_t * g_t + (1 - z_t) * h_{t-1}. Two differences, kept for weight compatibility with
 * PyTorch: the reset gate multiplies after the matrix product, r_t * (W_hn h_{t-1} + b_hn), and
 * z_t weights the old state, so the lecture's z_t is our 1 - z_t. U_g is W_in, W_g is W_hn, g_t
 * is n_t. Options: inputSize, hiddenSize, bias (true), fused (true), dtype.
 * Init: U(-1/sqrt(H), 1/sqrt(H)). Lecture: gated recurrent units.
 *
 * @example const cell = new nn.GRUCell({ inputSize: 3, hiddenSize: 5 }); h = cell.forward(x_t, h);
 */
export class GRUCell extends CellBase {
  constructor(options: CellOptions) {
    super("GRUCell", "gru", options, CELL_OPTION_NAMES);
  }

  /** h_t from x_t [B, D] and h_{t-1} [B, H]. */
  forward(x: Tensor, h?: Tensor | null): Tensor {
    return this.step(x, h ?? undefined).h;
  }
}
