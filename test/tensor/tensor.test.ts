import { describe, expect, it } from "vitest";
import { DTypeError, ValueError, ones, randn, tensor, zeros } from "../../src";

describe("Tensor basics", () => {
  it("reports shape, dtype, ndim and numel", () => {
    const x = zeros([2, 3, 4]);
    expect([x.shape, x.dtype, x.ndim, x.numel]).toEqual([[2, 3, 4], "float32", 3, 24]);
    expect(x.size(-1)).toBe(4);
  });

  it("item reads a one-element tensor and refuses larger ones, naming the shape", () => {
    expect(tensor([[2.5]]).item()).toBe(2.5);
    expect(() => zeros([2]).item()).toThrow(ValueError);
    expect(() => zeros([2]).item()).toThrow(/^Tensor.item: .*\[2\]/);
  });

  it("toArray nests like the input", () => {
    expect(tensor([[1, 2], [3, 4]], { dtype: "int32" }).toArray()).toEqual([[1, 2], [3, 4]]);
    expect(tensor(7).toArray()).toBe(7);
  });

  it("clone copies the buffer; detach shares it and cuts the graph", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const c = x.clone();
    const d = x.detach();
    expect(c.data).not.toBe(x.data);
    expect(c.gradFn?.op).toBe("clone");
    expect(d.data).toBe(x.data);
    expect([d.requiresGrad, d.gradFn]).toEqual([false, null]);
  });

  it("to converts dtypes: floats keep the graph, int32 truncates toward zero", () => {
    const x = tensor([1.7, -1.7], { requiresGrad: true });
    const y = x.to("float64");
    expect(y.dtype).toBe("float64");
    expect(y.gradFn?.op).toBe("to");
    expect(Array.from(x.to("int32").data)).toEqual([1, -1]);
    expect(x.to("float32")).toBe(x);
  });

  it("only floating tensors can require grad", () => {
    expect(() => ones([2], { dtype: "int32", requiresGrad: true })).toThrow(DTypeError);
  });

  it("exposes the new ops as methods", () => {
    const x = randn([3, 4]);
    expect(x.max(1).values.shape).toEqual([3]);
    expect(x.max().shape).toEqual([]);
    expect(x.min(0, true).indices.shape).toEqual([1, 4]);
    expect(x.argmax(1).shape).toEqual([3]);
    expect(x.amax([0, 1]).item()).toBe(x.max().item());
    expect(x.norm(2, 1).shape).toEqual([3]);
    expect(x.split(2, 1).map((p) => p.shape)).toEqual([[3, 2], [3, 2]]);
    expect(x.chunk(3).length).toBe(3);
    expect(x.flip(0).select(0, 0).toArray()).toEqual(x.select(0, 2).toArray());
    expect(x.slice(1, 1, 3).shape).toEqual([3, 2]);
    expect(x.unsqueeze(0).squeeze(0).shape).toEqual([3, 4]);
    expect(x.expand(2, 3, 4).shape).toEqual([2, 3, 4]);
    expect(x.flatten().shape).toEqual([12]);
    expect(x.maskedFill(x.gt(0), 0).amax().item()).toBeLessThanOrEqual(0);
    expect(x.gather(1, zeros([3, 1], { dtype: "int32" })).shape).toEqual([3, 1]);
    expect(x.softmax().sum(1).data[0]).toBeCloseTo(1, 5);
  });
});
