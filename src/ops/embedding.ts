import { record } from "../autograd/record";
import { allocate, allocateOverwritten } from "../tensor/dtype";
import { Tensor } from "../tensor/tensor";
import { mul } from "./mul";
import { scatterAdd } from "./scatter";

/**
 * Row lookup, out[i] = E[ids[i]], for int32 ids of any shape [...] (checked by the caller,
 * `Embedding.forward`) into E [V, e]; out is [..., e]. The padding row `pad` gets no gradient.
 */
export function embedding(ids: Tensor, w: Tensor, pad: number | null): Tensor {
  const [v = 0, e = 0] = w.shape;
  const idx = ids.data;
  const n = idx.length;
  const out = allocateOverwritten(w.dtype, n * e); // every row is set below
  for (let i = 0; i < n; i++) {
    const from = (idx[i] as number) * e;
    out.set(w.data.subarray(from, from + e), i * e);
  }
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
