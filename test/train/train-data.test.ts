import { describe, expect, it } from "vitest";
import "../../src/backend";
import { ValueError } from "../../src/errors";
import { mul, sub, sum } from "../../src/ops";
import { Parameter } from "../../src/nn/parameter";
import { SGD } from "../../src/optim";
import { tensor } from "../../src/tensor";
import type { Tensor } from "../../src/tensor";
import { batchify, chunks, train } from "../../src/train";

/** A one-parameter model pulled towards 2 by every batch, whatever the batch holds. */
function setup(): { model: { parameters(): Parameter[] }; optimizer: SGD; loss: (b: unknown) => Tensor; w: Parameter } {
  const w = new Parameter(new Float32Array([0]), [1]);
  const model = { parameters: (): Parameter[] => [w] };
  const loss = (): Tensor => {
    const d = sub(w, 2);
    return sum(mul(d, d));
  };
  return { model, optimizer: new SGD([w], { lr: 0.01 }), loss, w };
}

describe("train when the data runs out", () => {
  it("raises a ValueError when the data yields no batch at all (it used to spin forever)", async () => {
    const { model, optimizer, loss } = setup();
    await expect(train({ model, data: [], optimizer, loss, steps: 10 })).rejects.toThrow(ValueError);
    await expect(train({ model, data: [], optimizer, loss, steps: 10 })).rejects.toThrow(/train: data yielded no batch/);
  });

  it("stops with data-exhausted and a message when a one-shot iterator is used up before steps", async () => {
    const { model, optimizer, loss } = setup();
    const oneShot = chunks(batchify([0, 1, 2, 3, 4, 5, 6, 7, 8], 1), 4);
    const h = await train({ model, data: oneShot, optimizer, loss, steps: 10 });
    expect(h.step).toBe(2);
    expect(h.stopped).toBe("data-exhausted");
    expect(h.message).toMatch(/one-shot iterator/);
    expect(h.epochs).toBe(1);
  });

  it("re-reads an array every epoch until steps are done", async () => {
    const { model, optimizer, loss } = setup();
    const h = await train({ model, data: [tensor([1]), tensor([2])], optimizer, loss, steps: 7 });
    expect(h.step).toBe(7);
    expect(h.epochs).toBe(4);
    expect(h.stopped).toBe("completed");
  });

  it("stops when a data function returns no batch for a later epoch", async () => {
    const { model, optimizer, loss } = setup();
    const h = await train({ model, data: (e) => (e < 2 ? [tensor([1])] : []), optimizer, loss, steps: 100 });
    expect(h.step).toBe(2);
    expect(h.stopped).toBe("data-exhausted");
    expect(h.message).toMatch(/no batch in epoch 2/);
  });

  it("honours an abort signal that fires between epochs of one batch each", async () => {
    const { model, optimizer, loss } = setup();
    const controller = new AbortController();
    const h = await train({
      model,
      data: () => [tensor([1])],
      optimizer,
      loss,
      epochs: 1_000_000,
      signal: controller.signal,
      callbacks: { onEpochEnd: (e) => (e === 4 ? controller.abort() : undefined) },
    });
    expect(h.stopped).toBe("aborted");
    expect(h.step).toBe(5);
  });

  it("returns at once, aborted and untouched, when the signal is already aborted", async () => {
    const { model, optimizer, loss, w } = setup();
    const h = await train({ model, data: [tensor([1])], optimizer, loss, steps: 5, signal: AbortSignal.abort() });
    expect(h.stopped).toBe("aborted");
    expect(h.step).toBe(0);
    expect(w.data[0]).toBe(0);
  });
});

describe("train options", () => {
  it("rejects an unknown option such as a misspelt epochs", async () => {
    const { model, optimizer, loss } = setup();
    const run = train({ model, data: [tensor([1])], optimizer, loss, epoch: 3 } as Parameters<typeof train>[0]);
    await expect(run).rejects.toThrow(/train: unknown option "epoch"/);
  });

  it("rejects data that is not iterable", async () => {
    const { model, optimizer, loss } = setup();
    const run = train({ model, data: 5 as unknown as Tensor[], optimizer, loss });
    await expect(run).rejects.toThrow(/train: data must be an iterable of batches/);
  });
});
