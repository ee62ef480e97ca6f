import type { NodePart } from "../../../autograd/node";
import { isGivenBack } from "../../../autograd/retired";
import { currentScope, withScope } from "../../../autograd/scope";
import { AutogradError } from "../../../errors";
import type { FusedCellKernel } from "../../../ops/fused/cell-kernel";
import { fusedCellState, fusedOutput } from "../../../ops/fused/output";
import { withResident } from "../../../ops/fused/pin";
import { fusedProjection } from "../../../ops/fused/projection";
import { fusedStep } from "../../../ops/fused/recurrent-step";
import { releaseWithNode } from "../../../ops/fused/release";
import { FusedGrads, StepArrays, everyStepLive } from "../../../ops/fused/step-arrays";
import type { TypedArray } from "../../../tensor/dtype";
import { allocate, allocateOverwritten } from "../../../tensor/dtype";
import { Tensor } from "../../../tensor/tensor";
import type { GateSpec } from "../cells/cell-spec";
import type { DirectionInput, DirectionResult, DirectionWeights } from "../recurrence";

/**
 * One direction of one recurrent layer on the fused path. It owns what the fused path keeps
 * between forward and backward: the step arrays (gates, states, outputs), the gradient buffers
 * and the pinned W_hh; the nodes and their backwards are the ops of `src/ops/fused`.
 *
 * Forward: ONE GEMM projects the inputs of all T steps at once (P = X W_ih^T + b, [T*B, G*H]);
 * then each step makes one GEMM h_{t-1} W_hh^T and one pass of the fused pointwise cell. When
 * every row is live at every step (no lengths, or all lengths T), the whole direction is one
 * backend call (`Backend.lstmSequence` etc.), whose numbers are those of the steps, and the step
 * nodes are recorded after it; else one backend call per step, after which the rows of finished
 * sequences are put back (ops/fused/mask.ts).
 *
 * Graph: a projection node (inputs X, W_ih, W_hh, biases; output P), then one node per step
 * (op `lstm_cell` etc., tagged with the scope, the step t and role "h", inputs P, h_{t-1}, W_hh),
 * an output node made of the steps, and for a cell with a cell state a node giving c_T.
 * Backward: each step receives the whole dL/dh_t, writes its gate gradients into one
 * [T*B, G*H] buffer and passes dL/dh_{t-1} (and dL/dc_{t-1}) down the chain; the projection
 * node then makes every weight gradient with one GEMM each over all steps.
 * The gate activations stay in the gate buffer after the step; each step node and the output
 * node name them as parts (`GradNode.parts`, role and gate tag of the cell's gates) for figures.
 */
export class FusedDirection {
  private readonly s: StepArrays;
  private readonly grads: FusedGrads = { dGx: null, dGh: null, dc: null, dcFinal: null, pendingDGh: null, pinned: null, dY: null, chain: null };
  private readonly T: number;
  /** The projection node P, whose data is the gate buffer `acts` (null until `run`). */
  private projection: Tensor | null = null;

  constructor(
    private readonly kernel: FusedCellKernel,
    private readonly gates: readonly GateSpec[],
    private readonly w: DirectionWeights,
    private readonly inp: DirectionInput,
  ) {
    const [T = 0, B = 0] = inp.x.shape;
    const H = w.wHh.shape[1] ?? 0;
    const BH = B * H;
    const dtype = inp.x.dtype;
    this.T = T;
    this.s = {
      B,
      H,
      // every slot of these is written before it is read: the projection fills acts, the steps
      // each state slot after the initial one, which is set below, and every block of aux (the
      // cell kernels write tanh(c_t) or hw_n on every row, finished or not)
      acts: allocateOverwritten(dtype, T * B * kernel.blocks * H),
      hs: allocateOverwritten(dtype, (T + 1) * BH),
      cs: kernel.cellState ? allocateOverwritten(dtype, (T + 1) * BH) : null,
      aux: kernel.aux ? allocateOverwritten(dtype, T * BH) : null,
      y: inp.lengths === null ? null : allocate(dtype, T * BH),
      lengths: inp.lengths,
    };
    const initSlot = inp.reverse ? T * BH : 0;
    this.s.hs.set(inp.h0.data, initSlot);
    if (this.s.cs !== null) {
      if (inp.c0 !== null) this.s.cs.set(inp.c0.data, initSlot);
      else this.s.cs.fill(0, initSlot, initSlot + BH);
    }
  }

  /** Runs the direction: the projection, the steps, the output (and c_T). */
  run(): DirectionResult {
    const { kernel, w, inp, s, T } = this;
    const { x, h0, c0, reverse, scope } = inp;
    const { B, H } = s;
    const BH = B * H;
    const D = x.shape[2] ?? 0;
    const GH = kernel.blocks * H;
    const saved = { x, w, hs: s.hs, prevBase: reverse ? BH : 0, T, B, D, H, GH, splitHidden: kernel.splitHiddenGrads };
    const P = withScope({ module: scope }, () => fusedProjection(kernel, x, w, s.acts, this.grads, saved));
    this.projection = P;
    // tanh(c_t) (aux) is read by the steps' backwards only, all done when the projection's node is released
    const aux = s.aux;
    if (aux !== null) releaseWithNode(P, aux);
    const whole = everyStepLive(s, T);
    const steps: Tensor[] = [];
    const d = { kernel, w, s, grads: this.grads, T, reverse, nodes: steps, initialGrad: h0.requiresGrad };
    const parts: NodePart[] = [];
    let hPrev = h0;
    withResident(w.wHh.data, () => {
      if (whole) this.sequenceForward();
      for (let k = 0; k < T; k++) {
        const t = reverse ? T - 1 - k : k;
        const prev = reverse ? (t + 1) * BH : t * BH;
        const out = reverse ? t * BH : (t + 1) * BH;
        const first = k === 0;
        const last = k === T - 1;
        const inputs = first && kernel.cellState && c0 !== null ? [P, hPrev, w.wHh, c0] : [P, hPrev, w.wHh];
        const tags = inp.tagSteps ? { module: scope, step: t, role: "h" } : { module: scope, role: "h" };
        const node = withScope(tags, () => {
          const own = this.gateParts(t, currentScope()?.step);
          parts.push(...own);
          return fusedStep(d, { t, prev, out, first, last }, inputs, whole, own);
        });
        steps.push(node);
        hPrev = node;
      }
    });
    const z = { T, B, H, reverse, scope, whole };
    const output = fusedOutput(s, steps, z, parts, this.grads);
    const last = steps[steps.length - 1] ?? h0;
    const c = kernel.cellState ? fusedCellState(`${kernel.op}_state`, s, last, this.grads, z) : null;
    return { output, h: last, c };
  }

  /** All T steps in one backend call; then y_t = h_t: slots 1..T, or 0..T-1 in reverse. */
  private sequenceForward(): void {
    const { s, T } = this;
    const BH = s.B * s.H;
    this.kernel.sequence(s, this.w, T, this.inp.reverse);
    const first = this.inp.reverse ? 0 : BH;
    if (s.y !== null) s.y.set(s.hs.subarray(first, first + T * BH));
  }

  /** The gates of step t as node parts (none for a cell without gates, or a step without a step tag). */
  private gateParts(t: number, step: number | undefined): NodePart[] {
    if (step === undefined) return [];
    const module = this.inp.scope;
    return this.gates.map((g) => ({ module, step, role: g.role, gate: g.gate, read: () => this.readGate(t, g.gate.block, g.role) }));
  }

  /**
   * Gate block k of step t: rows (t B + b), columns k H .. (k+1) H of the gate buffer, copied out.
   * The buffer is P's storage: after a backward pass released the graph it may have been given
   * back (autograd/retired.ts), and then reading it is an error that says what to do.
   */
  private readGate(t: number, k: number, role: string): Tensor {
    const P = this.projection;
    if (P !== null && isGivenBack(P)) {
      throw new AutogradError(
        `${this.inp.scope}: the gate ${role} of step ${t} was computed in a graph that backward() released, and its storage was given back; ` +
          `draw the gates (viz.gates) before backward(), call backward({ retainGraph: true }), or run the forward again`,
      );
    }
    const { B, H, acts } = this.s;
    const G = this.kernel.blocks * H;
    const out: TypedArray = allocate(acts instanceof Float64Array ? "float64" : "float32", B * H);
    for (let b = 0; b < B; b++) {
      const from = (t * B + b) * G + k * H;
      out.set(acts.subarray(from, from + H), b * H);
    }
    return new Tensor(out, [B, H]);
  }
}

