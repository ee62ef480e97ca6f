/** Bahdanau's additive attention. */
import type { DType } from "../../tensor/dtype";
import { Tensor } from "../../tensor/tensor";
import { formatShape } from "../../tensor/shape";
import { ShapeError } from "../../errors";
import { Linear } from "../linear";
import { Module } from "../module";
import { checkKnownOptions, floatDTypeOption, positiveInt } from "../options";
import { AttentionOptions, AttentionOutput, attend, attentionMask, checkAttentionInputs } from "./attend";
import { checkDType } from "./dot-attention";
import { additiveScore } from "../../ops/fused/additive-score";

/** Options of `AdditiveAttention`. */
export interface AdditiveAttentionOptions {
  /** Size A of the hidden layer of the score network (default: queryDim). */
  attnDim?: number;
  /** Parameter dtype (default float32). */
  dtype?: DType;
}

/** Options of `AdditiveAttention.forward`. */
export interface AdditiveForwardOptions extends AttentionOptions {
  /** `projectKeys(keys)` computed once for all decoder steps (saves a [B, S, A] GEMM per step). */
  projectedKeys?: Tensor;
}

/**
 * Bahdanau (additive) attention: a one-hidden-layer network scores each source position,
 *
 *   e_{t,i} = v^T tanh(W_s s_t + W_h h_i + b),   w_t = softmax(e_t),   c_t = sum_i w_{t,i} h_i
 *
 * where s_t is the query [B, (T,) Hq] (decoder state), h_i the keys [B, S, Hk], W_s is
 * `queryProj.weight` [A, Hq], W_h is `keyProj.weight` [A, Hk] with b `keyProj.bias` [A], and v is
 * `score.weight` [1, A]. Init as PyTorch's Linear.
 *
 * @example const att = new nn.AdditiveAttention(64, 128, { attnDim: 64 }); att.forward(s, encOut, encOut, { mask })
 */
export class AdditiveAttention extends Module {
  readonly queryDim: number;
  readonly keyDim: number;
  readonly attnDim: number;
  readonly queryProj: Linear;
  readonly keyProj: Linear;
  readonly score: Linear;

  constructor(queryDim: number, keyDim: number = queryDim, options: AdditiveAttentionOptions = {}) {
    super();
    checkKnownOptions("AdditiveAttention", options, ["attnDim", "dtype"]);
    this.queryDim = positiveInt("AdditiveAttention", "queryDim", queryDim);
    this.keyDim = positiveInt("AdditiveAttention", "keyDim", keyDim);
    this.attnDim = positiveInt("AdditiveAttention", "attnDim", options.attnDim ?? queryDim);
    const dtype = floatDTypeOption("AdditiveAttention", options.dtype);
    this.queryProj = new Linear(queryDim, this.attnDim, { bias: false, dtype });
    this.keyProj = new Linear(keyDim, this.attnDim, { dtype });
    this.score = new Linear(this.attnDim, 1, { bias: false, dtype });
  }

  /** W_h h_i + b for every key: [B, S, Hk] -> [B, S, A]; pass it as `projectedKeys` to reuse it. */
  projectKeys(keys: Tensor): Tensor {
    checkDType("AdditiveAttention.projectKeys", this.keyProj.weight.dtype, keys);
    if (keys.ndim !== 3 || keys.shape[2] !== this.keyDim) {
      throw new ShapeError(`AdditiveAttention.projectKeys: keys must be [B, S, ${this.keyDim}]; got ${formatShape(keys.shape)}`);
    }
    return this.keyProj.forward(keys);
  }

  forward(query: Tensor, keys: Tensor, values: Tensor, options: AdditiveForwardOptions = {}): AttentionOutput {
    const op = "AdditiveAttention.forward";
    const mask = attentionMask(op, options, ["mask", "projectedKeys"]);
    const { q, single } = checkAttentionInputs(op, query, keys, values, mask, this.queryDim, this.keyDim);
    checkDType(op, this.queryProj.weight.dtype, query);
    const pk = options.projectedKeys ?? this.projectKeys(keys);
    const [b, s] = keys.shape;
    if (pk.ndim !== 3 || pk.shape[0] !== b || pk.shape[1] !== s || pk.shape[2] !== this.attnDim) {
      throw new ShapeError(`${op}: projectedKeys must be [B, S, A] = [${b}, ${s}, ${this.attnDim}]; got ${formatShape(pk.shape)}`);
    }
    // [B, T, A] and [B, S, A] -> v^T tanh(. + .) -> [B, T, S], one fused op
    const scores = additiveScore(this.queryProj.forward(q), pk, this.score.weight, mask);
    return attend(scores, values, mask, single);
  }

  override extraRepr(): string {
    return `queryDim=${this.queryDim}, keyDim=${this.keyDim}, attnDim=${this.attnDim}`;
  }
}
