import { describe, expect, it } from "vitest";
import { DType, Tensor, grad, nn, stack } from "../../src";
import { FixtureTensor, expectClose, load, readFixture } from "../ops/fixture-case";

interface ModuleCase {
  name: string;
  kind: "layer_norm" | "mha" | "encoder" | "ln_lstm_cell" | "batch_norm";
  training: boolean;
  buffersAfter: Record<string, FixtureTensor>;
  options: Record<string, unknown>;
  state: Record<string, FixtureTensor>;
  inputs: FixtureTensor[];
  masks: Record<string, FixtureTensor>;
  outputs: FixtureTensor[];
  upstream: FixtureTensor[];
  inputGrads: FixtureTensor[];
  paramGrads: Record<string, FixtureTensor>;
}

const fixture = readFixture("research_nn.json") as unknown as { torch: string; cases: ModuleCase[] };

type Built = { module: nn.Module; run: (xs: Tensor[], masks: Record<string, Tensor>) => Tensor[] };

function build(c: ModuleCase, dtype: DType): Built {
  const o = c.options;
  if (c.kind === "layer_norm") {
    const m = new nn.LayerNorm(o.normalizedShape as number[], { eps: (o.eps as number | undefined) ?? 1e-5, dtype });
    return { module: m, run: (xs) => [m.forward(xs[0] as Tensor)] };
  }
  if (c.kind === "batch_norm") {
    const m = new nn.BatchNorm1d(o.numFeatures as number, {
      momentum: "momentum" in o ? (o.momentum as number | null) : 0.1,
      affine: o.affine !== false,
      trackRunningStats: o.trackRunningStats !== false,
      dtype,
    });
    return { module: m, run: (xs) => [m.forward(xs[0] as Tensor)] };
  }
  if (c.kind === "ln_lstm_cell") {
    const m = new nn.LayerNormLSTMCell({ inputSize: o.inputSize as number, hiddenSize: o.hiddenSize as number, dtype });
    return {
      module: m,
      run: ([xs, h0, c0]) => {
        let state = { h: h0 as Tensor, c: c0 as Tensor };
        const hs: Tensor[] = [];
        for (let t = 0; t < (xs as Tensor).size(0); t++) {
          state = m.forward((xs as Tensor).select(0, t), state);
          hs.push(state.h);
        }
        return [stack(hs), state.c];
      },
    };
  }
  if (c.kind === "mha") {
    const m = new nn.MultiheadAttention({ embedDim: o.embedDim as number, numHeads: o.numHeads as number, batchFirst: o.batchFirst === true, bias: o.bias !== false, dtype });
    return {
      module: m,
      run: (xs, masks) => {
        const [q, k, v] = o.self === true ? [xs[0], xs[0], xs[0]] as Tensor[] : xs as [Tensor, Tensor, Tensor];
        const r = m.forward(q as Tensor, k as Tensor, v as Tensor, { ...masks, averageAttnWeights: o.averageAttnWeights !== false });
        return [r.output, r.weights as Tensor];
      },
    };
  }
  const m = new nn.TransformerEncoderLayer({ ...(o as { dModel: number; nhead: number }), dtype });
  return { module: m, run: (xs, masks) => [m.forward(xs[0] as Tensor, masks)] };
}

function runCase(c: ModuleCase, dtype: DType, tol: number): void {
  const { module, run } = build(c, dtype);
  module.train(c.training);
  module.loadStateDict(Object.fromEntries(Object.entries(c.state).map(([k, v]) => [k, load(v, dtype)])));
  const inputs = c.inputs.map((t) => load(t, dtype, true));
  // int32 masks are boolean (1 = may not attend), float masks are added
  const masks = Object.fromEntries(Object.entries(c.masks).map(([k, v]) => [k, load(v, dtype)]));
  const outs = run(inputs, masks);
  expect(outs.length).toBe(c.outputs.length);
  outs.forEach((out, i) => expectClose(out, c.outputs[i] as FixtureTensor, tol, `output ${i}`));
  const total = stack(outs.map((out, i) => out.mul(load(c.upstream[i] as FixtureTensor, dtype)).sum())).sum();
  const params = module.namedParameters();
  const grads = grad(total, [...inputs, ...params.map(([, p]) => p)]);
  inputs.forEach((_, i) => expectClose(grads[i] as Tensor, c.inputGrads[i] as FixtureTensor, tol, `grad of input ${i}`));
  params.forEach(([name], j) => expectClose(grads[inputs.length + j] as Tensor, c.paramGrads[name] as FixtureTensor, tol, `grad of ${name}`));
  for (const [name, b] of module.namedBuffers()) {
    const want = c.buffersAfter[name] as FixtureTensor;
    expectClose(b, want, want.dtype === "int32" ? 0 : tol, `buffer ${name} after the call`);
  }
}

describe(`LayerNorm, BatchNorm1d, MultiheadAttention, TransformerEncoderLayer and LayerNormLSTMCell match PyTorch ${fixture.torch} for the same weights`, () => {
  for (const c of fixture.cases) {
    it(`${c.name}: outputs and gradients in float64 within 1e-10`, () => runCase(c, "float64", 1e-10));
    it(`${c.name}: outputs and gradients in float32 within 1e-5`, () => runCase(c, "float32", 1e-5));
  }
});
