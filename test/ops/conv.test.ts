import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DTypeError, ShapeError, Tensor, ValueError, conv2d, functional, gradcheck, maxPool2d, nn, randn, tensor } from "../../src";
import { leaf, trials } from "./helpers";

interface FixtureTensor { shape: number[]; values: number[] }
interface ConvCase {
  name: string;
  op: string;
  args: { stride?: number | [number, number] | null; padding?: number | [number, number]; kernel?: number | [number, number] };
  state?: Record<string, FixtureTensor>;
  inputs: FixtureTensor[];
  output: FixtureTensor;
  upstream: FixtureTensor;
  grads: FixtureTensor[];
  paramGrads?: Record<string, FixtureTensor>;
}
const fixture = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "torch", "conv.json"), "utf8")) as { cases: ConvCase[] };
const f64 = (t: FixtureTensor, requiresGrad = true): Tensor => tensor(Float64Array.from(t.values), { shape: t.shape, dtype: "float64", requiresGrad });
const TOL = 1e-10;

function expectClose(got: Tensor, want: FixtureTensor): void {
  expect(got.shape).toEqual(want.shape);
  const worst = want.values.reduce((m, v, i) => Math.max(m, Math.abs(v - (got.data[i] as number))), 0);
  expect(worst).toBeLessThan(TOL);
}

/** Runs an op case: output, then dL/d(input) for L = sum(out * upstream). */
function runOp(c: ConvCase): void {
  const inputs = c.inputs.map((t) => f64(t));
  const stride = c.args.stride ?? undefined;
  const out = c.op === "conv2d"
    ? conv2d(inputs[0] as Tensor, inputs[1] as Tensor, inputs[2] ?? null, { stride: stride ?? 1, padding: c.args.padding ?? 0 })
    : maxPool2d(inputs[0] as Tensor, c.args.kernel ?? 1, { stride: stride ?? c.args.kernel ?? 1, padding: c.args.padding ?? 0 });
  expectClose(out, c.output);
  out.mul(f64(c.upstream, false)).sum().backward();
  inputs.forEach((x, i) => expectClose(x.grad as Tensor, c.grads[i] as FixtureTensor));
}

describe("conv2d and maxPool2d match PyTorch (float64, values and gradients within 1e-10)", () => {
  for (const c of fixture.cases.filter((k) => k.op === "conv2d" || k.op === "max_pool2d")) {
    it(c.name, () => runOp(c));
  }

  for (const c of fixture.cases.filter((k) => k.state !== undefined || k.op === "MaxPool2d")) {
    it(`${c.name} gives PyTorch's output and parameter gradients`, () => {
      const m = c.op === "Conv2d" ? conv2dModule(c) : new nn.MaxPool2d(2);
      if (c.state !== undefined) m.loadStateDict(Object.fromEntries(Object.entries(c.state).map(([k, v]) => [k, f64(v, false)])));
      const x = f64(c.inputs[0] as FixtureTensor);
      const out = m.forward(x);
      expectClose(out, c.output);
      out.mul(f64(c.upstream, false)).sum().backward();
      expectClose(x.grad as Tensor, c.grads[0] as FixtureTensor);
      for (const [name, p] of m.namedParameters()) expectClose(p.grad as Tensor, (c.paramGrads ?? {})[name] as FixtureTensor);
    });
  }
});

/** The module of a Conv2d fixture case, with PyTorch's sizes and options read from its name and state. */
function conv2dModule(c: ConvCase): nn.Conv2d {
  const w = (c.state ?? {}).weight as FixtureTensor;
  const [o, i, kh, kw] = w.shape as [number, number, number, number];
  const stride = c.name.includes("stride 2") ? 2 : 1, padding = c.name.includes("padding 1") ? 1 : 0;
  return new nn.Conv2d(i, o, [kh, kw], { stride, padding, bias: (c.state ?? {}).bias !== undefined, dtype: "float64" });
}

describe("gradcheck of conv2d and maxPool2d over random shapes", () => {
  it("conv2d has correct gradients for x, weight and bias, with stride and padding", () => {
    trials(6, 11, (gen) => {
      const [b, c, o, k] = [gen.integer(1, 3), gen.integer(1, 3), gen.integer(1, 3), gen.integer(1, 4)];
      const stride = gen.integer(1, 3), padding = gen.integer(0, 2);
      const [h, w] = [gen.integer(k, k + 4), gen.integer(k, k + 4)];
      const x = leaf([b, c, h, w]), weight = leaf([o, c, k, k]), bias = leaf([o]);
      const report = gradcheck((a, f, g) => conv2d(a, f, g, { stride, padding }), [x, weight, bias]);
      expect(report.ok).toBe(true);
    });
  });

  it("conv2d without bias, with a rectangular kernel", () => {
    expect(gradcheck((a, f) => conv2d(a, f, null, { stride: [1, 2], padding: [1, 0] }), [leaf([2, 2, 4, 5]), leaf([3, 2, 2, 3])]).ok).toBe(true);
  });

  it("maxPool2d sends each window's gradient to its maximum", () => {
    trials(6, 12, (gen) => {
      const k = gen.integer(1, 4), stride = gen.integer(1, 3);
      const x = leaf([gen.integer(1, 3), gen.integer(1, 3), gen.integer(k, k + 4), gen.integer(k, k + 4)]);
      expect(gradcheck((a) => maxPool2d(a, k, { stride, padding: Math.floor(k / 2) }), [x]).ok).toBe(true);
    });
  });

  it("the functional forms are the ops", () => {
    expect(functional.conv2d).toBe(conv2d);
    expect(functional.maxPool2d).toBe(maxPool2d);
  });
});

describe("conv2d and maxPool2d reject bad input with the op, the rule and the shapes", () => {
  it("names both shapes when the channels differ", () => {
    expect(() => conv2d(randn([1, 3, 5, 5]), randn([4, 2, 3, 3]))).toThrow(new ShapeError("conv2d: weight's input channels must equal x's channels; x is [1, 3, 5, 5], weight is [4, 2, 3, 3] (2 != 3)"));
  });

  it("rejects inputs that are not 4-D, kernels larger than the input and bad strides", () => {
    expect(() => conv2d(randn([3, 5, 5]), randn([4, 3, 3, 3]))).toThrow(ShapeError);
    expect(() => conv2d(randn([1, 1, 2, 2]), randn([1, 1, 3, 3]))).toThrow(/kernel 3x3 is larger than the padded input 2x2/);
    expect(() => conv2d(randn([1, 1, 4, 4]), randn([1, 1, 3, 3]), null, { stride: 0 })).toThrow(new ValueError("conv2d: stride must be an integer >= 1 or a pair of them; got 0"));
    expect(() => conv2d(randn([1, 1, 4, 4]), randn([2, 1, 3, 3]), randn([3]))).toThrow(/bias must be \[O\] = \[2\]/);
    expect(() => conv2d(randn([1, 1, 4, 4], { dtype: "float64" }), randn([1, 1, 3, 3]))).toThrow(DTypeError);
  });

  it("maxPool2d rejects windows larger than the input and too much padding", () => {
    expect(() => maxPool2d(randn([1, 1, 2, 2]), 3)).toThrow(/window 3x3 is larger than the padded input 2x2; x is \[1, 1, 2, 2\]/);
    expect(() => maxPool2d(randn([1, 1, 4, 4]), 2, { padding: 2 })).toThrow(/padding 2x2 must be at most half the kernel 2x2/);
    expect(() => new nn.MaxPool2d(2, { stride: -1 })).toThrow(ValueError);
  });

  it("leaves a module's parameters intact after a failed forward", () => {
    const conv = new nn.Conv2d(3, 2, 3);
    const before = Array.from(conv.weight.data);
    expect(() => conv.forward(randn([1, 2, 5, 5]))).toThrow(ShapeError);
    expect(Array.from(conv.weight.data)).toEqual(before);
  });
});

describe("Conv2d and MaxPool2d modules", () => {
  it("name their parameters as PyTorch and initialize them in U(-1/sqrt(fanIn), 1/sqrt(fanIn))", () => {
    const conv = new nn.Conv2d(3, 8, 3, { padding: 1 });
    expect(conv.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([["weight", [8, 3, 3, 3]], ["bias", [8]]]);
    const bound = 1 / Math.sqrt(27);
    expect(Array.from(conv.weight.data).every((v) => Math.abs(v) <= bound)).toBe(true);
    expect(conv.forward(randn([2, 3, 16, 16])).shape).toEqual([2, 8, 16, 16]);
    expect(new nn.MaxPool2d(2).forward(randn([2, 8, 16, 16])).shape).toEqual([2, 8, 8, 8]);
    expect(new nn.MaxPool2d(2).numParameters()).toBe(0);
  });
});
