import { record } from "../autograd/record";
import { DTypeError, IndexError, ValueError } from "../errors";
import type { DType } from "../tensor/dtype";
import { allocate } from "../tensor/dtype";
import { formatShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { normalParameter } from "./default-init";
import { Module } from "./module";
import { mul } from "../ops/mul";
import { scatterAdd } from "../ops/scatter";
import { assignParameter } from "./module-registry";
import { checkKnownOptions, floatDTypeOption, positiveInt } from "./options";
import type { Parameter } from "./parameter";

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
    const weight = normalParameter([numEmbeddings, embeddingDim], floatDTypeOption("Embedding", options.dtype));
    if (this.paddingIdx !== null) weight.data.fill(0, this.paddingIdx * embeddingDim, (this.paddingIdx + 1) * embeddingDim);
    this.registerParameter("weight", weight);
  }

  /** E [numEmbeddings, embeddingDim]. */
  get weight(): Parameter {
    const w = this._parameters.get("weight");
    if (w === undefined || w === null) throw new ValueError("Embedding.weight: the parameter is missing; expected a tensor, got none");
    return w;
  }

  /** Assigning a Parameter of shape [numEmbeddings, embeddingDim] shares it (weight tying). */
  set weight(p: Parameter) {
    assignParameter(this, "Embedding.weight", "weight", p, [this.numEmbeddings, this.embeddingDim]);
  }

  /** The rows of E picked by `ids` (int32, any shape). */
  forward(ids: Tensor): Tensor {
    if (ids.dtype !== "int32") {
      throw new DTypeError(`Embedding.forward: ids must be int32 token indices; got ${ids.dtype} of shape ${formatShape(ids.shape)}`);
    }
    const w = this.weight;
    const v = this.numEmbeddings;
    const e = this.embeddingDim;
    const idx = ids.data;
    for (let i = 0; i < idx.length; i++) {
      const id = idx[i] as number;
      if (id < 0 || id >= v) {
        throw new IndexError(`Embedding.forward: ids must be in [0, ${v - 1}] (numEmbeddings ${v}); got ${id} at flat index ${i} of ids ${formatShape(ids.shape)}`);
      }
    }
    const n = idx.length;
    const out = allocate(w.dtype, n * e);
    for (let i = 0; i < n; i++) {
      const from = (idx[i] as number) * e;
      out.set(w.data.subarray(from, from + e), i * e);
    }
    const pad = this.paddingIdx;
    // dL/dE[j] = sum of g[i] over positions i with ids[i] = j (none for the padding row)
    return record(new Tensor(out, [...ids.shape, e]), "embedding", [w], (g) => {
      if (g.requiresGrad) return [recordedEmbeddingGrad(g, idx, pad, v, e)];
      const dw = allocate(g.dtype, v * e);
      const gd = g.data;
      for (let i = 0; i < n; i++) {
        const id = idx[i] as number;
        if (id === pad) continue;
        const to = id * e;
        const from = i * e;
        for (let j = 0; j < e; j++) dw[to + j] = (dw[to + j] as number) + (gd[from + j] as number);
      }
      return [new Tensor(dw, w.shape)];
    });
  }

  override extraRepr(): string {
    return `${this.numEmbeddings}, ${this.embeddingDim}${this.paddingIdx === null ? "" : `, paddingIdx=${this.paddingIdx}`}`;
  }
}

/** dL/dE as recorded ops (scatter-add of the rows of g), for a backward pass with createGraph. */
function recordedEmbeddingGrad(g: Tensor, idx: ArrayLike<number>, pad: number | null, v: number, e: number): Tensor {
  const n = idx.length;
  const index = new Int32Array(n * e);
  const keep = allocate(g.dtype, n * e);
  for (let i = 0; i < n; i++) {
    const id = idx[i] as number;
    index.fill(id, i * e, (i + 1) * e);
    if (id !== pad) keep.fill(1, i * e, (i + 1) * e);
  }
  const rows = mul(g.reshape([n, e]), new Tensor(keep, [n, e]));
  return scatterAdd(new Tensor(allocate(g.dtype, v * e), [v, e]), 0, new Tensor(index, [n, e]), rows);
}
