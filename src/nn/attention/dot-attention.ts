/**
 * Luong's dot and general scores and the scaled dot product of Transformers: score functions over
 * the shared `attend` (softmax and weighted sum).
 */
import { DTypeError } from "../../errors";
import { matmulTransposed } from "../../ops/matmul";
import { mul } from "../../ops/mul";
import type { DType } from "../../tensor/dtype";
import { Tensor } from "../../tensor/tensor";
import { Linear } from "../linear";
import { Module } from "../module";
import { checkKnownOptions, floatDTypeOption, positiveInt } from "../options";
import { AttentionOptions, AttentionOutput, attend, attentionMask, checkAttentionInputs } from "./attend";

/**
 * Luong dot attention: e_{t,i} = s_t . h_i, then w = softmax(e), c_t = sum_i w_{t,i} h_i.
 *
 * Where s_t is the decoder state (query [B, H] or [B, T, H]), h_i the encoder outputs (keys
 * [B, S, H]), values [B, S, Hv] (usually the keys again). No parameters.
 *
 * @example const { context, weights } = new nn.DotAttention().forward(s, encOut, encOut, { mask });
 */
export class DotAttention extends Module {
  forward(query: Tensor, keys: Tensor, values: Tensor, options: AttentionOptions = {}): AttentionOutput {
    const mask = attentionMask("DotAttention.forward", options);
    const { q, single } = checkAttentionInputs("DotAttention.forward", query, keys, values, mask, keys.shape[2]);
    return attend(matmulTransposed(q, keys), values, mask, single);
  }
}

/**
 * Scaled dot-product attention: e_{t,i} = q_t . k_i / sqrt(d), where d is the key size, which keeps
 * the scores' variance near 1 for large d.
 *
 * @example new nn.ScaledDotProductAttention().forward(q, k, v, { mask })
 */
export class ScaledDotProductAttention extends Module {
  forward(query: Tensor, keys: Tensor, values: Tensor, options: AttentionOptions = {}): AttentionOutput {
    const d = keys.shape[2] ?? 1;
    const mask = attentionMask("ScaledDotProductAttention.forward", options);
    const { q, single } = checkAttentionInputs("ScaledDotProductAttention.forward", query, keys, values, mask, d);
    return attend(mul(matmulTransposed(q, keys), 1 / Math.sqrt(d)), values, mask, single);
  }
}

/** Options of `GeneralAttention`. */
export interface GeneralAttentionOptions {
  /** Parameter dtype (default float32). */
  dtype?: DType;
}

/**
 * Luong general (bilinear) attention: e_{t,i} = s_t^T W_a h_i.
 *
 * Where s_t is the query [B, (T,) Hq], h_i the keys [B, S, Hk], and W_a is `proj.weight`
 * [Hq, Hk] (a bias-free Linear applied to the keys, so the projection is computed once per key).
 * Init as PyTorch's Linear: U(-1/sqrt(Hk), 1/sqrt(Hk)).
 *
 * @example const att = new nn.GeneralAttention(128, 256); att.forward(s, encOut, encOut, { mask })
 */
export class GeneralAttention extends Module {
  readonly queryDim: number;
  readonly keyDim: number;
  readonly proj: Linear;

  constructor(queryDim: number, keyDim: number = queryDim, options: GeneralAttentionOptions = {}) {
    super();
    checkKnownOptions("GeneralAttention", options, ["dtype"]);
    this.queryDim = positiveInt("GeneralAttention", "queryDim", queryDim);
    this.keyDim = positiveInt("GeneralAttention", "keyDim", keyDim);
    this.proj = new Linear(keyDim, queryDim, { bias: false, dtype: floatDTypeOption("GeneralAttention", options.dtype) });
  }

  forward(query: Tensor, keys: Tensor, values: Tensor, options: AttentionOptions = {}): AttentionOutput {
    const mask = attentionMask("GeneralAttention.forward", options);
    const { q, single } = checkAttentionInputs("GeneralAttention.forward", query, keys, values, mask, this.queryDim, this.keyDim);
    checkDType("GeneralAttention.forward", this.proj.weight.dtype, keys);
    return attend(matmulTransposed(q, this.proj.forward(keys)), values, mask, single);
  }

  override extraRepr(): string {
    return `queryDim=${this.queryDim}, keyDim=${this.keyDim}`;
  }
}

/** Throws when `x` does not have the module's parameter dtype. */
export function checkDType(op: string, dtype: DType, x: Tensor): void {
  if (x.dtype !== dtype) throw new DTypeError(`${op}: inputs must have the parameters' dtype; expected ${dtype}, got ${x.dtype}`);
}
