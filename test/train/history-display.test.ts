import { describe, expect, it } from "vitest";
import "../../src/backend";
import { mul, sub, sum } from "../../src/ops";
import { Parameter } from "../../src/nn/parameter";
import { SGD } from "../../src/optim";
import { tensor } from "../../src/tensor";
import type { Tensor } from "../../src/tensor";
import { train } from "../../src/train";
import { mimeBundle } from "../../src/runtime";
import { MIME_TYPES } from "../../src/viz/payloads";

async function run(steps: number): Promise<Awaited<ReturnType<typeof train>>> {
  const w = new Parameter(new Float32Array([0]), [1]);
  const loss = (): Tensor => {
    const d = sub(w, 2);
    return sum(mul(d, d));
  };
  return train({ model: { parameters: () => [w] }, data: [tensor([1])], optimizer: new SGD([w], { lr: 0.05 }), loss, steps, evaluate: () => ({ valid_loss: 1 }), evalEvery: 10 });
}

describe("the display of a run's History", () => {
  it("is a compact summary, never a dump of every step", async () => {
    const h = await run(50);
    const bundle = mimeBundle(h);
    const text = String(bundle["text/plain"]);
    expect(text.split("\n")[0]).toMatch(/^Training: 50 steps, 50 epochs in [\d.]+ s \(completed\)$/);
    expect(text).toMatch(/train_loss\s+final [\d.e-]+\s+best [\d.e-]+ \(step 50\)/);
    expect(text).toMatch(/valid_loss\s+final 1\s+best 1 \(step 10\)/);
    expect(text.length).toBeLessThan(600);
    expect(String(h)).toBe(text);
  }, 60_000);

  it("shows the run's training curves, titled with the summary, in every rendering", async () => {
    const h = await run(30);
    const bundle = mimeBundle(h);
    const p = bundle[MIME_TYPES.curves] as { title: string; progress: { state: string }; panels: Array<{ id: string }> };
    expect(p.title).toMatch(/^30 steps, 30 epochs in .* \(completed\); train_loss .* \(best .*\); valid_loss 1 \(best 1\)$/);
    expect(p.progress.state).toBe("finished");
    expect(p.panels.map((q) => q.id)).toEqual(["loss", "grad_norm", "lr"]);
    expect(typeof bundle["image/png"]).toBe("string");
    expect(bundle["text/html"]).toBeUndefined();
  }, 60_000);

  it("keeps the History a plain record for JSON and spreads", async () => {
    const h = await run(3);
    expect(Object.keys(h)).toEqual(["steps", "evals", "stopped", "step", "epochs", "best", "elapsedMs"]);
    expect(JSON.parse(JSON.stringify(h)).steps).toHaveLength(3);
  }, 60_000);
});
