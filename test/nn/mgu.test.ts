import { describe, expect, it } from "vitest";
import { Tensor, ValueError, gradcheck, manualSeed, nn, randn, viz } from "../../src";
import { MIME_TYPES, validatePayload } from "../../src/viz/payloads";
import { TorchCase, caseLabel, loadCases, maxExcess, runCase } from "./torch-case";

const f64 = { dtype: "float64" as const };

/** Compares one composed run with the reference built from PyTorch primitives (gen_mgu.py). */
function expectMatch(c: TorchCase, dtype: "float32" | "float64"): void {
  const [atol, rtol] = dtype === "float64" ? [1e-8, 1e-8] : [1e-4, 1e-4];
  const run = runCase(c, dtype, false);
  const check = (name: string, actual: Tensor | null | undefined, expected: number[] | undefined): void => {
    if (expected === undefined) return;
    expect(actual, `${name} is missing`).toBeTruthy();
    if (actual === null || actual === undefined) return;
    expect(maxExcess(actual.data, expected, rtol), `${name} differs from the reference`).toBeLessThanOrEqual(atol);
  };
  if (c.outputShape !== undefined) expect(run.output?.shape).toEqual(c.outputShape);
  expect(run.h.shape).toEqual(c.hShape);
  check("output", run.output, c.output);
  check("h", run.h, c.h);
  for (const [name, g] of Object.entries(c.grads)) check(`grad of ${name}`, run.grads[name], g);
  expect(Object.keys(run.grads).sort()).toEqual(Object.keys(c.grads).sort());
}

describe("MGU against a reference built from PyTorch primitives", () => {
  for (const c of loadCases("rnn_mgu")) {
    const label = caseLabel(c);
    it(`float64 matches for ${label}`, () => expectMatch(c, "float64"));
    it(`float32 matches for ${label}`, () => expectMatch(c, "float32"));
  }
});

describe("MGU gradients", () => {
  it("pass a float64 gradcheck for MGUCell over x, h and every parameter", () => {
    manualSeed(3);
    const cell = new nn.MGUCell({ inputSize: 3, hiddenSize: 4, ...f64 });
    const x = randn([2, 3], { ...f64, requiresGrad: true });
    const h = randn([2, 4], { ...f64, requiresGrad: true });
    expect(gradcheck(() => cell.forward(x, h), [x, h, ...cell.parameters()]).ok).toBe(true);
  });

  it("pass a float64 gradcheck for a 2-layer bidirectional MGU with lengths", () => {
    manualSeed(5);
    const mgu = new nn.MGU({ inputSize: 2, hiddenSize: 3, numLayers: 2, bidirectional: true, ...f64 });
    const x = randn([4, 3, 2], { ...f64, requiresGrad: true });
    const h0 = randn([4, 3, 3], { ...f64, requiresGrad: true });
    const fn = (): Tensor => {
      const r = mgu.forward(x, h0, { lengths: [4, 2, 1] });
      return r.output.sum().add(r.h.mul(r.h).sum());
    };
    expect(gradcheck(fn, [x, h0, ...mgu.parameters()]).ok).toBe(true);
  });
});

describe("MGU modules", () => {
  it("have PyTorch-style parameter names with two gate blocks", () => {
    const mgu = new nn.MGU({ inputSize: 5, hiddenSize: 3, bidirectional: true });
    const shapes = Object.fromEntries([...mgu.namedParameters()].map(([n, p]) => [n, p.shape]));
    expect(shapes).toEqual({
      weight_ih_l0: [6, 5],
      weight_hh_l0: [6, 3],
      bias_ih_l0: [6],
      bias_hh_l0: [6],
      weight_ih_l0_reverse: [6, 5],
      weight_hh_l0_reverse: [6, 3],
      bias_ih_l0_reverse: [6],
      bias_hh_l0_reverse: [6],
    });
  });

  it("run on the composed path by default and name the cell when fused: true is asked for", () => {
    expect(new nn.MGU({ inputSize: 2, hiddenSize: 3 }).fused).toBe(false);
    expect(() => new nn.MGU({ inputSize: 2, hiddenSize: 3, fused: true })).toThrow(ValueError);
    expect(() => new nn.MGU({ inputSize: 2, hiddenSize: 3, fused: true })).toThrow(
      "MGU: the MGU cell has no fused kernel; expected fused: false (the composed path), got fused: true",
    );
    expect(() => new nn.MGUCell({ inputSize: 2, hiddenSize: 3, fused: true })).toThrow("MGUCell: the MGU cell has no fused kernel");
    const mgu = new nn.MGU({ inputSize: 2, hiddenSize: 3 });
    mgu.fused = true;
    expect(() => mgu.forward(randn([2, 1, 2]))).toThrow("MGU.forward: the MGU cell has no fused kernel");
  });
});

describe("MGU figures", () => {
  it("show the forget gate in the gates figure, read from the graph", () => {
    manualSeed(6);
    const mgu = new nn.MGU({ inputSize: 3, hiddenSize: 4 });
    const fig = viz.gates(mgu.forward(randn([5, 2, 3])).output, { tokens: ["a", "b", "c", "d", "e"] });
    const p = fig.payload;
    expect(validatePayload(MIME_TYPES.gates, JSON.parse(JSON.stringify(p))).ok).toBe(true);
    expect(p.cell).toBe("mgu");
    expect(p.gates.map((g) => [g.role, g.label])).toEqual([["gate_f", "forget gate f_t"]]);
    expect(p.gates[0]?.matrix.z).toHaveLength(4);
    expect(fig.toSVG().match(/class="cell"/g)).toHaveLength(4 * 5);
  });

  it("give one gradient-flow point per step", () => {
    manualSeed(7);
    const mgu = new nn.MGU({ inputSize: 3, hiddenSize: 4 });
    const flow = viz.measureGradientFlow(mgu.forward(randn([6, 2, 3])).output.sum());
    expect(flow.steps).toHaveLength(6);
    for (const v of flow.loss) expect(v).toBeGreaterThan(0);
  });

  it("unroll into one column per step with W_hh on the recurrent edges", () => {
    manualSeed(8);
    const mgu = new nn.MGU({ inputSize: 3, hiddenSize: 4, numLayers: 2 });
    const p = viz.unrolled(mgu.forward(randn([3, 2, 3])).output.sum()).payload;
    expect(validatePayload(MIME_TYPES.unrolled, JSON.parse(JSON.stringify(p))).ok).toBe(true);
    expect(p.steps).toEqual([0, 1, 2]);
    expect(p.rows.map((r) => r.role)).toEqual(["h", "h", "x"]);
    const recurrent = p.edges.filter((e) => e.kind === "recurrent");
    expect(recurrent).toHaveLength(4);
    for (const e of recurrent) expect(e.parameters.some((n) => /weight_hh_l[01]$/.test(n))).toBe(true);
  });
});
