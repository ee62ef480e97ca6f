import { dropout } from "../../ops/dropout";
import { softmax } from "../../ops/fused/softmax";
import { ShapeError, ValueError } from "../../errors";
import { matmul } from "../../ops/matmul";
import type { DType } from "../../tensor/dtype";
import { parameterData } from "../default-init";
import { formatShape } from "../../tensor/shape";
import type { Tensor } from "../../tensor/tensor";
import { xavierUniform_ } from "../init/fan";
import { Linear } from "../linear";
import { Module } from "../module";
import { replaceParameter } from "../module-registry";
import { boolOption, checkKnownOptions, floatDTypeOption, positiveInt, probability } from "../options";
import { Parameter } from "../parameter";
import { applyAttentionMasks } from "./masks";
import { moduleAllocationError } from "../allocation-error";

/** Options of `MultiheadAttention` (PyTorch's names). */
export interface MultiheadAttentionOptions {
  /** Model size E (queries, keys and values all have it). */
  embedDim: number;
  /** Heads h; E must be divisible by h (each head has d = E / h). */
  numHeads: number;
  /** Dropout on the attention weights in training (default 0). */
  dropout?: number;
  /** Biases in the input and output projections (default true). */
  bias?: boolean;
  /** Inputs and output are [B, L, E] instead of [L, B, E] (default false). */
  batchFirst?: boolean;
  dtype?: DType;
}

/** Options of `MultiheadAttention.forward`. */
export interface MultiheadForwardOptions {
  /** [B, S]: int32 non-zero (or float -Infinity) marks padding keys nobody attends to. */
  keyPaddingMask?: Tensor;
  /** [L, S] or [B * numHeads, L, S]: int32 non-zero forbids a pair, a float mask is added (see `causalMask`). */
  attnMask?: Tensor;
  /** Return the attention weights (default true). */
  needWeights?: boolean;
  /** Average the weights over heads, [B, L, S] (default true); false gives them per head, [B, h, L, S]. */
  averageAttnWeights?: boolean;
}

/**
 * Multi-head attention (PyTorch's `nn.MultiheadAttention`, Vaswani et al. 2017):
 *
 *   head_j = softmax(Q_j K_j^T / sqrt(d) + M) V_j,   Q_j = q W_q,j^T + b_q,j  (K_j, V_j likewise)
 *   out = concat(head_1 .. head_h) W_o^T + b_o
 *
 * where q [L, B, E], k and v [S, B, E] (batch first: [B, L, E], [B, S, E]), d = E / h and M the
 * masks. `in_proj_weight` [3E, E] packs W_q | W_k | W_v, `in_proj_bias` [3E] their biases,
 * `out_proj` is W_o, b_o: PyTorch's parameter names, so its state dicts load unchanged.
 * Returns `{ output, weights }`, weights [B, L, S] (or [B, h, L, S], or null).
 *
 * @example const mha = new nn.MultiheadAttention({ embedDim: 64, numHeads: 4, batchFirst: true });
 * const { output, weights } = mha.forward(x, x, x, { attnMask: nn.causalMask(T), averageAttnWeights: false });
 */
export class MultiheadAttention extends Module {
  readonly embedDim: number;
  readonly numHeads: number;
  readonly headDim: number;
  readonly dropout: number;
  readonly batchFirst: boolean;
  readonly out_proj: Linear;

  constructor(options: MultiheadAttentionOptions) {
    super();
    checkKnownOptions("MultiheadAttention", options, ["embedDim", "numHeads", "dropout", "bias", "batchFirst", "dtype"]);
    const E = positiveInt("MultiheadAttention", "embedDim", options.embedDim);
    const h = positiveInt("MultiheadAttention", "numHeads", options.numHeads);
    if (E % h !== 0) throw new ValueError(`MultiheadAttention: embedDim must be divisible by numHeads; got embedDim ${E}, numHeads ${h}`);
    this.embedDim = E;
    this.numHeads = h;
    this.headDim = E / h;
    this.dropout = probability("MultiheadAttention", "dropout", options.dropout, 0);
    this.batchFirst = boolOption("MultiheadAttention", "batchFirst", options.batchFirst, false);
    const bias = boolOption("MultiheadAttention", "bias", options.bias, true);
    const dtype = floatDTypeOption("MultiheadAttention", options.dtype);
    // PyTorch's init: Xavier-uniform packed projection, zero biases
    try {
      const w = this.registerParameter("in_proj_weight", new Parameter(parameterData([3 * E, E], dtype), [3 * E, E]));
      xavierUniform_(w);
      this.registerParameter("in_proj_bias", bias ? new Parameter(parameterData([3 * E], dtype), [3 * E]) : null);
    } catch (e) {
      throw moduleAllocationError("MultiheadAttention", [options], e);
    }
    this.out_proj = new Linear(E, E, { bias, dtype });
    if (this.out_proj.bias !== null) this.out_proj.bias.data.fill(0);
  }

  get in_proj_weight(): Parameter {
    const w = this._parameters.get("in_proj_weight");
    if (w === undefined || w === null) throw new ValueError("MultiheadAttention.in_proj_weight: the parameter is missing; expected a tensor, got none");
    return w;
  }

  /** Assigning a Parameter [3E, E] shares it (as in PyTorch). */
  set in_proj_weight(p: Parameter) {
    replaceParameter(this, "MultiheadAttention.in_proj_weight", "in_proj_weight", this._parameters.get("in_proj_weight"), p);
  }

  get in_proj_bias(): Parameter | null {
    return this._parameters.get("in_proj_bias") ?? null;
  }

  /** Assigning a Parameter [3E] shares it. */
  set in_proj_bias(p: Parameter | null) {
    replaceParameter(this, "MultiheadAttention.in_proj_bias", "in_proj_bias", this._parameters.get("in_proj_bias"), p);
  }

  forward(query: Tensor, key: Tensor, value: Tensor, options: MultiheadForwardOptions = {}): { output: Tensor; weights: Tensor | null } {
    checkKnownOptions("MultiheadAttention.forward", options, ["keyPaddingMask", "attnMask", "needWeights", "averageAttnWeights"]);
    const [q, k, v] = [query, key, value].map((t) => (this.batchFirst ? t : t.transpose(0, 1))) as [Tensor, Tensor, Tensor];
    this.checkInputs(query, key, value, q, k);
    const [B, L] = q.shape as [number, number];
    const S = k.shape[1] ?? 0;
    const E = this.embedDim;
    const h = this.numHeads;
    const d = this.headDim;
    // [B, T, E] -> [B, h, T, d]
    const heads = (x: Tensor, part: number, T: number): Tensor => {
      const wj = this.in_proj_weight.narrow(0, part * E, E);
      let y = matmul(x, wj.T);
      const b = this.in_proj_bias;
      if (b !== null) y = y.add(b.narrow(0, part * E, E));
      return y.reshape([B, T, h, d]).permute(0, 2, 1, 3);
    };
    const scores = applyAttentionMasks(
      "MultiheadAttention.forward",
      matmul(heads(q, 0, L).mul(1 / Math.sqrt(d)), heads(k, 1, S).transpose(-2, -1)),
      options.attnMask,
      options.keyPaddingMask,
    );
    const weights = softmax(scores, -1);
    const attended = matmul(dropout(weights, this.dropout, this.training), heads(v, 2, S));
    const merged = attended.permute(0, 2, 1, 3).reshape([B, L, E]);
    const out = this.out_proj.forward(merged);
    const need = options.needWeights ?? true;
    const shown = !need ? null : options.averageAttnWeights === false ? weights : weights.mean(1);
    return { output: this.batchFirst ? out : out.transpose(0, 1), weights: shown };
  }

  private checkInputs(query: Tensor, key: Tensor, value: Tensor, q: Tensor, k: Tensor): void {
    const layout = this.batchFirst ? "[B, L, E]" : "[L, B, E]";
    const ok = [query, key, value].every((t) => t.ndim === 3 && t.shape[2] === this.embedDim) && q.shape[0] === k.shape[0] && key.shape.every((s, i) => s === value.shape[i]);
    if (!ok) {
      throw new ShapeError(
        `MultiheadAttention.forward: query must be ${layout} and key, value alike with one batch and E = ${this.embedDim}; ` +
          `got query ${formatShape(query.shape)}, key ${formatShape(key.shape)}, value ${formatShape(value.shape)}`,
      );
    }
  }

  override extraRepr(): string {
    return `embedDim=${this.embedDim}, numHeads=${this.numHeads}, dropout=${this.dropout}, batchFirst=${this.batchFirst}`;
  }
}
