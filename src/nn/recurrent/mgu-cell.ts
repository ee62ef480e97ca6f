import type { Tensor } from "../../tensor/tensor";
import { CELL_OPTION_NAMES, CellBase, CellOptions } from "./cell-base";

/**
 * One step of the minimal gated unit (MGU, Zhou et al. 2016):
 *
 *   f_t = s(W_f x_t + U_f h_{t-1} + b_f)
 *   h~_t = tanh(W_h x_t + U_h (f_t * h_{t-1}) + b_h)
 *   h_t = (1 - f_t) * h_{t-1} + f_t * h~_t
 *
 * Where:
 * - x_t [B, D] (or [D]); h_t, f_t, h~_t [B, H] (or [H]); h defaults to zeros
 * - `weight_ih` [2H, D] = [W_f; W_h] (packed f|n); `weight_hh` [2H, H] = [U_f; U_h]
 * - `bias_ih` + `bias_hh` [2H] = [b_f; b_h]
 *
 * Slide to code: the candidate h~_t is the graph's `gate_n`. Options: inputSize, hiddenSize,
 * bias (true), fused (false: there is no fused MGU kernel, `true` is an error), dtype.
 * Init: U(-1/sqrt(H), 1/sqrt(H)). Lecture: gated recurrent units.
 *
 * @example const cell = new nn.MGUCell({ inputSize: 3, hiddenSize: 5 }); h = cell.forward(x_t, h);
 */
export class MGUCell extends CellBase {
  constructor(options: CellOptions) {
    super("MGUCell", "mgu", options, CELL_OPTION_NAMES);
  }

  /** h_t from x_t [B, D] and h_{t-1} [B, H]. */
  forward(x: Tensor, h?: Tensor | null): Tensor {
    return this.step(x, h ?? undefined).h;
  }
}
