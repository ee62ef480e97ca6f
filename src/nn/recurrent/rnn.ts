import { ValueError } from "../../errors";
import { Tensor } from "../../tensor/tensor";
import { RECURRENT_OPTION_NAMES, RNNBase, RecurrentOptions, RecurrentResult, SequenceOptions } from "./rnn-base";

/** Options of `RNN`: the shared ones plus the nonlinearity. */
export interface RNNOptions extends RecurrentOptions {
  /** "tanh" (default) or "relu" (the IRNN of Deep Learning for Engineers, lecture 11). */
  nonlinearity?: "tanh" | "relu";
}

/** The implementation of `nn.RNN`, documented where it is exported (layers.ts). */
export class RNN extends RNNBase {
  readonly nonlinearity: "tanh" | "relu";

  constructor(options: RNNOptions) {
    super("RNN", nonlinearityOf("RNN", options), options, [...RECURRENT_OPTION_NAMES, "nonlinearity"]);
    this.nonlinearity = options.nonlinearity ?? "tanh";
  }

  /** Runs the sequence; `h0` defaults to zeros; `lengths` handles padded batches. */
  forward(x: Tensor, h0?: Tensor | { h: Tensor } | null, options: SequenceOptions = {}): RecurrentResult {
    const h = stateTensor(h0);
    const [seq, lengths] = this.checkForward(x, [["h0", h]], options);
    const out = this.runLayers(x, seq, lengths, h);
    return { output: out.output, h: out.h };
  }
}

/** The cell kind of an RNN's options, validating `nonlinearity`. */
export function nonlinearityOf(owner: string, options: RNNOptions): "rnn_tanh" | "rnn_relu" {
  const v = typeof options === "object" && options !== null ? options.nonlinearity : undefined;
  if (v === undefined || v === "tanh") return "rnn_tanh";
  if (v === "relu") return "rnn_relu";
  throw new ValueError(`${owner}: nonlinearity must be "tanh" or "relu"; got ${String(v)}`);
}

/** A hidden state given as a tensor or as `{ h }` (a previous result), or undefined. */
export function stateTensor(s: Tensor | { h: Tensor } | null | undefined): Tensor | undefined {
  if (s === null || s === undefined) return undefined;
  return s instanceof Tensor ? s : s.h;
}
