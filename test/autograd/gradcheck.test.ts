import { describe, expect, it } from "vitest";
import { GradcheckError, Tensor, ValueError, gradcheck, randn, record, tensor } from "../../src";

/** x^2 with a deliberately wrong backward (3x instead of 2x) at element 1 only. */
function brokenSquare(x: Tensor): Tensor {
  const out = new Tensor(Float64Array.from(x.data, (v) => v * v), x.shape);
  return record(out, "broken_square", [x], (g) => {
    const gx = Float64Array.from(x.data, (v, i) => (i === 1 ? 3 : 2) * v * (g.data[i] as number));
    return [new Tensor(gx, x.shape)];
  });
}

describe("gradcheck", () => {
  it("reports the largest errors per input when the gradient is right", () => {
    const a = randn([3], { dtype: "float64", requiresGrad: true });
    const b = randn([3], { dtype: "float64" });
    const report = gradcheck((x, y) => x.mul(y).tanh(), [a, b]);
    expect(report.ok).toBe(true);
    expect(report.inputs.map((r) => r.index)).toEqual([0]);
    expect(report.inputs[0]?.maxAbsError).toBeLessThan(1e-8);
  });

  it("throws naming the input, its shape and the wrong element", () => {
    const x = tensor([1, 2, 3], { dtype: "float64", requiresGrad: true });
    expect(() => gradcheck(brokenSquare, [x])).toThrow(GradcheckError);
    expect(() => gradcheck(brokenSquare, [x])).toThrow(/^gradcheck: gradient of input 0 \[3\] is wrong at flat index 1/);
  });

  it("returns ok false with the worst element when asked not to throw", () => {
    const x = tensor([1, 2, 3], { dtype: "float64", requiresGrad: true });
    const report = gradcheck(brokenSquare, [x], { raiseException: false });
    expect(report.ok).toBe(false);
    expect(report.inputs[0]?.worst).toBe(1);
    expect(report.inputs[0]?.maxAbsError).toBeGreaterThan(0.1);
  });

  it("refuses float32 inputs that require grad", () => {
    const x = randn([2], { requiresGrad: true });
    expect(() => gradcheck((v) => v.exp(), [x])).toThrow(ValueError);
  });
});
