import { describe, expect, it } from "vitest";
import "../../src/backend";
import { manualSeed, randn, tensor, zeros } from "../../src/tensor";
import { mean, mul, sub, matmul } from "../../src/ops";
import { Parameter } from "../../src/nn/parameter";
import { SGD } from "../../src/optim";
import { Tensor } from "../../src/tensor";
import { History, train } from "../../src/train";

/** y = 3x - 1 with a little noise; a two-parameter model. */
function regression(): { model: { w: Parameter; b: Parameter; parameters(): Parameter[] }; batches: { x: Tensor; y: Tensor }[] } {
  manualSeed(0);
  const w = new Parameter(new Float32Array([0]), [1, 1]);
  const b = new Parameter(new Float32Array([0]), [1]);
  const batches = Array.from({ length: 8 }, () => {
    const x = randn([16, 1]);
    const y = sub(mul(x, 3), 1).add(mul(randn([16, 1]), 0.01));
    return { x, y: y.detach() };
  });
  return { model: { w, b, parameters: () => [w, b] }, batches };
}

const mse = (m: { w: Parameter; b: Parameter }, x: Tensor, y: Tensor): Tensor => {
  const d = sub(matmul(x, m.w).add(m.b), y);
  return mean(mul(d, d));
};

describe("train", () => {
  it("fits a regression and records loss, gradient norm before clipping and learning rate", async () => {
    const { model, batches } = regression();
    const optimizer = new SGD(model.parameters(), { lr: 0.1 });
    const h = await train({ model, data: batches, optimizer, loss: (bt) => mse(model, bt.x, bt.y), epochs: 10, clip: 1 });
    expect(h.stopped).toBe("completed");
    expect(h.step).toBe(80);
    expect(h.steps[79]?.loss).toBeLessThan(1e-3);
    expect(model.w.data[0]).toBeCloseTo(3, 1);
    // the first step's gradient norm is the unclipped one: for w = b = 0, dL/dw = -2 mean(x y), dL/db = -2 mean(y)
    const first = batches[0];
    if (first === undefined) throw new Error("no batch");
    let gw = 0;
    let gb = 0;
    for (let i = 0; i < 16; i++) {
      gw += (-2 * (first.x.data[i] as number) * (first.y.data[i] as number)) / 16;
      gb += (-2 * (first.y.data[i] as number)) / 16;
    }
    expect(h.steps[0]?.gradNorm).toBeCloseTo(Math.hypot(gw, gb), 4);
    expect(h.steps[0]?.gradNorm).toBeGreaterThan(1);
    expect(h.steps[0]?.lr).toBe(0.1);
  });

  it("stops cleanly between steps when the abort signal fires, keeping finished updates", async () => {
    const { model, batches } = regression();
    const optimizer = new SGD(model.parameters(), { lr: 0.1 });
    const controller = new AbortController();
    let wAfterStep3 = NaN;
    const h = await train({
      model,
      data: batches,
      optimizer,
      loss: (bt) => mse(model, bt.x, bt.y),
      epochs: 5,
      signal: controller.signal,
      callbacks: {
        onStep: (r) => {
          if (r.step === 3) {
            wAfterStep3 = model.w.data[0] as number;
            controller.abort("interrupt");
          }
        },
      },
    });
    expect(h.stopped).toBe("aborted");
    expect(h.step).toBe(3);
    expect(model.w.data[0]).toBe(wAfterStep3);
  });

  it("evaluates, steps a plateau-style scheduler with the metric and stops early", async () => {
    const { model, batches } = regression();
    const optimizer = new SGD(model.parameters(), { lr: 0.1 });
    const seen: number[] = [];
    let calls = 0;
    const h = await train({
      model,
      data: batches,
      optimizer,
      loss: (bt) => mse(model, bt.x, bt.y),
      epochs: 50,
      evalEvery: 4,
      // a validation loss that stops improving after the third evaluation
      evaluate: () => Math.max(1, 10 - 3 * ++calls),
      scheduler: { step: (metric?: number) => void seen.push(metric ?? NaN) },
      earlyStopping: { patience: 2 },
    });
    expect(h.stopped).toBe("early-stopping");
    expect(h.evals.map((e) => e.metrics.valid_loss)).toEqual([7, 4, 1, 1, 1]);
    expect(h.best).toEqual({ metric: "valid_loss", value: 1, step: 12 });
    expect(seen).toEqual([7, 4, 1, 1, 1]);
    expect(h.step).toBe(20);
  });

  it("carries the state between batches detached under tbptt, and checkpoints on schedule", async () => {
    const w = new Parameter(new Float32Array([0.5]), [1]);
    const saved: number[] = [];
    const states: (Tensor | undefined)[] = [];
    const h: History = await train<number, Tensor>({
      model: { parameters: () => [w] },
      data: [1, 2, 3],
      optimizer: new SGD([w], { lr: 0.01 }),
      tbptt: true,
      epochs: 2,
      loss: (x, ctx) => {
        states.push(ctx.state);
        const h0 = ctx.state ?? zeros([1]);
        const h1 = h0.add(mul(w, x));
        return { loss: mean(mul(h1, h1)), state: h1 };
      },
      checkpoint: { every: 4, save: ({ step }) => void saved.push(step) },
    });
    expect(h.step).toBe(6);
    expect(states[0]).toBeUndefined();
    expect(states[1]?.requiresGrad).toBe(false);
    expect(states[1]?.gradFn).toBeNull();
    expect(states[3]).toBeUndefined();
    expect(saved).toEqual([4, 6]);
  });

  it("rejects bad options and a non-scalar loss with named errors", async () => {
    const w = new Parameter(new Float32Array([1, 2]), [2]);
    const base = { model: { parameters: () => [w] }, data: [0], optimizer: new SGD([w], { lr: 0.1 }) };
    await expect(train({ ...base, loss: () => mul(w, 1), steps: 1 })).rejects.toThrow(/train: the loss must be a single number; expected shape \[\] or \[1\], got \[2\]/);
    await expect(train({ ...base, loss: () => mean(w), steps: 0 })).rejects.toThrow(/train: steps must be a positive integer/);
    expect(tensor([1]).numel).toBe(1);
  });
});
