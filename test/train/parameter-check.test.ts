import { afterEach, describe, expect, it, vi } from "vitest";
import "../../src/backend";
import { manualSeed, randn } from "../../src/tensor";
import { mean, mul, sub, matmul } from "../../src/ops";
import { Parameter } from "../../src/nn/parameter";
import { SGD } from "../../src/optim";
import { Tensor } from "../../src/tensor";
import { train } from "../../src/train";

function model(): { w: Parameter; parameters(): Parameter[] } {
  const w = new Parameter(new Float32Array([0]), [1, 1]);
  return { w, parameters: () => [w] };
}

function batches(): { x: Tensor; y: Tensor }[] {
  manualSeed(0);
  return Array.from({ length: 4 }, () => {
    const x = randn([8, 1]);
    return { x, y: mul(x, 2).detach() };
  });
}

const mse = (m: { w: Parameter }, x: Tensor, y: Tensor): Tensor => {
  const d = sub(matmul(x, m.w), y);
  return mean(mul(d, d));
};

describe("train's parameter checks", () => {
  afterEach(() => vi.restoreAllMocks());

  it("warns when the optimizer holds none of the model's parameters (a model cell run again)", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const old = model();
    const optimizer = new SGD(old.parameters(), { lr: 0.1 });
    const fresh = model();
    const h = await train({ model: fresh, data: batches(), optimizer, loss: (b) => mse(fresh, b.x, b.y) });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/^train: the optimizer holds none of the model's parameters \(model: 1 tensors, optimizer: 1\)/);
    expect(fresh.w.data[0]).toBe(0);
    expect(h.step).toBe(4);
  });

  it("warns when no parameter changed in the first step", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const m = model();
    const optimizer = new SGD(m.parameters(), { lr: 0 });
    await train({ model: m, data: batches(), optimizer, loss: (b) => mse(m, b.x, b.y) });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/^train: no parameter of the model changed in the first step \(lr 0\)/);
  });

  it("stays silent when the optimizer trains the model", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const m = model();
    await train({ model: m, data: batches(), optimizer: new SGD(m.parameters(), { lr: 0.1 }), loss: (b) => mse(m, b.x, b.y) });
    expect(warn).not.toHaveBeenCalled();
    expect(m.w.data[0]).not.toBe(0);
  });
});
