import type { TypedArray } from "../../tensor/dtype";
import type { RecurrentSequences, RecurrentSteps } from "../recurrent-steps";
import type { ArenaGemm } from "./gemm";
import type { WasmKernels } from "./module";
import { createWasmSequences } from "./sequence";
import type { Staging } from "./staging";

/** Below this many elements per [B, H] block the plain-JS step beats staging into wasm memory. */
const MIN_ELEMENTS = 16;

/**
 * The whole recurrent steps (see RecurrentSteps) on the WebAssembly SIMD kernels, one staging per
 * step: each float32 operand is copied into the module's memory once, the recurrent GEMM
 * (`core`, threaded when large) and the cell kernel run on those copies, and each result is
 * copied out once (a pinned destination's resident copy is marked stale). A pinned W_hh is read
 * from its resident panels, packed once per scope and shape. An LSTM step copies 6 blocks of
 * B H floats in and 7 out in the forward (a GEMM call followed by a cell call: 10 in, 11 out)
 * and 8 in, 6 out in the backward (13 in, 6 out). Other dtypes and tiny blocks go to the
 * plain-JS steps of `js`. The whole-direction forwards come from `createWasmSequences`.
 */
export function createWasmSteps(kernels: WasmKernels, staging: Staging, core: ArenaGemm, js: RecurrentSteps): RecurrentSteps {
  const { arena, pins } = staging;
  const put = (src: TypedArray, off: number, n: number): number => staging.put(src, off, n);
  const get: Staging["get"] = (at, n, dst, off) => staging.get(at, n, dst, off);
  const scratch = (n: number): number => arena.alloc(n * 4);
  /** True when the JS step should run: not every operand float32, or a tiny block. */
  function plain(n: number, arrays: Array<TypedArray | null>): boolean {
    return n < MIN_ELEMENTS || arrays.some((x) => x !== null && !(x instanceof Float32Array));
  }
  function touched(arrays: TypedArray[]): void {
    for (const x of arrays) pins.written(x);
  }

  const steps: Omit<RecurrentSteps, keyof RecurrentSequences> = {
    lstmStep(B, H, wHh, acts, actsOff, c, cPrevOff, cOff, h, hPrevOff, hOff, tanhC, tanhCOff): void {
      const n = B * H;
      if (plain(n, [wHh, acts, c, h, tanhC])) {
        js.lstmStep(B, H, wHh, acts, actsOff, c, cPrevOff, cOff, h, hPrevOff, hOff, tanhC, tanhCOff);
        touched([acts, c, h, tanhC]);
        return;
      }
      arena.reset();
      const w = staging.opB(wHh, true, 0, H, H, 4 * H);
      const pa = put(acts, actsOff, 4 * n);
      const pPrev = put(h, hPrevOff, n);
      const pcPrev = put(c, cPrevOff, n);
      // a_t += h_{t-1} W_hh^T, then the cell on the same memory
      core(false, w.mode, B, 4 * H, H, 1, pPrev, H, w.at, w.ld, 1, pa, 4 * H);
      const [pc, ph, pt] = [scratch(n), scratch(n), scratch(n)];
      kernels.lstmCell(B, H, pa, pcPrev, pc, ph, pt);
      get(pa, 4 * n, acts, actsOff);
      get(pc, n, c, cOff);
      get(ph, n, h, hOff);
      get(pt, n, tanhC, tanhCOff);
    },

    lstmStepBackward(
      B, H, wHh, gates, gatesOff, cPrev, cPrevOff, tanhC, tanhCOff, dh, dhOff, dc, dcOff, dG, dGOff, dhPrev, dhPrevOff,
    ): void {
      const n = B * H;
      if (plain(n, [wHh, gates, cPrev, tanhC, dh, dc, dG, dhPrev])) {
        js.lstmStepBackward(B, H, wHh, gates, gatesOff, cPrev, cPrevOff, tanhC, tanhCOff, dh, dhOff, dc, dcOff, dG, dGOff, dhPrev, dhPrevOff);
        touched([dc, dG, dhPrev]);
        return;
      }
      arena.reset();
      const w = staging.opB(wHh, false, 0, H, 4 * H, H);
      const pg = put(gates, gatesOff, 4 * n);
      const pcPrev = put(cPrev, cPrevOff, n);
      const pt = put(tanhC, tanhCOff, n);
      const pdh = put(dh, dhOff, n);
      const pdc = put(dc, dcOff, n);
      const [pdG, pdp] = [scratch(4 * n), scratch(n)];
      kernels.lstmCellBackward(B, H, pg, pcPrev, pt, pdh, pdc, pdG);
      // dL/dh_{t-1} = dG W_hh
      core(false, w.mode, B, H, 4 * H, 1, pdG, 4 * H, w.at, w.ld, 0, pdp, H);
      get(pdG, 4 * n, dG, dGOff);
      get(pdc, n, dc, dcOff);
      get(pdp, n, dhPrev, dhPrevOff);
    },

    gruStep(B, H, wHh, bHh, acts, actsOff, h, hPrevOff, hOff, hn, hnOff): void {
      const n = B * H;
      if (plain(n, [wHh, bHh, acts, h, hn])) {
        js.gruStep(B, H, wHh, bHh, acts, actsOff, h, hPrevOff, hOff, hn, hnOff);
        touched([acts, h, hn]);
        return;
      }
      const GH = 3 * H;
      arena.reset();
      const w = staging.opB(wHh, true, 0, H, H, GH);
      const pa = put(acts, actsOff, 3 * n);
      const pPrev = put(h, hPrevOff, n);
      const pw = scratch(3 * n);
      if (bHh !== null) for (let b = 0; b < B; b++) arena.f32.set(bHh.subarray(0, GH), (pw >> 2) + b * GH);
      // hw = h_{t-1} W_hh^T + b_hh, then the cell on the same memory
      core(false, w.mode, B, GH, H, 1, pPrev, H, w.at, w.ld, bHh === null ? 0 : 1, pw, GH);
      const [ph, pn] = [scratch(n), scratch(n)];
      kernels.gruCell(B, H, pa, pw, pPrev, ph, pn);
      get(pa, 3 * n, acts, actsOff);
      get(ph, n, h, hOff);
      get(pn, n, hn, hnOff);
    },

    gruStepBackward(
      B, H, wHh, gates, gatesOff, hn, hnOff, h, hPrevOff, dh, dhOff, dGx, dGxOff, dGh, dGhOff, dhPrev, dhPrevOff,
    ): void {
      const n = B * H;
      if (plain(n, [wHh, gates, hn, h, dh, dGx, dGh, dhPrev])) {
        js.gruStepBackward(B, H, wHh, gates, gatesOff, hn, hnOff, h, hPrevOff, dh, dhOff, dGx, dGxOff, dGh, dGhOff, dhPrev, dhPrevOff);
        touched([dGx, dGh, dhPrev]);
        return;
      }
      arena.reset();
      const w = staging.opB(wHh, false, 0, H, 3 * H, H);
      const pg = put(gates, gatesOff, 3 * n);
      const pn = put(hn, hnOff, n);
      const pPrev = put(h, hPrevOff, n);
      const pdh = put(dh, dhOff, n);
      const [pdx, pdw, pdp] = [scratch(3 * n), scratch(3 * n), scratch(n)];
      kernels.gruCellBackward(B, H, pg, pn, pPrev, pdh, pdx, pdw, pdp);
      // dL/dh_{t-1} = dh z + dGh W_hh
      core(false, w.mode, B, H, 3 * H, 1, pdw, 3 * H, w.at, w.ld, 1, pdp, H);
      get(pdx, 3 * n, dGx, dGxOff);
      get(pdw, 3 * n, dGh, dGhOff);
      get(pdp, n, dhPrev, dhPrevOff);
    },

    rnnStep(B, H, nonlinearity, wHh, acts, actsOff, h, hPrevOff, hOff): void {
      const n = B * H;
      if (plain(n, [wHh, acts, h])) {
        js.rnnStep(B, H, nonlinearity, wHh, acts, actsOff, h, hPrevOff, hOff);
        touched([acts, h]);
        return;
      }
      arena.reset();
      const w = staging.opB(wHh, true, 0, H, H, H);
      const pa = put(acts, actsOff, n);
      const pPrev = put(h, hPrevOff, n);
      // a_t += h_{t-1} W_hh^T, then h_t = act(a_t) in place
      core(false, w.mode, B, H, H, 1, pPrev, H, w.at, w.ld, 1, pa, H);
      kernels.rnnCell(nonlinearity === "relu", n, pa, pa);
      get(pa, n, acts, actsOff);
      get(pa, n, h, hOff);
    },

    rnnStepBackward(B, H, nonlinearity, wHh, acts, actsOff, dh, dhOff, dG, dGOff, dhPrev, dhPrevOff): void {
      const n = B * H;
      if (plain(n, [wHh, acts, dh, dG, dhPrev])) {
        js.rnnStepBackward(B, H, nonlinearity, wHh, acts, actsOff, dh, dhOff, dG, dGOff, dhPrev, dhPrevOff);
        touched([dG, dhPrev]);
        return;
      }
      arena.reset();
      const w = staging.opB(wHh, false, 0, H, H, H);
      const ph = put(acts, actsOff, n);
      const pdG = put(dh, dhOff, n);
      const pdp = scratch(n);
      // dG = dh act'(a_t) in place of dh, then dL/dh_{t-1} = dG W_hh
      kernels.rnnCellBackward(nonlinearity === "relu", n, ph, pdG, pdG);
      core(false, w.mode, B, H, H, 1, pdG, H, w.at, w.ld, 0, pdp, H);
      get(pdG, n, dG, dGOff);
      get(pdp, n, dhPrev, dhPrevOff);
    },
  };
  return { ...steps, ...createWasmSequences(kernels, staging, steps) };
}
