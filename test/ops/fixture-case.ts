import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { DType, Tensor, grad, stack, tensor } from "../../src";

/** One tensor of a fixture: shape, dtype, values (non-finite values spelled "nan", "inf", "-inf"). */
export interface FixtureTensor {
  shape: number[];
  dtype: "float64" | "int32";
  values: Array<number | string>;
}

/** One case of a fixture script: inputs, op and arguments, outputs and gradients from PyTorch. */
export interface FixtureCase {
  name: string;
  op: string;
  args: Record<string, unknown>;
  inputs: FixtureTensor[];
  outputs: FixtureTensor[];
  upstream: Array<FixtureTensor | null>;
  grads: Array<FixtureTensor | null>;
  /** Float inputs that take no gradient (PyTorch refuses one, e.g. class weights). */
  frozen?: number[];
  /** A Hessian-vector product: v per float input, and d/dx sum(dL/dx * v). */
  second?: { v: FixtureTensor[]; hv: FixtureTensor[] };
}

export type Args = Record<string, unknown>;
export type OpFn = (xs: Tensor[], a: Args) => Tensor | Tensor[];

/** Reads test/fixtures/torch/<file>. */
export function readFixture(file: string): { torch: string; cases: FixtureCase[] } {
  return JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "torch", file), "utf8")) as { torch: string; cases: FixtureCase[] };
}

export function decode(v: number | string): number {
  if (v === "nan") return NaN;
  if (v === "inf") return Infinity;
  if (v === "-inf") return -Infinity;
  return v as number;
}

/** A fixture tensor as a seqgrad tensor: int32 stays int32, floats become `floatType`. */
export function load(t: FixtureTensor, floatType: DType, requiresGrad = false): Tensor {
  const dtype = t.dtype === "int32" ? "int32" : floatType;
  return tensor(Float64Array.from(t.values, decode), { dtype, shape: t.shape, requiresGrad: requiresGrad && dtype !== "int32" });
}

/** Checks shape and values: |actual - expected| <= tol * max(1, |expected|). */
export function expectClose(actual: Tensor, expected: FixtureTensor, tol: number, what: string): void {
  expect(actual.shape, `${what} shape`).toEqual(expected.shape);
  const want = expected.values.map(decode);
  let worst = 0;
  want.forEach((w, i) => {
    const a = actual.data[i] as number;
    if (Number.isNaN(w) || !Number.isFinite(w)) {
      expect(Object.is(a, w) || (Number.isNaN(a) && Number.isNaN(w)), `${what}[${i}]`).toBe(true);
      return;
    }
    worst = Math.max(worst, Math.abs(a - w) / Math.max(1, Math.abs(w)));
  });
  expect(worst, `${what}: worst scaled error`).toBeLessThanOrEqual(tol);
}

/** Runs one case: outputs, first-order gradients, and (float64 only) the Hessian-vector product. */
export function runCase(ops: Record<string, OpFn>, c: FixtureCase, dtype: DType, tol: number): void {
  const op = ops[c.op];
  if (op === undefined) throw new Error(`no seqgrad op for fixture op ${c.op}`);
  const inputs = c.inputs.map((t, i) => load(t, dtype, !(c.frozen ?? []).includes(i)));
  const result = op(inputs, c.args);
  const outs = Array.isArray(result) ? result : [result];
  expect(outs.length, "number of outputs").toBe(c.outputs.length);
  outs.forEach((o, k) => {
    const expected = c.outputs[k];
    if (expected !== undefined) expectClose(o, expected, expected.dtype === "int32" ? 0 : tol, `output ${k}`);
  });
  const terms = outs.flatMap((o, k) => {
    const u = c.upstream[k];
    return u === null || u === undefined ? [] : [o.mul(load(u, dtype)).sum()];
  });
  if (terms.length === 0) return;
  const total = stack(terms).sum();
  const floats = inputs.filter((x) => x.requiresGrad);
  const second = c.second !== undefined && dtype === "float64";
  const grads = grad(total, floats, { allowUnused: true, createGraph: second });
  let f = 0;
  inputs.forEach((x, i) => {
    if (!x.requiresGrad) return;
    const g = grads[f++] ?? null;
    const want = c.grads[i];
    if (want === null || want === undefined) return;
    if (g === null) throw new Error(`input ${i} received no gradient`);
    expectClose(g, want, tol, `grad of input ${i}`);
  });
  if (!second || c.second === undefined) return;
  const { v, hv } = c.second;
  const inner = stack(grads.map((g, j) => (g === null ? tensor(0, { dtype }) : g.mul(load(v[j] as FixtureTensor, dtype)).sum()))).sum();
  const hvs = inner.requiresGrad ? grad(inner, floats, { allowUnused: true }) : floats.map(() => null);
  hvs.forEach((h, j) => {
    const want = hv[j] as FixtureTensor;
    expectClose(h ?? floats[j]?.mul(0).detach() ?? tensor(0), want, tol, `second derivative (Hessian-vector product) of input ${j}`);
  });
}
