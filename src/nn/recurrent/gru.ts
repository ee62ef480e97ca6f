import type { Tensor } from "../../tensor/tensor";
import { RECURRENT_OPTION_NAMES, RNNBase, RecurrentOptions, RecurrentResult, SequenceOptions } from "./rnn-base";
import { stateTensor } from "./rnn";

/**
 * A multi-layer GRU (PyTorch's `nn.GRU`, Cho et al. 2014). For each layer and step:
 *
 *   r_t = s(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr)
 *   z_t = s(W_iz x_t + b_iz + W_hz h_{t-1} + b_hz)
 *   n_t = tanh(W_in x_t + b_in + r_t * (W_hn h_{t-1} + b_hn))
 *   h_t = (1 - z_t) * n_t + z_t * h_{t-1}
 *
 * Where x_t [B, D], h_t, r_t, z_t, n_t [B, H]; `weight_ih_l{k}` [3H, D] packs W_ir|W_iz|W_in,
 * `weight_hh_l{k}` [3H, H] packs W_hr|W_hz|W_hn, `bias_ih_l{k}`, `bias_hh_l{k}` [3H] likewise.
 *
 * Slide to code: the lectures write g_t = tanh(U_g x_t + W_g (r_t * h_{t-1}) + b_g) and
 * h_t = z_t * g_t + (1 - z_t) * h_{t-1}. PyTorch (and this library, for weight compatibility)
 * applies r_t after the matrix product, r_t * (W_hn h_{t-1} + b_hn), and lets z_t keep the old
 * state, so the lecture's z_t is our 1 - z_t; U_g is W_in, W_g is W_hn, g_t is n_t.
 * Inputs, outputs and options as `RNN`; see `GRUCell` for one step. Lecture: gated recurrent units.
 *
 * @example const { output, h } = new nn.GRU({ inputSize: 8, hiddenSize: 16 }).forward(x);
 */
export class GRU extends RNNBase {
  constructor(options: RecurrentOptions) {
    super("GRU", "gru", options, RECURRENT_OPTION_NAMES);
  }

  /** Runs the sequence; `h0` defaults to zeros; `lengths` handles padded batches. */
  forward(x: Tensor, h0?: Tensor | { h: Tensor } | null, options: SequenceOptions = {}): RecurrentResult {
    const h = stateTensor(h0);
    const [seq, lengths] = this.checkForward(x, [["h0", h]], options);
    const out = this.runLayers(x, seq, lengths, h);
    return { output: out.output, h: out.h };
  }
}
