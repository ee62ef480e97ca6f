import { describe, expect, it } from "vitest";
import {
  DTypeError, IndexError, ShapeError, ValueError, add, amax, argmax, cat, chunk, expand, flip, gather, indexSelect, maskedFill, matmul, max,
  narrow, norm, ones, permute, reshape, slice, split, stack, tensor, where, zeros,
} from "../../src";

/** Asserts that `fn` throws `type` with a message naming the op and every listed piece. */
function expectError(fn: () => unknown, type: new (...args: never[]) => Error, op: string, ...pieces: string[]): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(type);
  const message = (caught as Error).message;
  expect(message.startsWith(`${op}: `)).toBe(true);
  for (const p of pieces) expect(message).toContain(p);
}

const int = { dtype: "int32" } as const;

describe("error messages name the op and the shapes", () => {
  it("broadcasting ops report both shapes and the clashing dim", () => {
    expectError(() => add(zeros([2, 3]), zeros([4])), ShapeError, "add", "[2, 3]", "[4]", "3 != 4");
    expectError(() => where(ones([2], int), zeros([2]), zeros([3])), ShapeError, "where", "[2]", "[3]");
  });

  it("matmul reports both operands and the inner sizes", () => {
    expectError(() => matmul(zeros([2, 3]), zeros([4, 5])), ShapeError, "matmul", "[2, 3]", "[4, 5]", "3 != 4");
  });

  it("reshape and expand report the source and target shapes", () => {
    expectError(() => reshape(zeros([2, 3]), [4, 2]), ShapeError, "reshape", "[4, 2]", "[2, 3]");
    expectError(() => expand(zeros([2, 3]), [4, 3]), ShapeError, "expand", "[2, 3]", "[4, 3]");
    expectError(() => permute(zeros([2, 3]), [0]), ShapeError, "permute", "[2, 3]");
  });

  it("cat and stack list every input shape", () => {
    expectError(() => cat([zeros([2, 3]), zeros([3, 3])], 1), ShapeError, "cat", "[2, 3]", "[3, 3]");
    expectError(() => stack([zeros([2]), zeros([3])]), ShapeError, "stack", "[2]", "[3]");
  });

  it("reductions reject bad dims and empty dims", () => {
    expectError(() => amax(zeros([2, 3]), 2), IndexError, "amax", "2");
    expectError(() => max(zeros([0, 3]), 0), ValueError, "max", "[0, 3]");
    expectError(() => argmax(zeros([0])), ValueError, "argmax", "[0]");
    expectError(() => amax(zeros([2, 3]), [1, -1]), ValueError, "amax", "[1, -1]");
  });

  it("norm rejects integer tensors and non-positive p", () => {
    expectError(() => norm(zeros([2], int)), DTypeError, "norm", "int32");
    expectError(() => norm(zeros([2]), 0), ValueError, "norm", "0");
  });

  it("split and chunk name the shape and the sizes", () => {
    expectError(() => split(zeros([5, 2]), [2, 2]), ValueError, "split", "[5, 2]", "[2, 2]");
    expectError(() => split(zeros([5, 2]), 0), ValueError, "split", "[5, 2]");
    expectError(() => chunk(zeros([5, 2]), 0), ValueError, "chunk", "[5, 2]");
  });

  it("slicing ops report out-of-range positions with the shape", () => {
    expectError(() => narrow(zeros([4, 5]), 1, 3, 3), IndexError, "narrow", "[4, 5]");
    expectError(() => slice(zeros([4, 5]), 0, 0, 4, 0), IndexError, "slice", "[4, 5]");
    expectError(() => flip(zeros([4, 5]), 2), IndexError, "flip", "2");
    expectError(() => indexSelect(zeros([4, 5]), 0, [4]), IndexError, "indexSelect", "[4, 5]");
  });

  it("gather checks the index dtype, rank and range", () => {
    const x = zeros([3, 4]);
    expectError(() => gather(x, 1, zeros([3, 1])), DTypeError, "gather", "float32", "[3, 1]");
    expectError(() => gather(x, 1, zeros([3], int)), ShapeError, "gather", "[3, 4]", "[3]");
    expectError(() => gather(x, 1, tensor([[4]], int)), IndexError, "gather", "[3, 4]", "4");
  });

  it("maskedFill needs a mask that broadcasts to the input", () => {
    expectError(() => maskedFill(zeros([2, 3]), ones([4, 3], int), 0), ShapeError, "maskedFill", "[2, 3]", "[4, 3]");
    expectError(() => maskedFill(zeros([1, 3]), ones([2, 3], int), 0), ShapeError, "maskedFill", "[1, 3]", "[2, 3]");
  });
});
