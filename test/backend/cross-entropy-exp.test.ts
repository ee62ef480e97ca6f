import { describe, expect, it } from "vitest";
import { expShifted } from "../../src/backend/js/cross-entropy";

describe("expShifted", () => {
  it("matches Math.exp within 1e-9 relative on float32 scores across [-104, 0]", () => {
    const n = 20001;
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = -104 * (i / (n - 1));
    const out = new Float64Array(n);
    expShifted(x, 0, n, 0, out, 0);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const exact = Math.exp(x[i] as number);
      worst = Math.max(worst, Math.abs((out[i] as number) - exact) / exact);
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it("rounds to the float32 of Math.exp but for rare one-ulp differences", () => {
    const n = 10000;
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = Math.sin(i) * 20;
    const out = new Float32Array(n);
    expShifted(x, 0, n, 20, out, 0);
    let off = 0;
    for (let i = 0; i < n; i++) {
      const exact = Math.fround(Math.exp((x[i] as number) - 20));
      const ulp = Math.abs(exact) * 2 ** -23;
      expect(Math.abs((out[i] as number) - exact)).toBeLessThanOrEqual(ulp);
      if (out[i] !== exact) off++;
    }
    expect(off).toBeLessThan(n / 100);
  });

  it("returns the float64 sum and writes at the output offset", () => {
    const x = new Float32Array([9, 1, 0, -1, 9]);
    const out = new Float32Array(6);
    const s = expShifted(x, 1, 3, 1, out, 2);
    expect(s).toBeCloseTo(1 + Math.exp(-1) + Math.exp(-2), 8);
    expect(out[0]).toBe(0);
    expect(out[1]).toBe(0);
    expect(out[2]).toBe(1);
    expect(out[4]).toBeCloseTo(Math.exp(-2), 7);
    expect(out[5]).toBe(0);
  });

  it("gives NaN for NaN scores and 0 for -Infinity and far-below-maximum scores", () => {
    const out = new Float32Array(3);
    expect(Number.isNaN(expShifted(new Float32Array([0, NaN, -1]), 0, 3, 0, out, 0))).toBe(true);
    expect(Number.isNaN(out[1])).toBe(true);
    expect(expShifted(new Float32Array([0, -Infinity, -500]), 0, 3, 0, out, 0)).toBe(1);
    expect([...out]).toEqual([1, 0, 0]);
  });

  it("uses Math.exp itself for float64 rows", () => {
    const x = Float64Array.from([0.5, -3.25, -40]);
    const out = new Float64Array(3);
    expShifted(x, 0, 3, 0.5, out, 0);
    expect([...out]).toEqual([...x].map((v) => Math.exp(v - 0.5)));
  });
});
