/**
 * Bahdanau's score network as one fused op with a hand-written backward:
 *
 *   e[b, t, s] = sum_a v_a z[b, t, s, a],   z = tanh(q[b, t, a] + k[b, s, a])
 *
 * where q [B, T, A] are the projected queries W_s s_t, k [B, S, A] the projected keys W_h h_i + b,
 * and v [1, A] the score vector. Composed from broadcast add, tanh and a matmul, the [B, T, S, A]
 * intermediate costs four elementwise passes and their backward; fused it is one loop each way.
 */
import { record } from "../../autograd/record";
import { allocate } from "../../tensor/dtype";
import { Tensor } from "../../tensor/tensor";

/**
 * Scores e [B, T, S] of queries q [B, T, A] against keys k [B, S, A] with score vector v [1, A].
 * Positions where `mask` [B, S] is non-zero (padding) are skipped and score 0: the caller masks
 * them to -inf, so their gradient is 0 as well.
 */
export function additiveScore(q: Tensor, k: Tensor, v: Tensor, mask?: Tensor): Tensor {
  const [B, T, A] = q.shape as [number, number, number];
  const S = k.shape[1] as number;
  const z = allocate(q.dtype, B * T * S * A);
  const e = allocate(q.dtype, B * T * S);
  const qd = q.data;
  const kd = k.data;
  const vd = v.data;
  const md = mask?.data;
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const qo = (b * T + t) * A;
      for (let s = 0; s < S; s++) {
        if (md !== undefined && md[b * S + s] !== 0) continue;
        const ko = (b * S + s) * A;
        const zo = ((b * T + t) * S + s) * A;
        let acc = 0;
        for (let a = 0; a < A; a++) {
          // tanh(x) = 1 - 2 / (e^{2x} + 1): exact at both infinities, faster than Math.tanh
          const h = 1 - 2 / (Math.exp(2 * ((qd[qo + a] as number) + (kd[ko + a] as number))) + 1);
          z[zo + a] = h;
          acc += (vd[a] as number) * h;
        }
        e[(b * T + t) * S + s] = acc;
      }
    }
  }
  // dL/dz = g v (1 - z^2); dL/dq = sum_s dL/dz, dL/dk = sum_t dL/dz, dL/dv = sum_{b,t,s} g z
  return record(new Tensor(e, [B, T, S]), "additive_score", [q, k, v], (g) => {
    const gd = g.data;
    const dq = allocate(g.dtype, q.numel);
    const dk = allocate(g.dtype, k.numel);
    const dv = allocate(g.dtype, v.numel);
    for (let b = 0; b < B; b++) {
      for (let t = 0; t < T; t++) {
        const qo = (b * T + t) * A;
        for (let s = 0; s < S; s++) {
          const gi = gd[(b * T + t) * S + s] as number;
          if (gi === 0) continue;
          const ko = (b * S + s) * A;
          const zo = ((b * T + t) * S + s) * A;
          for (let a = 0; a < A; a++) {
            const h = z[zo + a] as number;
            const dz = gi * (vd[a] as number) * (1 - h * h);
            dq[qo + a] = (dq[qo + a] as number) + dz;
            dk[ko + a] = (dk[ko + a] as number) + dz;
            dv[a] = (dv[a] as number) + gi * h;
          }
        }
      }
    }
    return [
      q.requiresGrad ? new Tensor(dq, q.shape) : null,
      k.requiresGrad ? new Tensor(dk, k.shape) : null,
      v.requiresGrad ? new Tensor(dv, v.shape) : null,
    ];
  });
}
