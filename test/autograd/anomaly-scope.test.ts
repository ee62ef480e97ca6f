import { describe, expect, it } from "vitest";
import { AnomalyError, Tensor, currentScope, detectAnomaly, tensor, withScope } from "../../src";

const leaf = (values: number[]) => tensor(values, { dtype: "float64", requiresGrad: true });

function anomalyMessage(fn: () => unknown): string {
  try {
    detectAnomaly(fn);
  } catch (e) {
    expect(e).toBeInstanceOf(AnomalyError);
    return (e as Error).message;
  }
  throw new Error("expected an AnomalyError");
}

describe("anomaly mode", () => {
  it("names the first forward op that makes NaN, with its input shapes", () => {
    const x = leaf([-1, 4]).reshape([1, 2]);
    const message = anomalyMessage(() => x.sqrt().mul(2).sum());
    expect(message).toMatch(/^sqrt: produced NaN .*\[1, 2\].*in forward; inputs were \[1, 2\]/);
  });

  it("names the op whose backward makes Inf, not the ops inside its backward", () => {
    const x = leaf([0, 1]);
    const y = x.sqrt().sum();
    const message = anomalyMessage(() => y.backward());
    expect(message).toMatch(/^sqrt: produced Infinity in the gradient of input 0 .*during backward; inputs were \[2\]/);
  });

  it("is off outside detectAnomaly: NaN flows silently", () => {
    expect(Number.isNaN(leaf([-1]).log().item())).toBe(true);
  });
});

describe("scope tags", () => {
  it("records module, step and role on every node made inside withScope", () => {
    const x = leaf([1, 2]);
    let h: Tensor = x;
    for (let t = 0; t < 2; t++) {
      h = withScope({ module: "rnn.l0", step: t }, () => withScope({ role: "h" }, () => h.mul(2).tanh()));
    }
    const node = h.gradFn;
    expect(node?.op).toBe("tanh");
    expect(node?.name).toBe("TanhBackward");
    expect(node?.tags).toEqual({ module: "rnn.l0", step: 1, role: "h" });
    expect(node?.outputShape).toEqual([2]);
    expect(node?.inputs[0]?.gradFn?.tags).toEqual({ module: "rnn.l0", step: 1, role: "h" });
  });

  it("inner scopes override outer fields and the stack unwinds after errors", () => {
    withScope({ module: "enc", step: 3 }, () => {
      withScope({ step: 4 }, () => expect(currentScope()).toEqual({ module: "enc", step: 4 }));
      expect(currentScope()).toEqual({ module: "enc", step: 3 });
      expect(() => withScope({ role: "x" }, () => { throw new Error("boom"); })).toThrow("boom");
      expect(currentScope()).toEqual({ module: "enc", step: 3 });
    });
    expect(currentScope()).toBeUndefined();
    expect(leaf([1]).mul(2).gradFn?.tags).toBeUndefined();
  });
});
