import { describe, expect, it } from "vitest";
import { Generator, Tensor, init, manualSeed, nn, rand, zeros } from "../../src";
import { symmetricEigenvalues } from "../../src/nn/init/linalg";

const f64 = { dtype: "float64" as const };

/** max |(M M^T or M^T M) - gain^2 I| for the Gram matrix of the shorter side. */
function gramError(w: Tensor, gain = 1): number {
  const rows = w.shape[0] ?? 0;
  const cols = w.numel / rows;
  const byRows = rows <= cols;
  const n = byRows ? rows : cols;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      const len = byRows ? cols : rows;
      for (let k = 0; k < len; k++) {
        const a = byRows ? w.data[i * cols + k] : w.data[k * cols + i];
        const b = byRows ? w.data[j * cols + k] : w.data[k * cols + j];
        s += (a as number) * (b as number);
      }
      worst = Math.max(worst, Math.abs(s - (i === j ? gain * gain : 0)));
    }
  }
  return worst;
}

/** Cholesky of the symmetric n x n `m` + shift * I: false as soon as a pivot is not positive. */
function isPositiveDefinite(m: ArrayLike<number>, n: number, shift = 0): boolean {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = (m[j * n + j] as number) + shift;
    for (let k = 0; k < j; k++) d -= (l[j * n + k] as number) ** 2;
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = m[i * n + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * n + k] as number) * (l[j * n + k] as number);
      l[i * n + j] = s / ljj;
    }
  }
  return true;
}

describe("orthogonal_", () => {
  for (const shape of [[6, 6], [4, 9], [9, 4], [3, 2, 4], [1, 5], [64, 256]]) {
    it(`gives orthonormal rows or columns (Q^T Q = I) for ${JSON.stringify(shape)}`, () => {
      manualSeed(7);
      const w = init.orthogonal_(zeros(shape, f64));
      expect(gramError(w)).toBeLessThan(1e-12);
    });
  }
  it("scales by gain and stays orthogonal to float32 precision in float32", () => {
    const w = init.orthogonal_(zeros([32, 48]), 1.5);
    expect(w.dtype).toBe("float32");
    expect(gramError(w, 1.5)).toBeLessThan(1e-5);
  });
  it("is reproducible from a seed and differs between seeds", () => {
    const a = init.orthogonal_(zeros([5, 5], f64), 1, { generator: new Generator(1) });
    const b = init.orthogonal_(zeros([5, 5], f64), 1, { generator: new Generator(1) });
    const c = init.orthogonal_(zeros([5, 5], f64), 1, { generator: new Generator(2) });
    expect([...a.data]).toEqual([...b.data]);
    expect([...a.data]).not.toEqual([...c.data]);
  });
  it("rejects vectors and integer tensors", () => {
    expect(() => init.orthogonal_(zeros([5]))).toThrow(/orthogonal_: tensor must have at least 2 dimensions; got \[5\]/);
    expect(() => init.orthogonal_(zeros([2, 2], { dtype: "int32" }))).toThrow(/orthogonal_: tensor must be float32 or float64; got int32 of shape \[2, 2\]/);
  });
});

describe("npRnn_ (np-RNN of Deep Learning for Engineers, lecture 11)", () => {
  for (const H of [1, 8, 40]) {
    it(`gives a symmetric positive definite W_hh [${H}, ${H}] whose top eigenvalue is 1 and the others below`, () => {
      manualSeed(H);
      const w = init.npRnn_(zeros([H, H], f64));
      for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) expect(w.data[i * H + j]).toBe(w.data[j * H + i]);
      // positive definite; (1 + d) I - W positive definite: every eigenvalue < 1 + d;
      // (1 - d) I - W not: some eigenvalue > 1 - d; W - (1 - d) I not: another one < 1 - d
      const minus = Float64Array.from(w.data, (v) => -v);
      expect(isPositiveDefinite(w.data, H)).toBe(true);
      expect(isPositiveDefinite(minus, H, 1 + 1e-9)).toBe(true);
      expect(isPositiveDefinite(minus, H, 1 - 1e-9)).toBe(false);
      if (H > 1) expect(isPositiveDefinite(w.data, H, -(1 - 1e-9))).toBe(false);
      const eig = symmetricEigenvalues(w.data, H);
      expect(Math.abs((eig[H - 1] as number) - 1)).toBeLessThan(1e-12);
      if (H > 1) expect(eig[H - 2] as number).toBeLessThan(1 - 1e-6);
      expect(eig[0] as number).toBeGreaterThan(0);
    });
  }
  it("works in float32 and rejects non-square matrices", () => {
    const w = init.npRnn_(zeros([16, 16]));
    expect(Math.max(...w.data)).toBeLessThanOrEqual(1);
    expect(() => init.npRnn_(zeros([3, 4]))).toThrow(/npRnn_: tensor must be a square matrix \[H, H\]; got \[3, 4\]/);
  });
});

describe("symmetricEigenvalues", () => {
  it("recovers the spectrum of Q diag(lambda) Q^T", () => {
    const n = 12;
    const q = init.orthogonal_(zeros([n, n], f64), 1, { generator: new Generator(5) });
    const lambda = Array.from({ length: n }, (_, i) => (i - 4) * 0.75);
    const m = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += (q.data[i * n + k] as number) * (lambda[k] as number) * (q.data[j * n + k] as number);
        m[i * n + j] = s;
      }
    }
    const eig = symmetricEigenvalues(m, n);
    eig.forEach((v, k) => expect(Math.abs(v - (lambda[k] as number))).toBeLessThan(1e-12));
  });
});

describe("simple and fan-based initializers", () => {
  it("eye_ writes the IRNN identity, zeros_ and constant_ fill", () => {
    expect(init.eye_(zeros([2, 3])).toArray()).toEqual([[1, 0, 0], [0, 1, 0]]);
    expect([...init.constant_(zeros([3]), 2.5).data]).toEqual([2.5, 2.5, 2.5]);
    expect([...init.zeros_(init.ones_(zeros([2]))).data]).toEqual([0, 0]);
    expect(() => init.eye_(zeros([2, 2, 2]))).toThrow(/eye_: tensor must be a matrix \[rows, cols\]; got \[2, 2, 2\]/);
  });
  it("calculateGain matches PyTorch", () => {
    expect(init.calculateGain("tanh")).toBeCloseTo(5 / 3, 15);
    expect(init.calculateGain("relu")).toBeCloseTo(Math.SQRT2, 15);
    expect(init.calculateGain("leaky_relu", Math.sqrt(5))).toBeCloseTo(Math.sqrt(1 / 3), 15);
    expect(init.calculateGain("sigmoid")).toBe(1);
  });
  it("xavierUniform_ and kaimingUniform_ stay inside their bounds and fill them", () => {
    manualSeed(0);
    const w = init.xavierUniform_(zeros([200, 100], f64), 2);
    const a = 2 * Math.sqrt(6 / 300);
    expect(Math.max(...w.data.map(Math.abs))).toBeLessThanOrEqual(a);
    expect(Math.max(...w.data.map(Math.abs))).toBeGreaterThan(0.99 * a);
    // PyTorch's Linear default: kaiming_uniform_(a = sqrt(5)) is U(-1/sqrt(fan_in), 1/sqrt(fan_in))
    const k = init.kaimingUniform_(zeros([50, 400], f64), { a: Math.sqrt(5) });
    expect(Math.max(...k.data.map(Math.abs))).toBeLessThanOrEqual(1 / 20);
    expect(Math.max(...k.data.map(Math.abs))).toBeGreaterThan(0.99 / 20);
  });
  it("normal initializers have the standard deviation of their formula", () => {
    manualSeed(1);
    const std = (t: Tensor): number => {
      let s = 0;
      for (const v of t.data) s += v * v;
      return Math.sqrt(s / t.numel);
    };
    expect(std(init.xavierNormal_(zeros([300, 200], f64)))).toBeCloseTo(Math.sqrt(2 / 500), 2);
    expect(std(init.kaimingNormal_(zeros([300, 200], f64), { nonlinearity: "relu", mode: "fanOut" }))).toBeCloseTo(Math.sqrt(2 / 300), 2);
    expect(std(init.normal_(zeros([100, 100], f64), 0, 0.5))).toBeCloseTo(0.5, 1);
  });
  it("rejects unknown options and bad arguments", () => {
    const typo: Record<string, string> = { fan: "in" };
    expect(() => init.kaimingUniform_(zeros([2, 2]), typo)).toThrow(/kaimingUniform_: unknown option "fan"/);
    expect(() => init.xavierUniform_(zeros([4]))).toThrow(/xavierUniform_: tensor must have at least 2 dimensions; got \[4\]/);
    expect(() => init.uniform_(zeros([2]), 1, 0)).toThrow(/uniform_: need a <= b; got a 1, b 0/);
  });
});

describe("initializers on module parameters", () => {
  it("set up the IRNN of Deep Learning for Engineers, lecture 11: with zero input, a ReLU RNN with W_hh = I keeps its state", () => {
    const rnn = new nn.RNN({ inputSize: 2, hiddenSize: 3, nonlinearity: "relu", dtype: "float64" });
    for (const [name, p] of rnn.namedParameters()) {
      if (name.startsWith("weight_hh")) init.eye_(p);
      else if (name.startsWith("bias")) init.zeros_(p);
      else init.normal_(p, 0, 0.001);
    }
    const h0 = rand([1, 1, 3], { dtype: "float64" });
    const { h } = rnn.forward(zeros([50, 1, 2], { dtype: "float64" }), h0);
    expect([...h.data]).toEqual([...h0.data]);
  });
  it("write through a state dict view into the parameter", () => {
    const lstm = new nn.LSTM({ inputSize: 4, hiddenSize: 4 });
    init.orthogonal_(lstm.stateDict().weight_hh_l0 as Tensor);
    const w = lstm.namedParameters().find(([n]) => n === "weight_hh_l0")?.[1];
    if (w === undefined) throw new Error("weight_hh_l0 missing");
    expect(gramError(w)).toBeLessThan(1e-5);
  });
});
