import { afterEach, describe, expect, it } from "vitest";
import { Tensor, loss, manualSeed, noGrad, randint, randn } from "../../src";
import { getBackend, listBackends, setBackend } from "../../src/backend";
import type { Reduction } from "../../src/functional/loss-input";

const describeWasm = listBackends().includes("wasm") ? describe : describe.skip;

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

/** The loss values and dL/dx of crossEntropy on `backend` for an incoming gradient of 2. */
function lossAndGrad(backend: string, x: Tensor, t: Tensor, reduction: Reduction, labelSmoothing: number): [number[], number[]] {
  setBackend(backend);
  const leaf = x.detach().requiresGrad_();
  const out = loss.crossEntropy(leaf, t, { reduction, labelSmoothing, ignoreIndex: 0 });
  out.sum().mul(2).backward();
  return [Array.from(out.data), Array.from(leaf.grad?.data ?? [])];
}

describeWasm("crossEntropy on the wasm backend", () => {
  const initial = getBackend();
  afterEach(() => {
    setBackend(initial);
  });

  it("agrees with the js backend within float32 tolerance for every reduction and label smoothing on [6, 5, 301] logits", () => {
    manualSeed(21);
    const x = randn([6, 5, 301]).mul(3);
    const t = randint(0, 301, [6, 5]);
    for (const reduction of ["mean", "sum", "none"] as const) {
      for (const eps of [0, 0.2]) {
        const [lw, gw] = lossAndGrad("wasm", x, t, reduction, eps);
        const [lj, gj] = lossAndGrad("js", x, t, reduction, eps);
        expect(maxDiff(lw, lj)).toBeLessThan(2e-6 * Math.max(1, ...lj.map(Math.abs)));
        expect(maxDiff(gw, gj)).toBeLessThan(reduction === "mean" ? 1e-8 : 1e-6);
      }
    }
  });

  it("keeps no gradient without a graph and gives the same loss", () => {
    manualSeed(22);
    const x = randn([64, 40], { requiresGrad: true });
    const t = randint(0, 40, [64]);
    const withGraph = loss.crossEntropy(x, t);
    const without = noGrad(() => loss.crossEntropy(x, t));
    expect(without.requiresGrad).toBe(false);
    expect(without.item()).toBe(withGraph.item());
  });
});
