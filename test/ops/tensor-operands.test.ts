import { describe, expect, it } from "vitest";
import "../../src/backend";
import { DTypeError, SeqgradError } from "../../src/errors";
import * as ops from "../../src/ops";
import { randn } from "../../src/tensor";

/** Every public op whose first parameter is a tensor, called with something else there. */
const TENSOR_FIRST = Object.entries(ops).filter(([name]) => !["add", "sub", "mul", "div", "pow", "maximum", "minimum", "eq", "ne", "lt", "le", "gt", "ge", "where"].includes(name));

describe("ops name themselves when an operand is not a tensor", () => {
  it("matmul(x, 3) names matmul, the rule and both operands (it was a bare TypeError)", () => {
    const x = randn([2, 3]);
    expect(() => ops.matmul(x, 3 as never)).toThrow(DTypeError);
    expect(() => ops.matmul(x, 3 as never)).toThrow(
      "matmul: both operands must be tensors (a [..., m, k] times b [..., k, n]); a is a float32 tensor [2, 3], b is the number 3 (a number is not a tensor: use mul or add for scalars, or tensor(x) first)",
    );
    expect(() => ops.matmul([[1, 2]] as never, x)).toThrow(/^matmul: both operands must be tensors .*; a is an array of length 1, b is a float32 tensor \[2, 3\] \(make it a tensor first: tensor\(values\)\)$/);
    expect(() => x.matmul(null as never)).toThrow(/^matmul: .*; a is a float32 tensor \[2, 3\], b is null$/);
  });

  it.each(TENSOR_FIRST.map(([name]) => [name]))("%s rejects a number, null or an array where its tensor goes", (name) => {
    const op = (ops as unknown as Record<string, (...args: unknown[]) => unknown>)[name];
    for (const bad of [3, null, [1, 2]]) {
      let error: unknown;
      try {
        op?.(bad, randn([2, 2]), randn([2, 2]));
      } catch (e) {
        error = e;
      }
      expect(error, `${name}(${JSON.stringify(bad)}, ...)`).toBeInstanceOf(SeqgradError);
      expect((error as Error).message, `${name}(${JSON.stringify(bad)}, ...)`).toMatch(new RegExp(`^${name}: `));
    }
  });

  it("cat and stack check every element of their list", () => {
    expect(() => ops.cat([randn([2]), 3 as never])).toThrow(/^cat: tensors\[1\] must be a Tensor; got tensors\[1\] = the number 3/);
    expect(() => ops.stack("ab" as never)).toThrow(/^stack: tensors must be an array of tensors; got the string "ab"/);
  });

  it("dims, shapes and sizes of the wrong type are DTypeErrors naming the op (they were bare TypeErrors)", () => {
    const x = randn([2, 3]);
    expect(() => ops.sum(x, "a" as never)).toThrow(/^sum: dim must be a number or an array of numbers; got the string "a"/);
    expect(() => ops.reshape(x, null as never)).toThrow(/^reshape: shape must be an array of numbers; got null$/);
    expect(() => ops.permute(x, 3 as never)).toThrow(/^permute: dims must be an array of numbers; got 3$/);
    expect(() => ops.expand(x, { shape: [2, 3] } as never)).toThrow(/^expand: shape must be an array of numbers; got an object$/);
    expect(() => ops.roll(x, null as never, 0)).toThrow(/^roll: shifts must be a number or an array of numbers; got null$/);
    expect(() => ops.split(x, {} as never)).toThrow(/^split: splitSize must be a number or an array of numbers; got an object$/);
    expect(() => ops.flip(x, ["0"] as never)).toThrow(DTypeError);
  });
});
