import { readFileSync } from "node:fs";
import { join } from "node:path";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { DType, arange, tensor } from "../../src";

interface PrintCase {
  name: string;
  shape: number[];
  dtype: DType;
  body: string;
  values?: Array<number | string>;
  arange?: boolean;
}

const fixture = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "torch", "ops.json"), "utf8")) as { printing: PrintCase[] };

const decode = (v: number | string): number => (v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : (v as number));

describe("printing follows PyTorch's format", () => {
  for (const c of fixture.printing) {
    it(`${c.name} prints the values as PyTorch does`, () => {
      const n = c.shape.reduce((p, q) => p * q, 1);
      const t = c.arange
        ? arange(n, undefined, 1, { dtype: c.dtype }).reshape(c.shape)
        : tensor(Float64Array.from(c.values ?? [], decode), { dtype: c.dtype, shape: c.shape });
      expect(t.toString()).toBe(`tensor(${c.body}, shape=[${c.shape.join(", ")}], dtype=${c.dtype})`);
    });
  }
});

describe("printing", () => {
  it("names the grad_fn of op results and marks leaves that require grad", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(x.toString()).toBe("tensor([1., 2.], shape=[2], dtype=float32, requires_grad=true)");
    expect(x.mul(2).toString()).toBe("tensor([2., 4.], shape=[2], dtype=float32, grad_fn=<MulBackward>)");
    expect(x.indexSelect(0, [1]).toString()).toContain("grad_fn=<IndexSelectBackward>");
  });

  it("is what util.inspect and console.log show", () => {
    const x = tensor([[1.5, 2]]);
    expect(inspect(x)).toBe(x.toString());
    expect(inspect({ x })).toContain("tensor([[1.5000, 2.0000]]");
  });

  it("summarizes large tensors instead of dumping them", () => {
    const text = arange(100000, undefined, 1, { dtype: "float32" }).reshape([100, 1000]).toString();
    expect(text.length).toBeLessThan(1000);
    expect(text).toContain("...");
  });

  it("prints empty tensors with their shape", () => {
    expect(tensor([]).toString()).toBe("tensor([], shape=[0], dtype=float32)");
  });
});
