import type { Backend } from "../backend";
import type { WasmKernels } from "./module";
import type { Staging } from "./staging";

/** The elementwise part of the Backend interface. */
export type CellKernels = Pick<Backend, "sigmoid" | "tanh" | "lstmCell" | "gruCell" | "lstmCellBackward" | "gruCellBackward">;

/** Below this many elements the plain-JS loop beats staging the data into wasm memory. */
const MIN_ELEMENTS = 16;

/**
 * sigmoid, tanh and the LSTM/GRU cells and their backwards on the WebAssembly SIMD kernels (vectorized exp with
 * Cephes-style polynomials, within a few float32 ulp of the exact functions). float32 inputs are
 * staged into the module's memory with one `set` per operand and copied back (an output that is
 * pinned has its resident copy marked stale); other dtypes and tiny sizes go to the plain-JS
 * kernels of `js`.
 */
export function createWasmCells(kernels: WasmKernels, staging: Staging, js: CellKernels): CellKernels {
  const { arena, pins } = staging;
  const put: Staging["put"] = (src, off, n) => staging.put(src, off, n);
  const get: Staging["get"] = (at, n, dst, off) => staging.get(at, n, dst, off);

  function unary(kernel: (n: number, x: number, out: number) => void, fallback: Backend["sigmoid"]): Backend["sigmoid"] {
    return (n, x, xOff, out, outOff) => {
      if (!(x instanceof Float32Array && out instanceof Float32Array) || n < MIN_ELEMENTS) {
        fallback(n, x, xOff, out, outOff);
        pins.written(out);
        return;
      }
      arena.reset();
      const p = put(x, xOff, n);
      kernel(n, p, p);
      get(p, n, out, outOff);
    };
  }

  return {
    sigmoid: unary(kernels.sigmoidArray, js.sigmoid),
    tanh: unary(kernels.tanhArray, js.tanh),

    lstmCell(B, H, acts, actsOff, c, cPrevOff, cOff, h, hOff, tanhC, tanhCOff): void {
      const f32 = acts instanceof Float32Array && c instanceof Float32Array && h instanceof Float32Array && tanhC instanceof Float32Array;
      const n = B * H;
      if (!f32 || n < MIN_ELEMENTS) {
        js.lstmCell(B, H, acts, actsOff, c, cPrevOff, cOff, h, hOff, tanhC, tanhCOff);
        for (const dst of [acts, c, h, tanhC]) pins.written(dst);
        return;
      }
      arena.reset();
      const pa = put(acts, actsOff, 4 * n);
      const pcPrev = put(c, cPrevOff, n);
      const pc = arena.alloc(n * 4);
      const ph = arena.alloc(n * 4);
      const pt = arena.alloc(n * 4);
      kernels.lstmCell(B, H, pa, pcPrev, pc, ph, pt);
      get(pa, 4 * n, acts, actsOff);
      get(pc, n, c, cOff);
      get(ph, n, h, hOff);
      get(pt, n, tanhC, tanhCOff);
    },

    gruCell(B, H, acts, actsOff, hw, hwOff, h, hPrevOff, hOff, hn, hnOff): void {
      const f32 = acts instanceof Float32Array && hw instanceof Float32Array && h instanceof Float32Array && hn instanceof Float32Array;
      const n = B * H;
      if (!f32 || n < MIN_ELEMENTS) {
        js.gruCell(B, H, acts, actsOff, hw, hwOff, h, hPrevOff, hOff, hn, hnOff);
        for (const dst of [acts, h, hn]) pins.written(dst);
        return;
      }
      arena.reset();
      const pa = put(acts, actsOff, 3 * n);
      const pw = put(hw, hwOff, 3 * n);
      const pPrev = put(h, hPrevOff, n);
      const ph = arena.alloc(n * 4);
      const pn = arena.alloc(n * 4);
      kernels.gruCell(B, H, pa, pw, pPrev, ph, pn);
      get(pa, 3 * n, acts, actsOff);
      get(ph, n, h, hOff);
      get(pn, n, hn, hnOff);
    },

    lstmCellBackward(B, H, gates, gatesOff, cPrev, cPrevOff, tanhC, tanhCOff, dh, dhOff, dc, dcOff, dG, dGOff): void {
      const f32 =
        gates instanceof Float32Array &&
        cPrev instanceof Float32Array &&
        tanhC instanceof Float32Array &&
        dh instanceof Float32Array &&
        dc instanceof Float32Array;
      const n = B * H;
      if (!f32 || n < MIN_ELEMENTS) {
        js.lstmCellBackward(B, H, gates, gatesOff, cPrev, cPrevOff, tanhC, tanhCOff, dh, dhOff, dc, dcOff, dG, dGOff);
        for (const dst of [dc, dG]) pins.written(dst);
        return;
      }
      arena.reset();
      // in: gates, c_{t-1}, tanh(c_t), dh, dc (8 B H floats); out: dG, dc (5 B H)
      const pg = put(gates, gatesOff, 4 * n);
      const pcPrev = put(cPrev, cPrevOff, n);
      const pt = put(tanhC, tanhCOff, n);
      const pdh = put(dh, dhOff, n);
      const pdc = put(dc, dcOff, n);
      const pdG = arena.alloc(4 * n * 4);
      kernels.lstmCellBackward(B, H, pg, pcPrev, pt, pdh, pdc, pdG);
      get(pdG, 4 * n, dG, dGOff);
      get(pdc, n, dc, dcOff);
    },

    gruCellBackward(B, H, gates, gatesOff, hn, hnOff, h, hPrevOff, dh, dhOff, dGx, dGxOff, dGh, dGhOff, dhPrev, dhPrevOff): void {
      const f32 = gates instanceof Float32Array && hn instanceof Float32Array && h instanceof Float32Array && dh instanceof Float32Array;
      const n = B * H;
      if (!f32 || n < MIN_ELEMENTS) {
        js.gruCellBackward(B, H, gates, gatesOff, hn, hnOff, h, hPrevOff, dh, dhOff, dGx, dGxOff, dGh, dGhOff, dhPrev, dhPrevOff);
        for (const dst of [dGx, dGh, dhPrev]) pins.written(dst);
        return;
      }
      arena.reset();
      // in: gates, hw_n, h_{t-1}, dh (6 B H floats); out: dGx, dGh, dh z (7 B H)
      const pg = put(gates, gatesOff, 3 * n);
      const pn = put(hn, hnOff, n);
      const pPrev = put(h, hPrevOff, n);
      const pdh = put(dh, dhOff, n);
      const pdx = arena.alloc(3 * n * 4);
      const pdw = arena.alloc(3 * n * 4);
      const pdp = arena.alloc(n * 4);
      kernels.gruCellBackward(B, H, pg, pn, pPrev, pdh, pdx, pdw, pdp);
      get(pdx, 3 * n, dGx, dGxOff);
      get(pdw, 3 * n, dGh, dGhOff);
      get(pdp, n, dhPrev, dhPrevOff);
    },
  };
}
