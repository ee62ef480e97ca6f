import { describe, expect, it } from "vitest";
import { eigenvalues } from "../../src/viz/linalg/eigenvalues";
import { Generator } from "../../src/tensor/random";

function sorted(values: Array<{ re: number; im: number }>): Array<[number, number]> {
  return values.map((v) => [v.re, v.im] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** det(A) by Gaussian elimination with partial pivoting. */
function determinant(data: Float64Array, n: number): number {
  const a = Float64Array.from(data);
  let det = 1;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i * n + k] ?? 0) > Math.abs(a[p * n + k] ?? 0)) p = i;
    if (p !== k) {
      det = -det;
      for (let j = 0; j < n; j++) [a[k * n + j], a[p * n + j]] = [a[p * n + j] ?? 0, a[k * n + j] ?? 0];
    }
    const pivot = a[k * n + k] ?? 0;
    det *= pivot;
    for (let i = k + 1; i < n; i++) {
      const f = (a[i * n + k] ?? 0) / pivot;
      for (let j = k; j < n; j++) a[i * n + j] = (a[i * n + j] ?? 0) - f * (a[k * n + j] ?? 0);
    }
  }
  return det;
}

describe("eigenvalues", () => {
  it("finds e^{+-i theta} for a rotation matrix", () => {
    const th = 0.7;
    const ev = eigenvalues([Math.cos(th), -Math.sin(th), Math.sin(th), Math.cos(th)], 2);
    expect(ev[0]?.re).toBeCloseTo(Math.cos(th), 12);
    expect(Math.abs(ev[0]?.im ?? 0)).toBeCloseTo(Math.sin(th), 12);
    expect((ev[0]?.im ?? 0) + (ev[1]?.im ?? 0)).toBeCloseTo(0, 12);
  });

  it("finds the roots of a polynomial from its companion matrix", () => {
    // (x - 1)(x - 2)(x - 3)(x^2 + 1) = x^5 - 6x^4 + 12x^3 - 12x^2 + 11x - 6
    const c = [-6, 12, -12, 11, -6];
    const n = 5;
    const a = new Float64Array(n * n);
    for (let j = 0; j < n; j++) a[j] = -(c[j] ?? 0);
    for (let i = 1; i < n; i++) a[i * n + i - 1] = 1;
    const ev = sorted(eigenvalues(a, n));
    const expected: Array<[number, number]> = [[0, -1], [0, 1], [1, 0], [2, 0], [3, 0]];
    ev.forEach(([re, im], i) => {
      expect(re).toBeCloseTo(expected[i]?.[0] ?? NaN, 8);
      expect(im).toBeCloseTo(expected[i]?.[1] ?? NaN, 8);
    });
  });

  it("keeps the trace and the determinant of a random 30x30 matrix", () => {
    const n = 30;
    const gen = new Generator(7);
    const a = Float64Array.from({ length: n * n }, () => gen.normal());
    const ev = eigenvalues(a, n);
    expect(ev).toHaveLength(n);
    let trace = 0;
    for (let i = 0; i < n; i++) trace += a[i * n + i] ?? 0;
    expect(ev.reduce((s, v) => s + v.re, 0)).toBeCloseTo(trace, 8);
    expect(ev.reduce((s, v) => s + v.im, 0)).toBeCloseTo(0, 8);
    let re = 1;
    let im = 0;
    for (const v of ev) [re, im] = [re * v.re - im * v.im, re * v.im + im * v.re];
    expect(re / determinant(a, n)).toBeCloseTo(1, 6);
  });

  it("finds the diagonal of a triangular matrix and sorts by modulus", () => {
    const ev = eigenvalues([0.5, 3, 1, 0, -2, 4, 0, 0, 1.5], 3);
    expect(ev.map((v) => v.re)).toEqual([-2, 1.5, 0.5]);
  });

  it("rejects a non-square input, naming the sizes", () => {
    expect(() => eigenvalues([1, 2, 3], 2)).toThrow("eigenvalues: the matrix must be square; expected 4 values for [2, 2], got 3");
  });
});
