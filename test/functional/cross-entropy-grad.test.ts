import { describe, expect, it } from "vitest";
import { loss, manualSeed, noGrad, randint, randn } from "../../src";

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

describe("the cross-entropy gradient made in the forward", () => {
  it("gives float32 losses and gradients within float32 tolerance of float64 on [64, 1000] logits", () => {
    manualSeed(11);
    const x64 = randn([64, 1000], { dtype: "float64" }).mul(4).requiresGrad_();
    const x32 = x64.detach().to("float32").requiresGrad_();
    const t = randint(0, 1000, [64]);
    t.data[3] = -100;
    const l64 = loss.crossEntropy(x64, t, { labelSmoothing: 0.1 });
    const l32 = loss.crossEntropy(x32, t, { labelSmoothing: 0.1 });
    expect(Math.abs(l32.item() - l64.item())).toBeLessThan(1e-5 * Math.abs(l64.item()));
    l64.backward();
    l32.backward();
    expect(maxDiff(x32.grad?.data ?? [], x64.grad?.data ?? [])).toBeLessThan(1e-8);
  });

  it("is scaled by an incoming gradient other than 1", () => {
    manualSeed(12);
    const x = randn([5, 7], { dtype: "float64", requiresGrad: true });
    const t = randint(0, 7, [5]);
    loss.crossEntropy(x, t, { reduction: "sum" }).backward();
    const once = Float64Array.from(x.grad?.data ?? []);
    x.zeroGrad();
    loss.crossEntropy(x, t, { reduction: "sum" }).mul(3).backward();
    expect(maxDiff(x.grad?.data ?? [], once.map((v) => 3 * v))).toBeLessThan(1e-14);
  });

  it("is handed over again, unchanged, by a second backward with retainGraph", () => {
    manualSeed(13);
    const x = randn([4, 6], { requiresGrad: true });
    const t = randint(0, 6, [4]);
    const out = loss.crossEntropy(x, t);
    out.backward({ retainGraph: true });
    const first = Float32Array.from(x.grad?.data ?? []);
    out.backward();
    expect(maxDiff(x.grad?.data ?? [], first.map((v) => 2 * v))).toBeLessThan(1e-7);
  });

  it("is not made under noGrad, which gives the same loss and no graph", () => {
    manualSeed(14);
    const x = randn([8, 30], { requiresGrad: true });
    const t = randint(0, 30, [8]);
    const recorded = loss.crossEntropy(x, t);
    const plain = noGrad(() => loss.crossEntropy(x, t));
    expect(plain.item()).toBe(recorded.item());
    expect(plain.gradFn).toBeNull();
    expect(plain.requiresGrad).toBe(false);
  });
});
