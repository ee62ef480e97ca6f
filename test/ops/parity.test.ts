import { describe, it } from "vitest";
import {
  Tensor, add, amax, amin, argmax, argmin, cat, chunk, clamp, div, expand, flip, gather, indexSelect, logSoftmax, maskedFill, matmul,
  max, maximum, mean, min, minimum, mul, narrow, norm, permute, pow, reshape, select, slice, softmax, split, stack, sub, sum, tanh,
  transpose, where,
} from "../../src";
import { Args, OpFn, readFixture, runCase } from "./fixture-case";

const fixture = readFixture("ops.json");

const num = (a: Args, key: string): number => {
  const v = a[key];
  return v === "inf" ? Infinity : (v as number);
};
const dims = (a: Args): number | number[] | undefined => a.dim as number | number[] | undefined;
const keep = (a: Args): boolean => a.keepdim === true;
const at = (xs: Tensor[], i: number): Tensor => {
  const x = xs[i];
  if (x === undefined) throw new Error(`fixture input ${i} is missing`);
  return x;
};
const binary = (f: (a: Tensor, b: Tensor) => Tensor): OpFn => (xs) => f(at(xs, 0), at(xs, 1));
const unary = (f: (x: Tensor) => Tensor): OpFn => (xs) => f(at(xs, 0));

/** seqgrad's side of every fixture op. */
const OPS: Record<string, OpFn> = {
  add: binary(add), sub: binary(sub), mul: binary(mul), div: binary(div), pow: binary(pow), maximum: binary(maximum), minimum: binary(minimum),
  pow_scalar: (xs, a) => pow(at(xs, 0), num(a, "exponent")),
  neg: unary((x) => x.neg()), exp: unary((x) => x.exp()), log: unary((x) => x.log()), sqrt: unary((x) => x.sqrt()), abs: unary((x) => x.abs()),
  tanh: unary(tanh), sigmoid: unary((x) => x.sigmoid()), relu: unary((x) => x.relu()),
  clamp: (xs, a) => clamp(at(xs, 0), num(a, "min"), num(a, "max")),
  where: (xs) => where(at(xs, 0), at(xs, 1), at(xs, 2)),
  matmul: binary(matmul),
  sum: (xs, a) => sum(at(xs, 0), dims(a), keep(a)),
  mean: (xs, a) => mean(at(xs, 0), dims(a), keep(a)),
  amax: (xs, a) => amax(at(xs, 0), dims(a), keep(a)),
  amin: (xs, a) => amin(at(xs, 0), dims(a), keep(a)),
  max_all: unary((x) => max(x)),
  min_all: unary((x) => min(x)),
  max_dim: (xs, a) => {
    const r = max(at(xs, 0), num(a, "dim"), keep(a));
    return [r.values, r.indices];
  },
  min_dim: (xs, a) => {
    const r = min(at(xs, 0), num(a, "dim"), keep(a));
    return [r.values, r.indices];
  },
  argmax: (xs, a) => argmax(at(xs, 0), a.dim as number | undefined, keep(a)),
  argmin: (xs, a) => argmin(at(xs, 0), a.dim as number | undefined, keep(a)),
  norm: (xs, a) => norm(at(xs, 0), num(a, "p"), dims(a), keep(a)),
  reshape: (xs, a) => reshape(at(xs, 0), a.shape as number[]),
  permute: (xs, a) => permute(at(xs, 0), a.dims as number[]),
  transpose: (xs, a) => transpose(at(xs, 0), num(a, "dim0"), num(a, "dim1")),
  expand: (xs, a) => expand(at(xs, 0), a.shape as number[]),
  narrow: (xs, a) => narrow(at(xs, 0), num(a, "dim"), num(a, "start"), num(a, "length")),
  select: (xs, a) => select(at(xs, 0), num(a, "dim"), num(a, "index")),
  slice: (xs, a) => slice(at(xs, 0), num(a, "dim"), num(a, "start"), Infinity, num(a, "step")),
  cat: (xs, a) => cat(xs, num(a, "dim")),
  stack: (xs, a) => stack(xs, num(a, "dim")),
  split: (xs, a) => split(at(xs, 0), a.size as number | number[], num(a, "dim")),
  chunk: (xs, a) => chunk(at(xs, 0), num(a, "chunks"), num(a, "dim")),
  flip: (xs, a) => flip(at(xs, 0), a.dims as number[]),
  gather: (xs, a) => gather(at(xs, 0), num(a, "dim"), at(xs, 1)),
  index_select: (xs, a) => indexSelect(at(xs, 0), num(a, "dim"), at(xs, 1)),
  masked_fill: (xs, a) => maskedFill(at(xs, 0), at(xs, 1), num(a, "value")),
  softmax: (xs, a) => softmax(at(xs, 0), num(a, "dim")),
  log_softmax: (xs, a) => logSoftmax(at(xs, 0), num(a, "dim")),
  rnn_step: (xs) => tanh(add(add(matmul(at(xs, 0), at(xs, 2).T), matmul(at(xs, 1), at(xs, 3).T)), at(xs, 4))),
};

describe(`parity with PyTorch ${fixture.torch}: forward values and gradients`, () => {
  for (const c of fixture.cases) {
    it(`${c.name} matches in float64 within 1e-10`, () => runCase(OPS, c, "float64", 1e-10));
    it(`${c.name} matches in float32 within 1e-5`, () => runCase(OPS, c, "float32", 1e-5));
  }
});
