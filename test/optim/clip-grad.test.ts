import { describe, expect, it } from "vitest";
import { Tensor, tensor, optim } from "../../src";
import { loadFixture, maxAbsDiff } from "./fixture";

interface ClipCase { normType: number | "Infinity"; maxNorm: number; grads: number[][]; shapes: number[][]; total: number; clipped: number[][] }

const cases = loadFixture<{ clip: ClipCase[] }>("optim.json").clip;

function withGrads(cs: ClipCase): Tensor[] {
  return cs.grads.map((g, i) => {
    const p = tensor(new Float64Array(g.length), { shape: cs.shapes[i] ?? [g.length], requiresGrad: true });
    p.grad = tensor(Float64Array.from(g), { shape: p.shape });
    return p;
  });
}

describe("clipGradNorm", () => {
  for (const cs of cases) {
    it(`matches clip_grad_norm_ for normType ${cs.normType}, maxNorm ${cs.maxNorm}`, () => {
      const params = withGrads(cs);
      const normType = cs.normType === "Infinity" ? Infinity : cs.normType;
      const total = optim.clipGradNorm(params, cs.maxNorm, normType);
      expect(Math.abs(total - cs.total)).toBeLessThan(1e-12 * Math.max(1, cs.total));
      params.forEach((p, i) => expect(maxAbsDiff(p.grad?.data ?? [], cs.clipped[i] ?? [])).toBeLessThan(1e-12));
    });
  }
  it("skips parameters without gradients and returns 0 when none has one", () => {
    const p = tensor([1, 2], { requiresGrad: true });
    expect(optim.clipGradNorm([p], 1)).toBe(0);
    const q = tensor([0, 0], { requiresGrad: true });
    q.grad = tensor([3, 4]);
    expect(optim.clipGradNorm([p, q], 1)).toBeCloseTo(5, 6);
    expect(q.grad.data[0]).toBeCloseTo(0.6, 5);
  });
  it("rejects bad arguments and, on request, a non-finite norm", () => {
    const q = tensor([0], { requiresGrad: true });
    q.grad = tensor([NaN]);
    expect(() => optim.clipGradNorm([q], -1)).toThrow(/clipGradNorm: maxNorm must be a number >= 0; got -1/);
    expect(() => optim.clipGradNorm([q], 1, 0)).toThrow(/clipGradNorm: normType must be > 0 or Infinity; got 0/);
    expect(() => optim.clipGradNorm([q], 1, 2, { errorIfNonfinite: true })).toThrow(/total norm of order 2 of the gradients is NaN/);
    const typo: Record<string, boolean> = { strict: true };
    expect(() => optim.clipGradNorm([q], 1, 2, typo)).toThrow(/clipGradNorm: unknown option "strict"/);
  });
});

describe("clipGradValue", () => {
  it("clamps every gradient element into [-value, value] like min-char-rnn's np.clip", () => {
    const p = tensor([0, 0, 0, 0], { requiresGrad: true });
    p.grad = tensor([-7, -2, 3, 9]);
    optim.clipGradValue([p], 5);
    expect([...p.grad.data]).toEqual([-5, -2, 3, 5]);
    expect(() => optim.clipGradValue([p], -1)).toThrow(/clipGradValue: value must be a number >= 0; got -1/);
  });
});
