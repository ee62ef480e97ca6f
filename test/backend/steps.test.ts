import { describe, expect, it } from "vitest";
import { JS_BACKEND } from "../../src/backend";
import type { Backend } from "../../src/backend";
import { createWasmBackend } from "../../src/backend/wasm";
import { Operands, STEP_CASES, StepCase, relError, values } from "./steps-cases";

const single = createWasmBackend(JS_BACKEND, { threads: 1 });
const threaded = createWasmBackend(JS_BACKEND, { threads: 2 });
const describeWasm = single === null ? describe.skip : describe;

/**
 * Shapes [B, H]: a block below the staging threshold (the js step runs), H with a 1-3 element
 * tail after the multiples of 4 and of 8, H a multiple of 8, and the char-LM size, whose GEMMs
 * (like those of [16, 130] with 3 or 4 gates) are split over the helper threads.
 */
const SHAPES: Array<[number, number]> = [[2, 5], [1, 16], [3, 17], [4, 18], [5, 33], [8, 64], [7, 99], [16, 130], [32, 256]];

/** The operands of `c` after one call on `backend`, with W_hh pinned around the call if asked. */
function runOn(backend: Backend, c: StepCase, B: number, H: number, seed: number, pinned: boolean, f64 = false): Operands {
  const o = c.make(B, H, seed, f64);
  const w = o["wHh"];
  const handle = pinned && w !== null && w !== undefined ? backend.pin(w) : null;
  try {
    c.call(backend, B, H, o);
  } finally {
    if (handle !== null) backend.unpin(handle);
  }
  return o;
}

/**
 * The same step made of the backend's own GEMM and cell methods, the path the fused recurrence
 * took before the step methods (the RNN cell: the backend's tanh, or ReLU in plain JS).
 */
function composed(b: Backend): Pick<Backend, "lstmStep" | "lstmStepBackward" | "gruStep" | "gruStepBackward" | "rnnStep"> {
  return {
    lstmStep({ B, H, wHh: w, acts, actsOff: aOff, c, cPrevOff, cOff, h, hPrevOff, hOff, tanhC: tc, tanhCOff: tcOff }) {
      b.gemm(false, true, B, 4 * H, H, 1, h, hPrevOff, H, w, 0, H, 1, acts, aOff, 4 * H);
      b.lstmCell({ B, H, acts, actsOff: aOff, c, cPrevOff, cOff, h, hOff, tanhC: tc, tanhCOff: tcOff });
    },
    lstmStepBackward({ B, H, wHh: w, gates: g, gatesOff: gOff, cPrev: cp, cPrevOff: cpOff, tanhC: tc, tanhCOff: tcOff, dh, dhOff, dc, dcOff, dG, dGOff, dhPrev: dp, dhPrevOff: dpOff }) {
      b.lstmCellBackward({ B, H, gates: g, gatesOff: gOff, cPrev: cp, cPrevOff: cpOff, tanhC: tc, tanhCOff: tcOff, dh, dhOff, dc, dcOff, dG, dGOff });
      b.gemm(false, false, B, H, 4 * H, 1, dG, dGOff, 4 * H, w, 0, H, 0, dp, dpOff, H);
    },
    gruStep({ B, H, wHh: w, bHh: bias, acts, actsOff: aOff, h, hPrevOff, hOff, hn, hnOff }) {
      const hw = new Float32Array(B * 3 * H);
      if (bias !== null) for (let r = 0; r < B; r++) hw.set(bias, r * 3 * H);
      b.gemm(false, true, B, 3 * H, H, 1, h, hPrevOff, H, w, 0, H, bias === null ? 0 : 1, hw, 0, 3 * H);
      b.gruCell({ B, H, acts, actsOff: aOff, hw, hwOff: 0, h, hPrevOff, hOff, hn, hnOff });
    },
    gruStepBackward({ B, H, wHh: w, gates: g, gatesOff: gOff, hn, hnOff, h, hPrevOff, dh, dhOff, dGx, dGxOff, dGh, dGhOff, dhPrev: dp, dhPrevOff: dpOff }) {
      b.gruCellBackward({ B, H, gates: g, gatesOff: gOff, hn, hnOff, h, hPrevOff, dh, dhOff, dGx, dGxOff, dGh, dGhOff, dhPrev: dp, dhPrevOff: dpOff });
      b.gemm(false, false, B, H, 3 * H, 1, dGh, dGhOff, 3 * H, w, 0, H, 1, dp, dpOff, H);
    },
    rnnStep({ B, H, nonlinearity, wHh: w, acts, actsOff: aOff, h, hPrevOff, hOff }) {
      b.gemm(false, true, B, H, H, 1, h, hPrevOff, H, w, 0, H, 1, acts, aOff, H);
      const n = B * H;
      if (nonlinearity === "tanh") b.tanh(n, acts, aOff, acts, aOff);
      else for (let i = aOff; i < aOff + n; i++) acts[i] = Math.max(acts[i] as number, 0);
      h.set(acts.subarray(aOff, aOff + n), hOff);
    },
  };
}

describeWasm("the wasm recurrent steps", () => {
  const backends: Array<[string, Backend]> = [["one thread", single as Backend]];
  if (threaded !== null) backends.push(["two threads", threaded]);

  for (const [label, backend] of backends) {
    for (const c of STEP_CASES) {
      it(`${c.name} matches the js step, pinned W_hh or not, and writes only its outputs (${label})`, () => {
        for (const [B, H] of SHAPES) {
          const seed = 11 * B + H;
          const before = c.make(B, H, seed, false);
          const viaJs = runOn(JS_BACKEND, c, B, H, seed, false);
          const plain = runOn(backend, c, B, H, seed, false);
          const pinned = runOn(backend, c, B, H, seed, true);
          for (const [key, x] of Object.entries(plain)) {
            const what = `${key} B=${B} H=${H}`;
            expect(values(pinned[key] ?? null), `pinned ${what}`).toEqual(values(x));
            if (!c.outputs.includes(key)) {
              expect(values(x), `input ${what}`).toEqual(values(before[key] ?? null));
              continue;
            }
            // whole arrays: the padding around the written blocks must match too
            expect(relError(x as Float32Array, viaJs[key] as Float32Array), what).toBeLessThan(1e-5);
            expect(relError(viaJs[key] as Float32Array, before[key] as Float32Array), `${what} is written`).toBeGreaterThan(1e-3);
          }
        }
      });
    }
  }

  it("give the same bits on two threads as on one", () => {
    expect(threaded).not.toBeNull();
    for (const c of STEP_CASES) {
      for (const [B, H] of SHAPES) {
        const one = runOn(single as Backend, c, B, H, B + H, true);
        const two = runOn(threaded as Backend, c, B, H, B + H, true);
        for (const key of c.outputs) expect(values(two[key] ?? null), `${c.name} ${key} B=${B} H=${H}`).toEqual(values(one[key] ?? null));
      }
    }
  });

  for (const [label, backend] of backends) {
    it(`give the same bits as the backend's gemm followed by its cell kernel (${label})`, () => {
      const reference = composed(backend);
      for (const c of STEP_CASES.filter((x) => !x.name.startsWith("rnnStepBackward"))) {
        const method = c.name.split(" ")[0] as keyof ReturnType<typeof composed>;
        const viaComposed: Backend = { ...backend, [method]: reference[method] };
        // blocks below the staging threshold run the js step, whose GEMM is not the wasm one
        for (const [B, H] of SHAPES.filter(([b, h]) => b * h >= 16)) {
          for (const pin of [false, true]) {
            const want = runOn(viaComposed, c, B, H, 3 * B + H, pin);
            const got = runOn(backend, c, B, H, 3 * B + H, pin);
            for (const key of c.outputs) expect(values(got[key] ?? null), `${c.name} ${key} B=${B} H=${H}`).toEqual(values(want[key] ?? null));
          }
        }
      }
    });
  }

  it("run float64 operands through the js steps, with the same results", () => {
    for (const c of STEP_CASES) {
      for (const [B, H] of [[3, 17], [8, 64]] as Array<[number, number]>) {
        const want = runOn(JS_BACKEND, c, B, H, 5, false, true);
        const got = runOn(single as Backend, c, B, H, 5, true, true);
        expect(got[c.outputs[0] as string]).toBeInstanceOf(Float64Array);
        for (const key of c.outputs) expect(values(got[key] ?? null), `${c.name} ${key}`).toEqual(values(want[key] ?? null));
      }
    }
  });
});
