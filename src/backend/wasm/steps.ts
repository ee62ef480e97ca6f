import type { TypedArray } from "../../tensor/dtype";
import type { RecurrentSequences, RecurrentSteps } from "../recurrent-steps";
import type { ArenaGemm } from "./gemm";
import type { WasmKernels } from "./module";
import { createWasmSequences } from "./sequence";
import { createWasmSequenceBackwards } from "./sequence-backward";
import type { Staging } from "./staging";
import type { KernelThreads } from "./threads";

/** Below this many elements per [B, H] block the plain-JS step beats staging into wasm memory. */
const MIN_ELEMENTS = 16;

/**
 * The whole recurrent steps (see RecurrentSteps) on the WebAssembly SIMD kernels: the recurrent
 * GEMM (`core`, threaded when large) and the cell kernel run on the operands where they live.
 * Arrays in the module's memory (tensor storage) are read and written in place, with no copy;
 * an array on the JavaScript heap is staged (copied in once, its result copied out once, see
 * Staging). A pinned W_hh is read from its panels, packed once per scope and shape. Other dtypes
 * and tiny blocks go to the plain-JS steps of `js`. The whole-direction forwards come from
 * `createWasmSequences` (split over `pool`'s threads by hidden units when large), their backwards
 * from `createWasmSequenceBackwards` (likewise).
 */
export function createWasmSteps(
  kernels: WasmKernels,
  staging: Staging,
  core: ArenaGemm,
  pool: KernelThreads | null,
  js: RecurrentSteps,
): RecurrentSteps {
  const { arena, pins } = staging;
  const input = (src: TypedArray, off: number, n: number): number => staging.input(src, off, n);
  const output = (dst: TypedArray, off: number, n: number): number => staging.output(dst, off, n);
  const done: Staging["done"] = (at, n, dst, off) => staging.done(at, n, dst, off);
  const scratch = (n: number): number => arena.alloc(n * 4);
  /** True when the JS step should run: not every operand float32, or a tiny block. */
  function plain(n: number, arrays: Array<TypedArray | null>): boolean {
    return n < MIN_ELEMENTS || arrays.some((x) => x !== null && !(x instanceof Float32Array));
  }
  function touched(arrays: TypedArray[]): void {
    for (const x of arrays) pins.written(x);
  }

  const steps: Omit<RecurrentSteps, keyof RecurrentSequences> = {
    lstmStep({ B, H, wHh, acts, actsOff, c, cPrevOff, cOff, h, hPrevOff, hOff, tanhC, tanhCOff }): void {
      const n = B * H;
      if (plain(n, [wHh, acts, c, h, tanhC])) {
        js.lstmStep({ B, H, wHh, acts, actsOff, c, cPrevOff, cOff, h, hPrevOff, hOff, tanhC, tanhCOff });
        touched([acts, c, h, tanhC]);
        return;
      }
      arena.reset();
      const w = staging.opB(wHh, true, 0, H, H, 4 * H);
      const pa = staging.inout(acts, actsOff, 4 * n);
      const pPrev = input(h, hPrevOff, n);
      const pcPrev = input(c, cPrevOff, n);
      // a_t += h_{t-1} W_hh^T, then the cell on the same memory
      core(false, w.mode, B, 4 * H, H, 1, pPrev, H, w.at, w.ld, 1, pa, 4 * H);
      const [pc, ph, pt] = [output(c, cOff, n), output(h, hOff, n), output(tanhC, tanhCOff, n)];
      kernels.lstmCell(B, H, pa, pcPrev, pc, ph, pt);
      done(pa, 4 * n, acts, actsOff);
      done(pc, n, c, cOff);
      done(ph, n, h, hOff);
      done(pt, n, tanhC, tanhCOff);
    },

    lstmStepBackward({ B, H, wHh, gates, gatesOff, cPrev, cPrevOff, tanhC, tanhCOff, dh, dhOff, dc, dcOff, dG, dGOff, dhPrev, dhPrevOff }): void {
      const n = B * H;
      if (plain(n, [wHh, gates, cPrev, tanhC, dh, dc, dG, dhPrev])) {
        js.lstmStepBackward({ B, H, wHh, gates, gatesOff, cPrev, cPrevOff, tanhC, tanhCOff, dh, dhOff, dc, dcOff, dG, dGOff, dhPrev, dhPrevOff });
        touched([dc, dG, dhPrev]);
        return;
      }
      arena.reset();
      const w = staging.opB(wHh, false, 0, H, 4 * H, H);
      const pg = input(gates, gatesOff, 4 * n);
      const pcPrev = input(cPrev, cPrevOff, n);
      const pt = input(tanhC, tanhCOff, n);
      const pdh = input(dh, dhOff, n);
      const pdc = staging.inout(dc, dcOff, n);
      const [pdG, pdp] = [output(dG, dGOff, 4 * n), output(dhPrev, dhPrevOff, n)];
      kernels.lstmCellBackward(B, H, pg, pcPrev, pt, pdh, pdc, pdG);
      // dL/dh_{t-1} = dG W_hh
      core(false, w.mode, B, H, 4 * H, 1, pdG, 4 * H, w.at, w.ld, 0, pdp, H);
      done(pdG, 4 * n, dG, dGOff);
      done(pdc, n, dc, dcOff);
      done(pdp, n, dhPrev, dhPrevOff);
    },

    gruStep({ B, H, wHh, bHh, acts, actsOff, h, hPrevOff, hOff, hn, hnOff }): void {
      const n = B * H;
      if (plain(n, [wHh, bHh, acts, h, hn])) {
        js.gruStep({ B, H, wHh, bHh, acts, actsOff, h, hPrevOff, hOff, hn, hnOff });
        touched([acts, h, hn]);
        return;
      }
      const GH = 3 * H;
      arena.reset();
      const w = staging.opB(wHh, true, 0, H, H, GH);
      const pa = staging.inout(acts, actsOff, 3 * n);
      const pPrev = input(h, hPrevOff, n);
      const pw = scratch(3 * n);
      if (bHh !== null) staging.broadcastRows(bHh, pw, B, GH);
      // hw = h_{t-1} W_hh^T + b_hh, then the cell on the same memory
      core(false, w.mode, B, GH, H, 1, pPrev, H, w.at, w.ld, bHh === null ? 0 : 1, pw, GH);
      const [ph, pn] = [output(h, hOff, n), output(hn, hnOff, n)];
      kernels.gruCell(B, H, pa, pw, pPrev, ph, pn);
      done(pa, 3 * n, acts, actsOff);
      done(ph, n, h, hOff);
      done(pn, n, hn, hnOff);
    },

    gruStepBackward({ B, H, wHh, gates, gatesOff, hn, hnOff, h, hPrevOff, dh, dhOff, dGx, dGxOff, dGh, dGhOff, dhPrev, dhPrevOff }): void {
      const n = B * H;
      if (plain(n, [wHh, gates, hn, h, dh, dGx, dGh, dhPrev])) {
        js.gruStepBackward({ B, H, wHh, gates, gatesOff, hn, hnOff, h, hPrevOff, dh, dhOff, dGx, dGxOff, dGh, dGhOff, dhPrev, dhPrevOff });
        touched([dGx, dGh, dhPrev]);
        return;
      }
      arena.reset();
      const w = staging.opB(wHh, false, 0, H, 3 * H, H);
      const pg = input(gates, gatesOff, 3 * n);
      const pn = input(hn, hnOff, n);
      const pPrev = input(h, hPrevOff, n);
      const pdh = input(dh, dhOff, n);
      const [pdx, pdw, pdp] = [output(dGx, dGxOff, 3 * n), output(dGh, dGhOff, 3 * n), output(dhPrev, dhPrevOff, n)];
      kernels.gruCellBackward(B, H, pg, pn, pPrev, pdh, pdx, pdw, pdp);
      // dL/dh_{t-1} = dh z + dGh W_hh
      core(false, w.mode, B, H, 3 * H, 1, pdw, 3 * H, w.at, w.ld, 1, pdp, H);
      done(pdx, 3 * n, dGx, dGxOff);
      done(pdw, 3 * n, dGh, dGhOff);
      done(pdp, n, dhPrev, dhPrevOff);
    },

    rnnStep({ B, H, nonlinearity, wHh, acts, actsOff, h, hPrevOff, hOff }): void {
      const n = B * H;
      if (plain(n, [wHh, acts, h])) {
        js.rnnStep({ B, H, nonlinearity, wHh, acts, actsOff, h, hPrevOff, hOff });
        touched([acts, h]);
        return;
      }
      arena.reset();
      const w = staging.opB(wHh, true, 0, H, H, H);
      const pa = staging.inout(acts, actsOff, n);
      const pPrev = input(h, hPrevOff, n);
      // a_t += h_{t-1} W_hh^T, then h_t = act(a_t) in place
      core(false, w.mode, B, H, H, 1, pPrev, H, w.at, w.ld, 1, pa, H);
      kernels.rnnCell(nonlinearity === "relu", n, pa, pa);
      done(pa, n, acts, actsOff);
      done(pa, n, h, hOff);
    },

    rnnStepBackward({ B, H, nonlinearity, wHh, acts, actsOff, dh, dhOff, dG, dGOff, dhPrev, dhPrevOff }): void {
      const n = B * H;
      if (plain(n, [wHh, acts, dh, dG, dhPrev])) {
        js.rnnStepBackward({ B, H, nonlinearity, wHh, acts, actsOff, dh, dhOff, dG, dGOff, dhPrev, dhPrevOff });
        touched([dG, dhPrev]);
        return;
      }
      arena.reset();
      const w = staging.opB(wHh, false, 0, H, H, H);
      const ph = input(acts, actsOff, n);
      const pdh = input(dh, dhOff, n);
      const [pdG, pdp] = [output(dG, dGOff, n), output(dhPrev, dhPrevOff, n)];
      // dG = dh act'(a_t), then dL/dh_{t-1} = dG W_hh
      kernels.rnnCellBackward(nonlinearity === "relu", n, ph, pdh, pdG);
      core(false, w.mode, B, H, H, 1, pdG, H, w.at, w.ld, 0, pdp, H);
      done(pdG, n, dG, dGOff);
      done(pdp, n, dhPrev, dhPrevOff);
    },
  };
  return { ...steps, ...createWasmSequences(kernels, staging, pool, steps), ...createWasmSequenceBackwards(kernels, staging, pool, steps) };
}
