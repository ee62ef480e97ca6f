import type { Tensor } from "../../tensor/tensor";
import { stateTensor } from "./rnn";
import { RECURRENT_OPTION_NAMES, RNNBase, RecurrentOptions, RecurrentResult, SequenceOptions } from "./rnn-base";

/**
 * A multi-layer minimal gated unit (MGU, Zhou et al. 2016): a GRU with one gate. For each layer
 * and step:
 *
 *   f_t = s(W_f x_t + U_f h_{t-1} + b_f)                    forget gate
 *   h~_t = tanh(W_h x_t + U_h (f_t * h_{t-1}) + b_h)        candidate
 *   h_t = (1 - f_t) * h_{t-1} + f_t * h~_t
 *
 * Where x_t [B, D], h_t, f_t, h~_t [B, H]; `weight_ih_l{k}` [2H, D] packs W_f|W_h,
 * `weight_hh_l{k}` [2H, H] packs U_f|U_h, `bias_ih_l{k}` and `bias_hh_l{k}` [2H] likewise (b_f is
 * the sum of their first blocks, b_h of their second). PyTorch has no MGU; the names follow its
 * RNN template, so the state dict has the same keys as a GRU's with two blocks instead of three.
 * Runs on the composed path (no fused kernel; `fused: true` is an error).
 * Inputs, outputs and options as `GRU`; see `MGUCell` for one step. Lecture: gated recurrent units.
 *
 * @example const { output, h } = new nn.MGU({ inputSize: 8, hiddenSize: 16, bidirectional: true }).forward(x);
 */
export class MGU extends RNNBase {
  constructor(options: RecurrentOptions) {
    super("MGU", "mgu", options, RECURRENT_OPTION_NAMES);
  }

  /** Runs the sequence; `h0` defaults to zeros; `lengths` handles padded batches. */
  forward(x: Tensor, h0?: Tensor | { h: Tensor } | null, options: SequenceOptions = {}): RecurrentResult {
    const h = stateTensor(h0);
    const [seq, lengths] = this.checkForward(x, [["h0", h]], options);
    const out = this.runLayers(x, seq, lengths, h);
    return { output: out.output, h: out.h };
  }
}
