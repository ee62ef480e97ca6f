import { DTypeError, IndexError, ValueError } from "../errors";
import { embedding } from "../ops/embedding";
import type { DType } from "../tensor/dtype";
import { formatShape } from "../tensor/shape";
import type { Tensor } from "../tensor/tensor";
import { normalParameter } from "./default-init";
import { Module } from "./module";
import { assignParameter } from "./module-registry";
import { checkKnownOptions, floatDTypeOption, positiveInt } from "./options";
import type { Parameter } from "./parameter";
import { moduleAllocationError } from "./allocation-error";

/** Options of `Embedding`. */
export interface EmbeddingOptions {
  /** Index whose row is zero and receives no gradient (padding); negative counts from the end. */
  paddingIdx?: number;
  /** Parameter dtype (default float32). */
  dtype?: DType;
}

/**
 * A lookup table: token ids to vectors, x_t = E[w_t] (the slides' one-hot product W_xh onehot(w_t),
 * done as a row lookup).
 *
 * Where ids are int32 of any shape [...], `weight` E is [numEmbeddings, embeddingDim] (V x E), and
 * the output is [..., embeddingDim]. Init as PyTorch: N(0, 1), with the `paddingIdx` row zero.
 * The backward adds each output gradient into the row it was read from, except the padding row.
 *
 * @example const emb = new nn.Embedding(65, 64); emb.forward(ids) // [B, T] -> [B, T, 64]
 */
export class Embedding extends Module {
  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  /** Normalized padding index (0..numEmbeddings-1), or null. */
  readonly paddingIdx: number | null;

  constructor(numEmbeddings: number, embeddingDim: number, options: EmbeddingOptions = {}) {
    super();
    checkKnownOptions("Embedding", options, ["paddingIdx", "dtype"]);
    this.numEmbeddings = positiveInt("Embedding", "numEmbeddings", numEmbeddings);
    this.embeddingDim = positiveInt("Embedding", "embeddingDim", embeddingDim);
    const pad = options.paddingIdx;
    if (pad !== undefined && (!Number.isInteger(pad) || pad < -numEmbeddings || pad >= numEmbeddings)) {
      throw new ValueError(`Embedding: paddingIdx must be an integer in [${-numEmbeddings}, ${numEmbeddings - 1}]; got ${pad}`);
    }
    this.paddingIdx = pad === undefined ? null : pad < 0 ? pad + numEmbeddings : pad;
    try {
      const weight = normalParameter([numEmbeddings, embeddingDim], floatDTypeOption("Embedding", options.dtype));
      if (this.paddingIdx !== null) weight.data.fill(0, this.paddingIdx * embeddingDim, (this.paddingIdx + 1) * embeddingDim);
      this.registerParameter("weight", weight);
    } catch (e) {
      throw moduleAllocationError("Embedding", [numEmbeddings, embeddingDim, options], e);
    }
  }

  /** E [numEmbeddings, embeddingDim]. */
  get weight(): Parameter {
    const w = this._parameters.get("weight");
    if (w === undefined || w === null) throw new ValueError("Embedding.weight: the parameter is missing; expected a tensor, got none");
    return w;
  }

  /** Assigning a Parameter of shape [numEmbeddings, embeddingDim] shares it (weight tying). */
  set weight(p: Parameter) {
    assignParameter(this, "Embedding.weight", "weight", p, [this.numEmbeddings, this.embeddingDim], false, this.weight.dtype);
  }

  /** The rows of E picked by `ids` (int32, any shape). */
  forward(ids: Tensor): Tensor {
    if (ids.dtype !== "int32") {
      throw new DTypeError(`Embedding.forward: ids must be int32 token indices; got ${ids.dtype} of shape ${formatShape(ids.shape)}`);
    }
    const w = this.weight;
    const v = this.numEmbeddings;
    const idx = ids.data;
    for (let i = 0; i < idx.length; i++) {
      const id = idx[i] as number;
      if (id < 0 || id >= v) {
        throw new IndexError(`Embedding.forward: ids must be in [0, ${v - 1}] (numEmbeddings ${v}); got ${id} at flat index ${i} of ids ${formatShape(ids.shape)}`);
      }
    }
    return embedding(ids, w, this.paddingIdx);
  }

  override extraRepr(): string {
    return `${this.numEmbeddings}, ${this.embeddingDim}${this.paddingIdx === null ? "" : `, paddingIdx=${this.paddingIdx}`}`;
  }
}
