import { describe, expect, it } from "vitest";
import { AutogradError, ShapeError, isGradEnabled, noGrad, ones, setGradEnabled, tensor } from "../../src";

const leaf = (values: number[]) => tensor(values, { dtype: "float64", requiresGrad: true });

describe("backward", () => {
  it("accumulates gradients when a tensor feeds several ops (fan-out)", () => {
    const x = leaf([1, 2, 3]);
    // y = x*x + 3x + x  ->  dy/dx = 2x + 4
    x.mul(x).add(x.mul(3)).add(x).sum().backward();
    expect(Array.from(x.grad?.data ?? [])).toEqual([6, 8, 10]);
  });

  it("adds to an existing .grad across backward calls until zeroGrad", () => {
    const x = leaf([1, 2]);
    x.mul(2).sum().backward();
    x.mul(3).sum().backward();
    expect(Array.from(x.grad?.data ?? [])).toEqual([5, 5]);
    x.zeroGrad();
    expect(x.grad).toBeNull();
  });

  it("refuses a second backward through a freed graph, naming the op", () => {
    const x = leaf([1, 2]);
    const y = x.tanh().sum();
    y.backward();
    expect(() => y.backward()).toThrow(AutogradError);
    expect(() => y.backward()).toThrow(/second time.*retainGraph/);
  });

  it("walks the same graph twice with retainGraph and accumulates", () => {
    const x = leaf([1, 2]);
    const y = x.mul(x).sum();
    y.backward(undefined, { retainGraph: true });
    y.backward();
    expect(Array.from(x.grad?.data ?? [])).toEqual([4, 8]);
  });

  it("needs an explicit gradient for a non-scalar output, and its shape must match", () => {
    const x = leaf([1, 2, 3]);
    const y = x.mul(2);
    expect(() => y.backward()).toThrow(AutogradError);
    expect(() => y.backward()).toThrow(/^backward: .*scalar.*\[3\]/);
    expect(() => y.backward(ones([2], { dtype: "float64" }))).toThrow(ShapeError);
    y.backward(tensor([1, 0, 2], { dtype: "float64" }));
    expect(Array.from(x.grad?.data ?? [])).toEqual([2, 0, 4]);
  });

  it("rejects backward on a tensor that does not require grad", () => {
    expect(() => tensor([1]).backward()).toThrow(/^backward: .*does not require grad/);
  });

  it("records nothing inside noGrad, and restores the mode afterwards", () => {
    const x = leaf([1, 2]);
    const y = noGrad(() => {
      expect(isGradEnabled()).toBe(false);
      return x.mul(2);
    });
    expect(isGradEnabled()).toBe(true);
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
    expect(setGradEnabled(false, () => x.add(1)).gradFn).toBeNull();
  });

  it("restores grad mode when the noGrad body throws", () => {
    expect(() => noGrad(() => { throw new Error("boom"); })).toThrow("boom");
    expect(isGradEnabled()).toBe(true);
  });

  it("does not record through detach", () => {
    const x = leaf([1, 2]);
    const y = x.detach().mul(x);
    y.sum().backward();
    expect(Array.from(x.grad?.data ?? [])).toEqual([1, 2]);
  });
});

describe("hooks and retainGrad", () => {
  it("a hook observes the gradient of an intermediate tensor", () => {
    const x = leaf([1, 2]);
    const h = x.mul(3);
    const seen: number[][] = [];
    h.registerHook((g) => {
      seen.push(Array.from(g.data));
    });
    h.mul(h).sum().backward();
    expect(seen).toEqual([[6, 12]]);
    expect(Array.from(x.grad?.data ?? [])).toEqual([18, 36]);
  });

  it("a hook that returns a tensor replaces the gradient flowing on", () => {
    const x = leaf([1, 2]);
    const h = x.mul(3);
    h.registerHook((g) => g.mul(0.5));
    h.sum().backward();
    expect(Array.from(x.grad?.data ?? [])).toEqual([1.5, 1.5]);
  });

  it("hooks on leaves change what accumulates in .grad, and can be removed", () => {
    const x = leaf([1, 2]);
    const handle = x.registerHook((g) => g.mul(10));
    x.sum().backward();
    expect(Array.from(x.grad?.data ?? [])).toEqual([10, 10]);
    handle.remove();
    x.zeroGrad();
    x.sum().backward();
    expect(Array.from(x.grad?.data ?? [])).toEqual([1, 1]);
  });

  it("a hook returning the wrong shape is a clear error", () => {
    const x = leaf([1, 2]);
    const h = x.mul(3);
    h.registerHook((g) => g.sum());
    expect(() => h.sum().backward()).toThrow(/^registerHook: .*expected \[2\], got \[\]/);
  });

  it("retainGrad keeps the gradient of a non-leaf; without it .grad stays null", () => {
    const x = leaf([1, 2]);
    const kept = x.mul(2).retainGrad();
    const dropped = x.mul(3);
    kept.mul(dropped).sum().backward();
    expect(Array.from(kept.grad?.data ?? [])).toEqual([3, 6]);
    expect(dropped.grad).toBeNull();
  });
});
