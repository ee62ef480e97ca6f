import { afterEach, describe, expect, it } from "vitest";
import { nn, optim, randn, train } from "../../src";

const saved = Reflect.get(globalThis, "setImmediate");
afterEach(() => {
  Reflect.set(globalThis, "setImmediate", saved);
});

describe("train() on hosts without setImmediate (browsers, Web Workers)", () => {
  it("yields to the event loop through a MessageChannel and finishes every step", async () => {
    Reflect.deleteProperty(globalThis, "setImmediate");
    const model = new nn.Linear(3, 1);
    const data = Array.from({ length: 4 }, () => ({ x: randn([8, 3]), y: randn([8, 1]) }));
    const slow = (b: { x: ReturnType<typeof randn>; y: ReturnType<typeof randn> }) => {
      const until = Date.now() + 30; // long enough that train() yields between steps
      while (Date.now() < until);
      return model.forward(b.x).sub(b.y).pow(2).mean();
    };
    const history = await train.train({ model, data, optimizer: new optim.SGD(model.parameters(), { lr: 0.1 }), loss: slow, steps: 6 });
    expect(history.step).toBe(6);
    expect(history.stopped).toBe("completed");
  });
});
