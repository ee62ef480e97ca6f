import { gelu } from "../functional/activations";
import { ValueError } from "../errors";
import type { DType } from "../tensor/dtype";
import type { Tensor } from "../tensor/tensor";
import { MultiheadAttention } from "./attention/multihead-attention";
import { Dropout } from "./dropout";
import { LayerNorm } from "./layer-norm";
import { Linear } from "./linear";
import { Module } from "./module";
import { boolOption, checkKnownOptions, floatDTypeOption, positiveInt, probability } from "./options";
import { moduleAllocationError } from "./allocation-error";

/** Options of `TransformerEncoderLayer` (PyTorch's names, camelCase). */
export interface TransformerEncoderLayerOptions {
  /** Model size E. */
  dModel: number;
  /** Attention heads. */
  nhead: number;
  /** Hidden size of the feed-forward block (default 2048). */
  dimFeedforward?: number;
  /** Dropout after attention, inside and after the feed-forward block (default 0.1). */
  dropout?: number;
  /** "relu" (default) or "gelu". */
  activation?: "relu" | "gelu";
  /** eps of both layer norms (default 1e-5). */
  layerNormEps?: number;
  /** Input and output [B, T, E] instead of [T, B, E] (default false). */
  batchFirst?: boolean;
  /** Pre-norm: normalize before each block instead of after the residual sum (default false). */
  normFirst?: boolean;
  dtype?: DType;
}

/**
 * One Transformer encoder layer (PyTorch's `nn.TransformerEncoderLayer`): self-attention and a
 * position-wise feed-forward block, each with a residual connection and layer norm:
 *
 *   post-norm (default):  x = norm1(x + SA(x)),   x = norm2(x + FF(x))
 *   pre-norm (normFirst): x = x + SA(norm1(x)),   x = x + FF(norm2(x))
 *   SA(x) = dropout1(self_attn(x, x, x)),   FF(x) = dropout2(linear2(dropout(act(linear1(x)))))
 *
 * where x is [T, B, E] (or [B, T, E] with batchFirst). Submodule names are PyTorch's
 * (`self_attn`, `linear1`, `linear2`, `norm1`, `norm2`), so its state dicts load unchanged and
 * the outputs match PyTorch's for the same weights.
 *
 * @example const layer = new nn.TransformerEncoderLayer({ dModel: 64, nhead: 4, dimFeedforward: 128, batchFirst: true });
 * layer.forward(x, { srcMask: nn.causalMask(T) })
 */
export class TransformerEncoderLayer extends Module {
  readonly self_attn: MultiheadAttention;
  readonly linear1: Linear;
  readonly dropout: Dropout;
  readonly linear2: Linear;
  readonly norm1: LayerNorm;
  readonly norm2: LayerNorm;
  readonly dropout1: Dropout;
  readonly dropout2: Dropout;
  readonly activation: "relu" | "gelu";
  readonly normFirst: boolean;

  constructor(options: TransformerEncoderLayerOptions) {
    super();
    const label = "TransformerEncoderLayer";
    checkKnownOptions(label, options, ["dModel", "nhead", "dimFeedforward", "dropout", "activation", "layerNormEps", "batchFirst", "normFirst", "dtype"]);
    const E = positiveInt(label, "dModel", options.dModel);
    const ff = positiveInt(label, "dimFeedforward", options.dimFeedforward ?? 2048);
    const p = probability(label, "dropout", options.dropout, 0.1);
    const activation = options.activation ?? "relu";
    if (activation !== "relu" && activation !== "gelu") throw new ValueError(`${label}: activation must be "relu" or "gelu"; got ${String(activation)}`);
    const dtype = floatDTypeOption(label, options.dtype);
    const eps = options.layerNormEps ?? 1e-5;
    this.activation = activation;
    this.normFirst = boolOption(label, "normFirst", options.normFirst, false);
    const batchFirst = boolOption(label, "batchFirst", options.batchFirst, false);
    try {
      this.self_attn = new MultiheadAttention({ embedDim: E, numHeads: positiveInt(label, "nhead", options.nhead), dropout: p, batchFirst, dtype });
      this.linear1 = new Linear(E, ff, { dtype });
      this.dropout = new Dropout(p);
      this.linear2 = new Linear(ff, E, { dtype });
      this.norm1 = new LayerNorm(E, { eps, dtype });
      this.norm2 = new LayerNorm(E, { eps, dtype });
      this.dropout1 = new Dropout(p);
      this.dropout2 = new Dropout(p);
    } catch (error) {
      throw moduleAllocationError(label, [options], error);
    }
  }

  /**
   * The layer applied to `src` [T, B, E] ([B, T, E] with batchFirst); `srcMask` [T, T] and
   * `srcKeyPaddingMask` [B, T] are the self-attention's attnMask and keyPaddingMask.
   */
  forward(src: Tensor, options: { srcMask?: Tensor; srcKeyPaddingMask?: Tensor } = {}): Tensor {
    checkKnownOptions("TransformerEncoderLayer.forward", options, ["srcMask", "srcKeyPaddingMask"]);
    let x = src;
    if (this.normFirst) {
      x = x.add(this.selfAttention(this.norm1.forward(x), options));
      return x.add(this.feedForward(this.norm2.forward(x)));
    }
    x = this.norm1.forward(x.add(this.selfAttention(x, options)));
    return this.norm2.forward(x.add(this.feedForward(x)));
  }

  private selfAttention(x: Tensor, options: { srcMask?: Tensor; srcKeyPaddingMask?: Tensor }): Tensor {
    const masks = { ...(options.srcMask === undefined ? {} : { attnMask: options.srcMask }), ...(options.srcKeyPaddingMask === undefined ? {} : { keyPaddingMask: options.srcKeyPaddingMask }) };
    return this.dropout1.forward(this.self_attn.forward(x, x, x, { ...masks, needWeights: false }).output);
  }

  private feedForward(x: Tensor): Tensor {
    const hidden = this.linear1.forward(x);
    const act = this.activation === "gelu" ? gelu(hidden) : hidden.relu();
    return this.dropout2.forward(this.linear2.forward(this.dropout.forward(act)));
  }
}
