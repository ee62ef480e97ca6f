import { withScope } from "../../autograd/scope";
import { mul } from "../../ops/mul";
import { select } from "../../ops/narrow";
import { transpose } from "../../ops/permute";
import { stack } from "../../ops/cat";
import { where } from "../../ops/where";
import { allocate } from "../../tensor/dtype";
import { Tensor } from "../../tensor/tensor";
import type { CellSpec, CellState, ComposedWeights } from "./cells/cell-spec";
import type { DirectionInput, DirectionResult, DirectionWeights } from "./recurrence";

/**
 * One direction of one recurrent layer on the composed path: the loop of the lecture, one step
 * at a time, each step's ops tagged `{ module: scope, step: t }`. With lengths, a 0/1 mask m_t
 * freezes finished sequences, h_t = m_t ? h~_t : h_{t-1}, and zeroes their outputs, y_t = m_t h~_t.
 */
export function runComposed(spec: CellSpec, w: DirectionWeights, inp: DirectionInput): DirectionResult {
  const { x, reverse, lengths, scope } = inp;
  const T = x.shape[0] ?? 0;
  const B = x.shape[1] ?? 0;
  const cw: ComposedWeights = withScope({ module: scope }, () => ({
    wIhT: transpose(w.wIh, 0, 1),
    wHhT: transpose(w.wHh, 0, 1),
    bIh: w.bIh,
    bHh: w.bHh,
  }));
  let state: CellState = { h: inp.h0, c: spec.cellState ? inp.c0 : null };
  const ys = new Array<Tensor>(T);
  for (let k = 0; k < T; k++) {
    const t = reverse ? T - 1 - k : k;
    const tags = inp.tagSteps ? { module: scope, step: t } : { module: scope };
    withScope(tags, () => {
      const xt = withScope({ role: "x" }, () => select(x, 0, t));
      const next = spec.step(xt, state, cw);
      if (lengths === null) {
        ys[t] = next.h;
        state = next;
        return;
      }
      const mask = stepMask(lengths, t, B, x.dtype);
      ys[t] = withScope({ role: "y" }, () => mul(next.h, mask));
      const h = withScope({ role: "h" }, () => where(mask, next.h, state.h));
      const cNext = next.c;
      const cPrev = state.c;
      const c = cNext === null || cPrev === null ? null : withScope({ role: "c" }, () => where(mask, cNext, cPrev));
      state = { h, c };
    });
  }
  const output = withScope({ module: scope, role: "output" }, () => stack(ys, 0));
  return { output, h: state.h, c: state.c };
}

/** [B, 1] with 1 where step t lies inside sequence b, 0 past its end. */
function stepMask(lengths: Int32Array, t: number, B: number, dtype: Tensor["dtype"]): Tensor {
  const m = allocate(dtype, B);
  for (let b = 0; b < B; b++) m[b] = t < (lengths[b] as number) ? 1 : 0;
  return new Tensor(m, [B, 1]);
}
