import type { Tensor } from "../../tensor/tensor";
import { CELL_OPTION_NAMES, CellBase, CellOptions } from "./cell-base";
import { nonlinearityOf } from "./rnn";

/** Options of `RNNCell`. */
export interface RNNCellOptions extends CellOptions {
  /** "tanh" (default) or "relu". */
  nonlinearity?: "tanh" | "relu";
}

/**
 * One step of the Elman RNN (PyTorch's `nn.RNNCell`), the lecture's recurrence:
 *
 *   h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h)       (ReLU with nonlinearity "relu")
 *
 * Where:
 * - x_t [B, D] (or [D]): input; h_{t-1}, h_t [B, H] (or [H]): hidden state (zeros when omitted)
 * - W_xh = `weight_ih` [H, D]; W_hh = `weight_hh` [H, H]; b_h = `bias_ih` + `bias_hh` [H]
 *
 * Options: inputSize, hiddenSize, bias (true), nonlinearity ("tanh"), fused (true), dtype.
 * Init: U(-1/sqrt(H), 1/sqrt(H)). Deep Learning for Engineers, lecture 11 (vanilla RNN).
 *
 * @example const cell = new nn.RNNCell({ inputSize: 3, hiddenSize: 5 }); h = cell.forward(x_t, h);
 */
export class RNNCell extends CellBase {
  readonly nonlinearity: "tanh" | "relu";

  constructor(options: RNNCellOptions) {
    super("RNNCell", nonlinearityOf("RNNCell", options), options, [...CELL_OPTION_NAMES, "nonlinearity"]);
    this.nonlinearity = options.nonlinearity ?? "tanh";
  }

  /** h_t from x_t [B, D] and h_{t-1} [B, H]. */
  forward(x: Tensor, h?: Tensor | null): Tensor {
    return this.step(x, h ?? undefined).h;
  }
}
