import { record } from "../../../autograd/record";
import { withScope } from "../../../autograd/scope";
import { getBackend } from "../../../backend/backend";
import type { TypedArray } from "../../../tensor/dtype";
import { allocate } from "../../../tensor/dtype";
import { Tensor } from "../../../tensor/tensor";
import { StepArrays } from "./arrays";
import { FusedGateStep, gateRoles, rememberGates } from "./gates";
import { freezeFinished, passFinished } from "./mask";
import { fusedOutput } from "./output";
import { holdResident, releaseResident, withResident } from "./pin";
import { FusedGrads, projectionBackward } from "./projection";
import { CellKind, DirectionInput, DirectionResult, DirectionWeights, cellOpName, gateCount } from "../recurrence";

/**
 * One direction of one recurrent layer on the fused path.
 *
 * Forward: ONE GEMM projects the inputs of all T steps at once (P = X W_ih^T + b, [T*B, G*H]);
 * then each step makes one GEMM h_{t-1} W_hh^T and one pass of the fused pointwise cell. When
 * every row is live at every step (no lengths, or all lengths T), the whole direction is one
 * backend call (`Backend.lstmSequence` etc.), whose numbers are those of the steps, and the step
 * nodes are recorded after it; else one backend call per step (`Backend.lstmStep` etc., see
 * `stepForward`), after which the rows of finished sequences are put back (fused/mask.ts).
 *
 * Graph: a projection node (inputs X, W_ih, W_hh, biases; output P), then one node per step
 * (op `lstm_cell` etc., tagged with the scope, the step t and role "h", inputs P, h_{t-1}, W_hh),
 * an output node made of the steps (see `fusedOutput`), and for the LSTM a node giving c_T.
 * Backward: each step receives the whole dL/dh_t (from y_t and from h_{t+1}), writes its gate
 * gradients into one [T*B, G*H] buffer and passes dL/dh_{t-1} (and dL/dc_{t-1}) down the chain;
 * the projection node then makes every weight gradient with one GEMM each over all steps
 * (dW_hh = dG^T [h_{-1} .. h_{T-2}] included) and dX = dG W_ih.
 * The gate activations stay in the gate buffer after the step; `fusedGates` reads them for figures.
 */
export function runFused(kind: CellKind, w: DirectionWeights, inp: DirectionInput): DirectionResult {
  const { x, h0, c0, reverse, scope } = inp;
  const [T = 0, B = 0, D = 0] = x.shape;
  const H = w.wHh.shape[1] ?? 0;
  const GH = gateCount(kind) * H;
  const BH = B * H;
  const dtype = x.dtype;
  const lstm = kind === "lstm";
  const gru = kind === "gru";

  // P = X W_ih^T + b_ih (+ b_hh, except for the GRU whose b_hn sits inside r * (...))
  const proj = allocate(dtype, T * B * GH);
  getBackend().linear(T * B, GH, D, x.data, 0, w.wIh.data, 0, projectionBias(w, gru, dtype, GH), proj, 0);

  const s: StepArrays = {
    B,
    H,
    acts: proj,
    hs: allocate(dtype, (T + 1) * BH),
    cs: lstm ? allocate(dtype, (T + 1) * BH) : null,
    aux: lstm || gru ? allocate(dtype, T * BH) : null,
    y: inp.lengths === null ? null : allocate(dtype, T * BH),
    lengths: inp.lengths,
  };
  const initSlot = reverse ? T * BH : 0;
  s.hs.set(h0.data, initSlot);
  if (s.cs !== null && c0 !== null) s.cs.set(c0.data, initSlot);

  const grads: FusedGrads = { dGx: null, dGh: null, dc: null, dcFinal: null, pendingDGh: null, pinned: null };
  const weights = [w.wIh, w.wHh, w.bIh, w.bHh].filter((p): p is Tensor => p !== null);
  const projInputs = [x, ...weights];
  const P = withScope({ module: scope }, () =>
    record(new Tensor(proj, [T * B, GH]), `${cellOpName(kind).replace("_cell", "")}_projection`, projInputs, (g) =>
      projectionBackward(g, grads, { x, w, hs: s.hs, prevBase: reverse ? BH : 0, T, B, D, H, GH, gru }),
    ),
  );

  const whole = everyStepLive(s, T);
  const steps: Tensor[] = [];
  const roles = gateRoles(kind);
  const gateSteps: FusedGateStep[] = [];
  let hPrev = h0;
  const op = cellOpName(kind);
  withResident(w.wHh.data, () => {
    if (whole) sequenceForward(kind, w, s, T, reverse);
    for (let k = 0; k < T; k++) {
      const t = reverse ? T - 1 - k : k;
      const prev = reverse ? (t + 1) * BH : t * BH;
      const out = reverse ? t * BH : (t + 1) * BH;
      if (!whole) stepForward(kind, w, s, t, prev, out);
      const first = k === 0;
      const inputs = first && lstm && c0 !== null ? [P, hPrev, w.wHh, c0] : [P, hPrev, w.wHh];
      const tags = inp.tagSteps ? { module: scope, step: t, role: "h" } : { module: scope, role: "h" };
      const hT = new Tensor(s.hs.subarray(out, out + BH), [B, H]);
      // g = dL/dh_t whole; dL/da_t from the fused cell backward; dL/dh_{t-1} = dL/da_t W_hh (+ the part that skips W_hh)
      const node = withScope(tags, () =>
        record(hT, op, inputs, (g) => {
          if (grads.dGx === null) {
            startBackward(grads, dtype, T * B * GH, gru, lstm ? BH : 0);
            holdResident(grads, w.wHh.data);
          }
          const dGx = grads.dGx as TypedArray; // allocated just above
          const dGh = gru ? (grads.dGh as TypedArray) : dGx;
          const dhPrev = allocate(dtype, BH);
          stepBackward(kind, w, s, t, prev, g.data, grads, dhPrev);
          const dh = new Tensor(dhPrev, [B, H]);
          if (!first) return [null, dh, null];
          releaseResident(grads);
          const dP = new Tensor(dGx, [T * B, GH]);
          const dc0 = lstm ? new Tensor(grads.dc as TypedArray, [B, H]) : null;
          grads.pendingDGh = gru ? dGh : null;
          grads.dGx = grads.dGh = grads.dc = grads.dcFinal = null;
          return [dP, dh, null, dc0];
        }),
      );
      const step = node.gradFn?.tags?.step;
      if (roles !== null && step !== undefined) {
        const gates: FusedGateStep = { module: scope, step, acts: s.acts, t, B, H, roles };
        gateSteps.push(gates);
        rememberGates(node, [gates]);
      }
      steps.push(node);
      hPrev = node;
    }
  });
  const result = fusedOutput(kind, s, steps, grads, { T, B, H, reverse, scope });
  if (result.output.gradFn !== null) rememberGates(result.output, gateSteps);
  return result;
}

/**
 * All T steps of the forward after the projection, every row live: one backend call
 * (`lstmSequence`, `gruSequence`, `rnnSequence`) leaves in `s` what T calls of `stepForward` would.
 */
function sequenceForward(kind: CellKind, w: DirectionWeights, s: StepArrays, T: number, reverse: boolean): void {
  const { B, H, acts, hs } = s;
  const backend = getBackend();
  const BH = B * H;
  const wHh = w.wHh.data;
  if (kind === "lstm") {
    const cs = s.cs as TypedArray; // allocated by the LSTM runner
    const tc = s.aux as TypedArray; // tanh(c_t), allocated by the LSTM runner
    backend.lstmSequence(T, B, H, reverse, wHh, acts, cs, hs, tc);
  } else if (kind === "gru") {
    const hn = s.aux as TypedArray; // hw_n, allocated by the GRU runner
    backend.gruSequence(T, B, H, reverse, wHh, w.bHh?.data ?? null, acts, hs, hn);
  } else backend.rnnSequence(T, B, H, kind === "rnn_relu" ? "relu" : "tanh", reverse, wHh, acts, hs);
  // y_t = h_t: slots 1..T, or 0..T-1 in reverse
  const first = reverse ? 0 : BH;
  if (s.y !== null) s.y.set(hs.subarray(first, first + T * BH));
}

/**
 * Step t of the forward after the projection, one backend call (`lstmStep`, `gruStep`,
 * `rnnStep`): a_t += h_{t-1} W_hh^T (the GRU: hw = h_{t-1} W_hh^T + b_hh inside the call) and
 * the pointwise cell. With finished rows (a batch with lengths), `freezeFinished` puts them back.
 */
function stepForward(kind: CellKind, w: DirectionWeights, s: StepArrays, t: number, prev: number, out: number): void {
  const { B, H, acts, hs } = s;
  const backend = getBackend();
  const BH = B * H;
  const GH = gateCount(kind) * H;
  const wHh = w.wHh.data;
  if (kind === "lstm") {
    const cs = s.cs as TypedArray; // allocated by the LSTM runner
    const tc = s.aux as TypedArray; // tanh(c_t), allocated by the LSTM runner
    backend.lstmStep(B, H, wHh, acts, t * GH * B, cs, prev, out, hs, prev, out, tc, t * BH);
  } else if (kind === "gru") {
    const hn = s.aux as TypedArray; // hw_n, allocated by the GRU runner
    backend.gruStep(B, H, wHh, w.bHh?.data ?? null, acts, t * GH * B, hs, prev, out, hn, t * BH);
  } else backend.rnnStep(B, H, kind === "rnn_relu" ? "relu" : "tanh", wHh, acts, t * BH, hs, prev, out);
  if (allLive(s, t)) {
    if (s.y !== null) s.y.set(hs.subarray(out, out + BH), t * BH);
  } else freezeFinished(s, t, prev, out);
}

/**
 * The backward of step t from dh = dL/dh_t, one backend call (`lstmStepBackward`, ...): gate
 * gradients into the buffers of `grads` (and dL/dc_{t-1} into grads.dc), dL/dh_{t-1} into
 * dhPrev. With finished rows, `passFinished` then passes their gradients through unchanged.
 */
function stepBackward(
  kind: CellKind,
  w: DirectionWeights,
  s: StepArrays,
  t: number,
  prev: number,
  dh: TypedArray,
  grads: FusedGrads,
  dhPrev: TypedArray,
): void {
  const { B, H, acts, hs } = s;
  const backend = getBackend();
  const BH = B * H;
  const G = gateCount(kind);
  const at = t * B * G * H;
  const wHh = w.wHh.data;
  const dGx = grads.dGx as TypedArray; // allocated by startBackward
  const live = allLive(s, t);
  if (kind === "lstm") {
    const dc = grads.dc as TypedArray; // allocated by startBackward
    const cs = s.cs as TypedArray; // allocated by the LSTM runner
    const tc = s.aux as TypedArray; // tanh(c_t), allocated by the LSTM runner
    const dcBefore = live ? null : dc.slice();
    backend.lstmStepBackward(B, H, wHh, acts, at, cs, prev, tc, t * BH, dh, 0, dc, 0, dGx, at, dhPrev, 0);
    if (!live) passFinished(s, t, G, dh, dhPrev, [dGx], dc, dcBefore);
  } else if (kind === "gru") {
    const dGh = grads.dGh as TypedArray; // allocated by startBackward
    const hn = s.aux as TypedArray; // hw_n, allocated by the GRU runner
    backend.gruStepBackward(B, H, wHh, acts, at, hn, t * BH, hs, prev, dh, 0, dGx, at, dGh, at, dhPrev, 0);
    if (!live) passFinished(s, t, G, dh, dhPrev, [dGx, dGh], null, null);
  } else {
    backend.rnnStepBackward(B, H, kind === "rnn_relu" ? "relu" : "tanh", wHh, acts, at, dh, 0, dGx, at, dhPrev, 0);
    if (!live) passFinished(s, t, G, dh, dhPrev, [dGx], null, null);
  }
}

/** True when every step lies inside every sequence of the batch (no lengths, or all at least T). */
function everyStepLive(s: StepArrays, T: number): boolean {
  const lengths = s.lengths;
  if (lengths === null) return true;
  for (let b = 0; b < lengths.length; b++) if ((lengths[b] as number) < T) return false;
  return true;
}

/** True when step t lies inside every sequence of the batch. */
function allLive(s: StepArrays, t: number): boolean {
  const lengths = s.lengths;
  if (lengths === null) return true;
  for (let b = 0; b < lengths.length; b++) if (t >= (lengths[b] as number)) return false;
  return true;
}

/** The bias folded into the projection: b_ih + b_hh (b_ih alone for the GRU), or null. */
function projectionBias(w: DirectionWeights, gru: boolean, dtype: Tensor["dtype"], GH: number): TypedArray | null {
  if (w.bIh === null && (gru || w.bHh === null)) return null;
  const out = allocate(dtype, GH);
  if (w.bIh !== null) out.set(w.bIh.data);
  if (!gru && w.bHh !== null) for (let j = 0; j < GH; j++) out[j] = (out[j] as number) + (w.bHh.data[j] as number);
  return out;
}

/** Allocates the backward buffers of one direction when its first step's backward runs. */
function startBackward(grads: FusedGrads, dtype: Tensor["dtype"], n: number, gru: boolean, cellSize: number): void {
  grads.dGx = allocate(dtype, n);
  grads.dGh = gru ? allocate(dtype, n) : null;
  if (cellSize > 0) grads.dc = grads.dcFinal === null ? allocate(dtype, cellSize) : grads.dcFinal.slice();
}
