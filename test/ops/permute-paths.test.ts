import { describe, expect, it } from "vitest";
import { arange, permute, reshape } from "../../src";

/** x.permute(perm) by index arithmetic, one element at a time: the reference. */
function reference(data: ArrayLike<number>, shape: number[], perm: number[]): number[] {
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const outShape = perm.map((p) => shape[p] as number);
  const outStrides = outShape.map((_, i) => outShape.slice(i + 1).reduce((a, b) => a * b, 1));
  const n = shape.reduce((a, b) => a * b, 1);
  return Array.from({ length: n }, (_, flat) => {
    let rest = flat;
    let src = 0;
    outShape.forEach((_, d) => {
      const at = Math.floor(rest / (outStrides[d] as number));
      rest %= outStrides[d] as number;
      src += at * (strides[perm[d] as number] as number);
    });
    return data[src] as number;
  });
}

describe("permute's copy paths", () => {
  const cases: Array<[number[], number[]]> = [
    [[16, 32, 256], [1, 0, 2]], // whole rows
    [[3, 37, 41], [0, 2, 1]], // blocked transposes, sizes off the block edge
    [[70, 33], [1, 0]],
    [[2, 3, 4, 5], [3, 1, 0, 2]], // the general walk
    [[4, 40, 33], [2, 1, 0]],
    [[2, 3, 17], [1, 0, 2]], // rows too short to copy whole
  ];
  it.each(cases)("%j by %j matches the element-wise reference", (shape, perm) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const x = reshape(arange(n), shape);
    const y = permute(x, perm);
    expect(y.shape).toEqual(perm.map((p) => shape[p]));
    expect(Array.from(y.data)).toEqual(reference(x.data, shape, perm));
  });
});
