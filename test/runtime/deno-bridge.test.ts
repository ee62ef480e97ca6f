import { afterEach, describe, expect, it, vi } from "vitest";
import { display, displaysSent, nn, optim, randn, tensor, train } from "../../src";

afterEach(() => {
  Reflect.deleteProperty(globalThis, "Deno");
});

describe("the Deno kernel bridge", () => {
  it("sends display() and its updates through Deno.jupyter.display with the raw bundle and one display id", () => {
    const calls: { bundle: Record<string, unknown>; options: { raw: boolean; update: boolean; display_id: string } }[] = [];
    const show = vi.fn((bundle: Record<string, unknown>, options: (typeof calls)[number]["options"]) => {
      calls.push({ bundle, options });
      return Promise.resolve();
    });
    Reflect.set(globalThis, "Deno", { jupyter: { display: show } });
    const handle = display(tensor([1, 2]));
    handle.update(tensor([3, 4, 5]));
    expect(calls.map((c) => c.options)).toEqual([
      { raw: true, update: false, display_id: handle.id },
      { raw: true, update: true, display_id: handle.id },
    ]);
    expect(Object.keys(calls[1]?.bundle ?? {})).toContain("application/vnd.seqgrad.tensor.v1+json");
  });

  it("lets an awaited cell wait until its displays have been sent: train() returns only after its last update left", async () => {
    const settled: string[] = [];
    const show = (_bundle: unknown, options: { update: boolean }): Promise<void> =>
      new Promise((resolve) => setTimeout(() => {
        settled.push(options.update ? "update" : "display");
        resolve();
      }, 30));
    Reflect.set(globalThis, "Deno", { jupyter: { display: show } });
    const handle = display(tensor([1]));
    handle.update(tensor([2]));
    expect(settled).toEqual([]);
    await displaysSent();
    expect(settled).toEqual(["display", "update"]);

    settled.length = 0;
    const model = new nn.Linear(2, 1);
    const data = [{ x: randn([4, 2]), y: randn([4, 1]) }];
    const live = { onEnd: () => display(tensor([3])).update(tensor([4])) };
    await train.train({ model, data, optimizer: new optim.SGD(model.parameters(), { lr: 0.1 }), loss: (b) => model.forward(b.x).sub(b.y).pow(2).mean(), steps: 1, callbacks: live });
    expect(settled).toEqual(["display", "update"]);
  });

  it("is not used when Deno runs outside its Jupyter kernel", () => {
    Reflect.set(globalThis, "Deno", { version: { deno: "2.9.6" } });
    const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    display(tensor([1]));
    expect(write).toHaveBeenCalledTimes(1);
    write.mockRestore();
  });
});
