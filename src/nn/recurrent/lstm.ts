import { ValueError } from "../../errors";
import { Tensor } from "../../tensor/tensor";
import { RECURRENT_OPTION_NAMES, RNNBase, RecurrentOptions, RecurrentResult, SequenceOptions } from "./rnn-base";

/** The result of an LSTM: output, and the final hidden and cell states [numLayers*D, B, H]. */
export interface LSTMResult extends RecurrentResult {
  c: Tensor;
}

/** An LSTM state: both h and c, [numLayers*D, B, H] (or a previous `LSTMResult`). */
export interface LSTMState {
  h: Tensor;
  c: Tensor;
}

/** The implementation of `nn.LSTM`, documented where it is exported (layers.ts). */
export class LSTM extends RNNBase {
  constructor(options: RecurrentOptions) {
    super("LSTM", "lstm", options, RECURRENT_OPTION_NAMES);
  }

  /** Runs the sequence; the state defaults to zeros; `lengths` handles padded batches. */
  forward(x: Tensor, state?: LSTMState | null, options: SequenceOptions = {}): LSTMResult {
    if (state !== null && state !== undefined && (!(state.h instanceof Tensor) || !(state.c instanceof Tensor))) {
      throw new ValueError(`LSTM.forward: state must be { h, c } with both tensors; got { h: ${typeof state.h}, c: ${typeof state.c} }`);
    }
    const h0 = state?.h ?? undefined;
    const c0 = state?.c ?? undefined;
    const [seq, lengths] = this.checkForward(x, [["h0", h0], ["c0", c0]], options);
    const out = this.runLayers(x, seq, lengths, h0, c0);
    const c = out.c;
    if (c === null) throw new ValueError("LSTM.forward: the cell state is missing; expected a tensor, got null");
    return { output: out.output, h: out.h, c };
  }
}
