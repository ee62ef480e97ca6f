/**
 * The encoder of the Advanced AI lecture (CS 581): embed the source, run a recurrent layer over it, and hand the
 * decoder its outputs (the attention memory) and its final state (the bottleneck).
 */
import { checkKnownOptions, optionNames } from "../../known-options";
import { linearTanh } from "./bridge";
import { permute } from "../../ops/permute";
import { reshape } from "../../ops/reshape";
import type { DType } from "../../tensor/dtype";
import { Tensor } from "../../tensor/tensor";
import { Embedding } from "../../nn/embedding";
import { Linear } from "../../nn/linear";
import { Module } from "../../nn/module";
import { GRU } from "../../nn/recurrent/gru";
import { LSTM } from "../../nn/recurrent/lstm";
import { RNN } from "../../nn/recurrent/rnn";
import { CellType, RecurrentState, makeRecurrent, runRecurrent } from "./recurrent";
import { PAD_ID } from "../../data/vocab";

/** Options of `Seq2SeqEncoder`. */
export interface EncoderOptions {
  vocabSize: number;
  embeddingDim: number;
  hiddenSize: number;
  numLayers: number;
  cell: CellType;
  bidirectional: boolean;
  dropout: number;
  dtype: DType;
}

/** What the encoder gives the decoder. */
export interface EncoderOutput {
  /** h_1 ... h_S: [B, S, D*H] (D = 2 when bidirectional), zero past each length. */
  outputs: Tensor;
  /** The decoder's initial state [L, B, H] (through the bridge when bidirectional). */
  state: RecurrentState;
}

/**
 * h_i = f(E x_i, h_{i-1}) over the source; bidirectional encoders concatenate both directions,
 * h_i = [h_i^fwd; h_i^bwd], and bridge the final states into the decoder's size:
 * s_0 = tanh(W_b [h_S^fwd; h_1^bwd] + b_b), W_b `bridgeH.weight` [H, 2H] (and `bridgeC` for LSTM).
 */
export class Seq2SeqEncoder extends Module {
  readonly embedding: Embedding;
  readonly rnn: RNN | LSTM | GRU;
  readonly bridgeH: Linear | null;
  readonly bridgeC: Linear | null;

  constructor(o: EncoderOptions) {
    checkKnownOptions("Seq2SeqEncoder", o, optionNames<EncoderOptions>({ vocabSize: true, embeddingDim: true, hiddenSize: true, numLayers: true, cell: true, bidirectional: true, dropout: true, dtype: true }));
    super();
    this.embedding = new Embedding(o.vocabSize, o.embeddingDim, { paddingIdx: PAD_ID, dtype: o.dtype });
    this.rnn = makeRecurrent("Seq2Seq", o.cell, { inputSize: o.embeddingDim, hiddenSize: o.hiddenSize, numLayers: o.numLayers, bidirectional: o.bidirectional, dropout: o.dropout, dtype: o.dtype });
    this.bridgeH = o.bidirectional ? new Linear(2 * o.hiddenSize, o.hiddenSize, { dtype: o.dtype }) : null;
    this.bridgeC = o.bidirectional && o.cell === "lstm" ? new Linear(2 * o.hiddenSize, o.hiddenSize, { dtype: o.dtype }) : null;
  }

  /** Encodes src [B, S] (lengths already checked). */
  forward(src: Tensor, lengths: readonly number[]): EncoderOutput {
    const { output, state } = runRecurrent(this.rnn, this.embedding.forward(src), undefined, lengths);
    if (this.bridgeH === null) return { outputs: output, state };
    const h = linearTanh(this.bridgeH, joinDirections(state.h));
    const c = state.c === undefined || this.bridgeC === null ? undefined : this.bridgeC.forward(joinDirections(state.c));
    return { outputs: output, state: c === undefined ? { h } : { h, c } };
  }
}

/** [L*2, B, H] (layer-major, forward then backward) -> [L, B, 2H]. */
function joinDirections(s: Tensor): Tensor {
  const [ld, b, h] = s.shape as [number, number, number];
  return reshape(permute(reshape(s, [ld / 2, 2, b, h]), [0, 2, 1, 3]), [ld / 2, b, 2 * h]);
}
