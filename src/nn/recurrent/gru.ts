import type { Tensor } from "../../tensor/tensor";
import { RECURRENT_OPTION_NAMES, RNNBase, RecurrentOptions, RecurrentResult, SequenceOptions } from "./rnn-base";
import { stateTensor } from "./rnn";

/** The implementation of `nn.GRU`, documented where it is exported (layers.ts). */
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
