import { afterEach, describe, expect, it } from "vitest";
import { manualSeed, nn, randn, sigmoid, tanh } from "../../src";
import { getBackend, listBackends, setBackend } from "../../src/backend";

const describeWasm = listBackends().includes("wasm") ? describe : describe.skip;

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

describeWasm("ops on the backend's kernels agree between the wasm and js backends", () => {
  const before = getBackend();
  afterEach(() => void setBackend(before));

  for (const [name, op] of [["tanh", tanh], ["sigmoid", sigmoid]] as const) {
    it(`${name} and its gradient on [64, 257] float32 values`, () => {
      manualSeed(21);
      const x = randn([64, 257]).mul(3);
      const results = (["wasm", "js"] as const).map((b) => {
        setBackend(b);
        const leaf = x.detach().requiresGrad_();
        const y = op(leaf);
        y.sum().backward();
        return { y: y.data, g: leaf.grad?.data ?? [] };
      });
      const [wasm, js] = results;
      expect(maxDiff(wasm?.y ?? [], js?.y ?? [])).toBeLessThan(1e-6);
      expect(maxDiff(wasm?.g ?? [], js?.g ?? [])).toBeLessThan(1e-6);
    });
  }

  it("Linear's gradients (dL/dy pinned, bias by backend column sums) on [1000, 40] outputs", () => {
    manualSeed(22);
    const lin = new nn.Linear(16, 40);
    const x = randn([1000, 16], { requiresGrad: true });
    const g = randn([1000, 40]);
    const grads = (["wasm", "js"] as const).map((b) => {
      setBackend(b);
      lin.zeroGrad();
      x.zeroGrad();
      lin.forward(x).backward(g);
      return [lin.bias?.grad?.data ?? [], lin.weight.grad?.data ?? [], x.grad?.data ?? []].map((d) => Float32Array.from(d));
    });
    const [wasm, js] = grads;
    expect([...(wasm?.[0] ?? [])]).toEqual([...(js?.[0] ?? [])]);
    expect(maxDiff(wasm?.[1] ?? [], js?.[1] ?? [])).toBeLessThan(1e-3);
    expect(maxDiff(wasm?.[2] ?? [], js?.[2] ?? [])).toBeLessThan(1e-4);
    let want = 0;
    for (let r = 0; r < 1000; r++) want += g.data[r * 40 + 7] as number;
    expect(wasm?.[0]?.[7]).toBeCloseTo(want, 3);
  });
});
