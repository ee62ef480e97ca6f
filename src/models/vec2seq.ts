/**
 * Vector-to-sequence decoder (Lecture 9, after Goodfellow et al.; e.g. image captioning): a fixed vector v conditions
 * every step of a recurrent decoder in one of three ways,
 *
 *   "init":  s_0 = tanh(W_v v + b_v),  s_t = f(s_{t-1}, E y_{t-1})
 *   "input": s_0 = 0,                  s_t = f(s_{t-1}, [E y_{t-1}; v])
 *   "both":  s_0 = tanh(W_v v + b_v),  s_t = f(s_{t-1}, [E y_{t-1}; v])
 *
 * and p(y_t | y_<t, v) = softmax(W_o s_t + b_o). Where v [B, F] are the features, W_v `init.weight`
 * [L*H, F] (one initial state per layer), E `embedding.weight` [V, E], W_o `out.weight` [V, H].
 */
import { ValueError, ShapeError } from "../errors";
import { cat } from "../ops/cat";
import { expand } from "../ops/expand";
import { indexSelect } from "../ops/index-select";
import { permute } from "../ops/permute";
import { reshape } from "../ops/reshape";
import { unsqueeze, squeeze } from "../ops/squeeze";
import { tanh } from "../ops/tanh";
import { DType, allocate } from "../tensor/dtype";
import { formatShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { PAD_ID } from "../data/vocab";
import { crossEntropy } from "../functional/cross-entropy";
import type { DecodingSession } from "../generate/session";
import { Embedding } from "../nn/embedding";
import { GRU } from "../nn/recurrent/gru";
import { Linear } from "../nn/linear";
import { LSTM } from "../nn/recurrent/lstm";
import { Module } from "../nn/module";
import { checkKnownOptions, floatDTypeOption, positiveInt } from "../nn/options";
import { RNN } from "../nn/recurrent/rnn";
import { CellType, RecurrentState, checkIds, makeRecurrent, runRecurrent, selectState } from "./seq2seq/recurrent";
import { moduleAllocationError } from "../nn/allocation-error";

/** How the vector conditions the decoder. */
export type Conditioning = "init" | "input" | "both";

/** Options of `Vec2Seq`. */
export interface Vec2SeqOptions {
  /** Features F of the conditioning vector. */
  featureSize: number;
  vocabSize: number;
  hiddenSize: number;
  embeddingDim?: number;
  numLayers?: number;
  cell?: CellType;
  /** "init" (default), "input" or "both". */
  conditioning?: Conditioning;
  dtype?: DType;
}

/** Decoding state of a `Vec2Seq`: recurrent state and the features of each row. */
export interface Vec2SeqState {
  rnn: RecurrentState | undefined;
  features: Tensor;
}

/** A decoder conditioned on a vector; see the file comment. */
export class Vec2Seq extends Module {
  readonly embedding: Embedding;
  readonly init: Linear | null;
  readonly rnn: RNN | LSTM | GRU;
  readonly out: Linear;
  readonly conditioning: Conditioning;
  readonly featureSize: number;
  readonly vocabSize: number;
  private readonly numLayers: number;
  private readonly hiddenSize: number;

  constructor(options: Vec2SeqOptions) {
    super();
    checkKnownOptions("Vec2Seq", options, ["featureSize", "vocabSize", "hiddenSize", "embeddingDim", "numLayers", "cell", "conditioning", "dtype"]);
    const c = options.conditioning ?? "init";
    if (c !== "init" && c !== "input" && c !== "both") throw new ValueError(`Vec2Seq: conditioning must be "init", "input" or "both"; got ${String(c)}`);
    this.conditioning = c;
    this.featureSize = positiveInt("Vec2Seq", "featureSize", options.featureSize);
    this.vocabSize = positiveInt("Vec2Seq", "vocabSize", options.vocabSize);
    this.hiddenSize = positiveInt("Vec2Seq", "hiddenSize", options.hiddenSize);
    this.numLayers = positiveInt("Vec2Seq", "numLayers", options.numLayers ?? 1);
    const e = positiveInt("Vec2Seq", "embeddingDim", options.embeddingDim ?? this.hiddenSize);
    const dtype = floatDTypeOption("Vec2Seq", options.dtype);
    const cell = options.cell ?? "gru";
    try {
      this.embedding = new Embedding(this.vocabSize, e, { paddingIdx: PAD_ID, dtype });
      this.init = c === "input" ? null : new Linear(this.featureSize, this.numLayers * this.hiddenSize, { dtype });
      this.rnn = makeRecurrent("Vec2Seq", cell, { inputSize: e + (c === "init" ? 0 : this.featureSize), hiddenSize: this.hiddenSize, numLayers: this.numLayers, dtype });
      this.out = new Linear(this.hiddenSize, this.vocabSize, { dtype });
    } catch (error) {
      throw moduleAllocationError("Vec2Seq", [options], error);
    }
  }

  /** Logits [B, T, V] of the decoder inputs tgtIn = <sos> y_1 .. y_{T-1} given features v [B, F]. */
  forward(features: Tensor, tgtIn: Tensor): Tensor {
    this.checkFeatures("Vec2Seq.forward", features);
    checkIds("Vec2Seq.forward", "tgtIn", tgtIn, this.vocabSize, features.shape[0]);
    const t = tgtIn.shape[1] ?? 0;
    let x = this.embedding.forward(tgtIn);
    if (this.conditioning !== "init") x = cat([x, expand(unsqueeze(features, 1), [features.shape[0] ?? 0, t, this.featureSize])], 2);
    return this.out.forward(runRecurrent(this.rnn, x, this.initialState(features)).output);
  }

  /** Mean cross-entropy over non-padding targets. */
  loss(features: Tensor, tgtIn: Tensor, tgtOut: Tensor): Tensor {
    return crossEntropy(this.forward(features, tgtIn), tgtOut, { ignoreIndex: PAD_ID });
  }

  /** A decoding session for `generate.greedyFrom` / `generate.beamFromRow`. */
  decoding(features: Tensor): DecodingSession<Vec2SeqState> {
    this.checkFeatures("Vec2Seq.decoding", features);
    return {
      batchSize: features.shape[0] ?? 0,
      state: { rnn: this.initialState(features), features },
      step: (tokens, st) => {
        let x = this.embedding.forward(unsqueeze(tokens, 1));
        if (this.conditioning !== "init") x = cat([x, unsqueeze(st.features, 1)], 2);
        const r = runRecurrent(this.rnn, x, st.rnn);
        return { logits: squeeze(this.out.forward(r.output), 1), weights: null, state: { rnn: r.state, features: st.features } };
      },
      reorder: (st, index) => ({
        rnn: st.rnn === undefined ? undefined : selectState(st.rnn, index),
        features: indexSelect(st.features, 0, new Tensor(index, [index.length])),
      }),
    };
  }

  /** s_0 = tanh(W_v v + b_v) as [L, B, H] ("init", "both"), or zeros ("input"). */
  private initialState(features: Tensor): RecurrentState | undefined {
    if (this.init === null) return undefined;
    const b = features.shape[0] ?? 0;
    const h = permute(reshape(tanh(this.init.forward(features)), [b, this.numLayers, this.hiddenSize]), [1, 0, 2]);
    return this.rnn instanceof LSTM ? { h, c: new Tensor(allocate(h.dtype, h.numel), h.shape) } : { h };
  }

  private checkFeatures(op: string, features: Tensor): void {
    if (features.ndim !== 2 || features.shape[1] !== this.featureSize) {
      throw new ShapeError(`${op}: features must be [B, ${this.featureSize}]; got ${formatShape(features.shape)}`);
    }
  }
}
