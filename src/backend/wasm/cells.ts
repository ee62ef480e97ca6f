import type { Backend } from "../backend";
import type { WasmKernels } from "./module";
import { SPLIT_MIN, chunkOf, splitPool } from "./split";
import type { Staging } from "./staging";
import { KIND } from "./threads";
import type { KernelThreads } from "./threads";

/** The elementwise part of the Backend interface. */
export type CellKernels = Pick<Backend, "sigmoid" | "tanh" | "lstmCell" | "gruCell" | "lstmCellBackward" | "gruCellBackward">;

/** Below this many elements the plain-JS loop beats staging the data into wasm memory. */
const MIN_ELEMENTS = 16;

/**
 * sigmoid, tanh and the LSTM/GRU cells and their backwards on the WebAssembly SIMD kernels (vectorized exp with
 * Cephes-style polynomials, within a few float32 ulp of the exact functions). float32 operands that
 * live in the module's memory are used in place; others are staged (one counted copy in per
 * operand, one out per result; see Staging); other dtypes and tiny sizes go to the plain-JS
 * kernels of `js`. Large ones (SPLIT_MIN) are split over the helper threads: sigmoid and tanh by
 * elements (8 at a time, so each takes the same path as in one call), the cells by rows.
 */
export function createWasmCells(kernels: WasmKernels, staging: Staging, pool: KernelThreads | null, js: CellKernels): CellKernels {
  const { arena, pins } = staging;
  const input: Staging["input"] = (src, off, n) => staging.input(src, off, n);
  const output: Staging["output"] = (dst, off, n) => staging.output(dst, off, n);
  const done: Staging["done"] = (at, n, dst, off) => staging.done(at, n, dst, off);

  /** Runs the cell `kind` on B rows of H units on one thread (`one`) or split by rows. */
  function rows(kind: number, B: number, H: number, pointers: number[], one: () => void): void {
    const threads = splitPool(pool, B * H, SPLIT_MIN.cell, B, 1);
    if (threads === null) one();
    else threads.split({ kind, units: B, chunk: chunkOf(B, threads, 1), ints: [H, ...pointers] });
  }

  function unary(kind: number, kernel: (n: number, x: number, out: number) => void, fallback: Backend["sigmoid"]): Backend["sigmoid"] {
    return (n, x, xOff, out, outOff) => {
      if (!(x instanceof Float32Array && out instanceof Float32Array) || n < MIN_ELEMENTS) {
        fallback(n, x, xOff, out, outOff);
        pins.written(out);
        return;
      }
      arena.reset();
      const po = staging.output(out, outOff, n);
      const px = staging.input(x, xOff, n);
      const threads = splitPool(pool, n, SPLIT_MIN.elementwise, n, 8);
      if (threads === null) kernel(n, px, po);
      else threads.split({ kind, units: n, chunk: chunkOf(n, threads, 8), ints: [px, po] });
      done(po, n, out, outOff);
    };
  }

  return {
    sigmoid: unary(KIND.sigmoid, kernels.sigmoidArray, js.sigmoid),
    tanh: unary(KIND.tanh, kernels.tanhArray, js.tanh),

    lstmCell({ B, H, acts, actsOff, c, cPrevOff, cOff, h, hOff, tanhC, tanhCOff }): void {
      const f32 = acts instanceof Float32Array && c instanceof Float32Array && h instanceof Float32Array && tanhC instanceof Float32Array;
      const n = B * H;
      if (!f32 || n < MIN_ELEMENTS) {
        js.lstmCell({ B, H, acts, actsOff, c, cPrevOff, cOff, h, hOff, tanhC, tanhCOff });
        for (const dst of [acts, c, h, tanhC]) pins.written(dst);
        return;
      }
      arena.reset();
      const pa = staging.inout(acts, actsOff, 4 * n);
      const pcPrev = input(c, cPrevOff, n);
      const pc = output(c, cOff, n);
      const ph = output(h, hOff, n);
      const pt = output(tanhC, tanhCOff, n);
      rows(KIND.lstmCell, B, H, [pa, pcPrev, pc, ph, pt], () => kernels.lstmCell(B, H, pa, pcPrev, pc, ph, pt));
      done(pa, 4 * n, acts, actsOff);
      done(pc, n, c, cOff);
      done(ph, n, h, hOff);
      done(pt, n, tanhC, tanhCOff);
    },

    gruCell({ B, H, acts, actsOff, hw, hwOff, h, hPrevOff, hOff, hn, hnOff }): void {
      const f32 = acts instanceof Float32Array && hw instanceof Float32Array && h instanceof Float32Array && hn instanceof Float32Array;
      const n = B * H;
      if (!f32 || n < MIN_ELEMENTS) {
        js.gruCell({ B, H, acts, actsOff, hw, hwOff, h, hPrevOff, hOff, hn, hnOff });
        for (const dst of [acts, h, hn]) pins.written(dst);
        return;
      }
      arena.reset();
      const pa = staging.inout(acts, actsOff, 3 * n);
      const pw = input(hw, hwOff, 3 * n);
      const pPrev = input(h, hPrevOff, n);
      const ph = output(h, hOff, n);
      const pn = output(hn, hnOff, n);
      rows(KIND.gruCell, B, H, [pa, pw, pPrev, ph, pn], () => kernels.gruCell(B, H, pa, pw, pPrev, ph, pn));
      done(pa, 3 * n, acts, actsOff);
      done(ph, n, h, hOff);
      done(pn, n, hn, hnOff);
    },

    lstmCellBackward({ B, H, gates, gatesOff, cPrev, cPrevOff, tanhC, tanhCOff, dh, dhOff, dc, dcOff, dG, dGOff }): void {
      const f32 =
        gates instanceof Float32Array &&
        cPrev instanceof Float32Array &&
        tanhC instanceof Float32Array &&
        dh instanceof Float32Array &&
        dc instanceof Float32Array &&
        dG instanceof Float32Array;
      const n = B * H;
      if (!f32 || n < MIN_ELEMENTS) {
        js.lstmCellBackward({ B, H, gates, gatesOff, cPrev, cPrevOff, tanhC, tanhCOff, dh, dhOff, dc, dcOff, dG, dGOff });
        for (const dst of [dc, dG]) pins.written(dst);
        return;
      }
      arena.reset();
      // in: gates, c_{t-1}, tanh(c_t), dh, dc (8 B H floats); out: dG, dc (5 B H)
      const pg = input(gates, gatesOff, 4 * n);
      const pcPrev = input(cPrev, cPrevOff, n);
      const pt = input(tanhC, tanhCOff, n);
      const pdh = input(dh, dhOff, n);
      const pdc = staging.inout(dc, dcOff, n);
      const pdG = output(dG, dGOff, 4 * n);
      const pointers = [pg, pcPrev, pt, pdh, pdc, pdG];
      rows(KIND.lstmCellBackward, B, H, pointers, () => kernels.lstmCellBackward(B, H, pg, pcPrev, pt, pdh, pdc, pdG));
      done(pdG, 4 * n, dG, dGOff);
      done(pdc, n, dc, dcOff);
    },

    gruCellBackward({ B, H, gates, gatesOff, hn, hnOff, h, hPrevOff, dh, dhOff, dGx, dGxOff, dGh, dGhOff, dhPrev, dhPrevOff }): void {
      const f32 = [gates, hn, h, dh, dGx, dGh, dhPrev].every((x) => x instanceof Float32Array);
      const n = B * H;
      if (!f32 || n < MIN_ELEMENTS) {
        js.gruCellBackward({ B, H, gates, gatesOff, hn, hnOff, h, hPrevOff, dh, dhOff, dGx, dGxOff, dGh, dGhOff, dhPrev, dhPrevOff });
        for (const dst of [dGx, dGh, dhPrev]) pins.written(dst);
        return;
      }
      arena.reset();
      // in: gates, hw_n, h_{t-1}, dh (6 B H floats); out: dGx, dGh, dh z (7 B H)
      const pg = input(gates, gatesOff, 3 * n);
      const pn = input(hn, hnOff, n);
      const pPrev = input(h, hPrevOff, n);
      const pdh = input(dh, dhOff, n);
      const pdx = output(dGx, dGxOff, 3 * n);
      const pdw = output(dGh, dGhOff, 3 * n);
      const pdp = output(dhPrev, dhPrevOff, n);
      const pointers = [pg, pn, pPrev, pdh, pdx, pdw, pdp];
      rows(KIND.gruCellBackward, B, H, pointers, () => kernels.gruCellBackward(B, H, pg, pn, pPrev, pdh, pdx, pdw, pdp));
      done(pdx, 3 * n, dGx, dGxOff);
      done(pdw, 3 * n, dGh, dGhOff);
      done(pdp, n, dhPrev, dhPrevOff);
    },
  };
}
