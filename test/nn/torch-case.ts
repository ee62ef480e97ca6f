import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Tensor, tensor } from "../../src";
import type { DType } from "../../src";
import { nn } from "../../src";

/** One case of test/fixtures/torch/rnn_*.json (written by test/fixtures/gen_rnn.py). */
export interface TorchCase {
  kind: "rnn_tanh" | "rnn_relu" | "lstm" | "gru" | "mgu";
  layer: boolean;
  seed: number;
  options: { inputSize: number; hiddenSize: number; numLayers?: number; bias?: boolean; batchFirst?: boolean; bidirectional?: boolean };
  x: number[];
  state?: number[];
  lengths?: number[];
  output?: number[];
  outputShape?: number[];
  h: number[];
  hShape: number[];
  c?: number[];
  grads: Record<string, number[]>;
}

/** Reads a fixture group, e.g. `rnn_lstm`. */
export function loadCases(group: string): TorchCase[] {
  const path = join(__dirname, "..", "fixtures", "torch", `${group}.json`);
  return (JSON.parse(readFileSync(path, "utf8")) as { cases: TorchCase[] }).cases;
}

/** The MINSTD stream the generator uses: exact in doubles on both sides. */
export class Stream {
  private x: number;
  constructor(seed: number) {
    this.x = seed % 2147483647 || 1;
  }
  take(n: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      this.x = (this.x * 48271) % 2147483647;
      out.push((this.x / 2147483647) * 1.6 - 0.8);
    }
    return out;
  }
  tensor(shape: readonly number[], dtype: DType, requiresGrad = false): Tensor {
    const n = shape.reduce((p, q) => p * q, 1);
    return tensor(Float64Array.from(this.take(n)), { shape, dtype, requiresGrad });
  }
}

type AnyModule = nn.RNN | nn.LSTM | nn.GRU | nn.MGU | nn.RNNCell | nn.LSTMCell | nn.GRUCell | nn.MGUCell;

/** The seqgrad module of a case. */
export function makeModule(c: TorchCase, dtype: DType, fused: boolean): AnyModule {
  const o = { ...c.options, dtype, fused };
  const relu = c.kind === "rnn_relu";
  if (c.layer) {
    if (c.kind === "lstm") return new nn.LSTM(o);
    if (c.kind === "gru") return new nn.GRU(o);
    if (c.kind === "mgu") return new nn.MGU(o);
    return new nn.RNN({ ...o, nonlinearity: relu ? "relu" : "tanh" });
  }
  const co = { inputSize: o.inputSize, hiddenSize: o.hiddenSize, bias: o.bias, dtype, fused };
  if (c.kind === "lstm") return new nn.LSTMCell(co);
  if (c.kind === "gru") return new nn.GRUCell(co);
  if (c.kind === "mgu") return new nn.MGUCell(co);
  return new nn.RNNCell({ ...co, nonlinearity: relu ? "relu" : "tanh" });
}

/** What a run of a case gives: values and gradients by the fixture's names. */
export interface CaseRun {
  output: Tensor | null;
  h: Tensor;
  c: Tensor | null;
  grads: Record<string, Tensor | null>;
}

/** Draws parameters and inputs as the generator did, runs forward and the loss's backward. */
export function runCase(c: TorchCase, dtype: DType, fused: boolean): CaseRun {
  const m = makeModule(c, dtype, fused);
  const s = new Stream(c.seed);
  for (const [, p] of m.namedParameters()) p.data.set(s.take(p.numel));
  const x = s.tensor(c.x, dtype, true);
  const lstm = c.kind === "lstm";
  const h0 = c.state === undefined ? undefined : s.tensor(c.state, dtype, true);
  const c0 = c.state !== undefined && lstm ? s.tensor(c.state, dtype, true) : undefined;
  let output: Tensor | null = null;
  let h: Tensor;
  let cOut: Tensor | null = null;
  const opts = c.lengths === undefined ? {} : { lengths: c.lengths };
  if (m instanceof nn.LSTM) {
    const r = m.forward(x, h0 === undefined || c0 === undefined ? null : { h: h0, c: c0 }, opts);
    [output, h, cOut] = [r.output, r.h, r.c];
  } else if (m instanceof nn.RNN || m instanceof nn.GRU || m instanceof nn.MGU) {
    const r = m.forward(x, h0 ?? null, opts);
    [output, h] = [r.output, r.h];
  } else if (m instanceof nn.LSTMCell) {
    const r = m.forward(x, h0 === undefined || c0 === undefined ? null : { h: h0, c: c0 });
    [h, cOut] = [r.h, r.c];
  } else {
    h = m.forward(x, h0 ?? null);
  }
  const terms: Tensor[] = [];
  for (const t of [output, h, cOut]) if (t !== null) terms.push(t.mul(s.tensor(t.shape, dtype)).sum());
  terms.reduce((a, b) => a.add(b)).backward();
  const grads: Record<string, Tensor | null> = { x: x.grad };
  if (h0 !== undefined) grads["h0"] = h0.grad;
  if (c0 !== undefined) grads["c0"] = c0.grad;
  for (const [name, p] of m.namedParameters()) grads[name] = p.grad;
  return { output, h, c: cOut, grads };
}

/** Largest |a - b| - rtol |b| over the elements; <= atol means a match. */
export function maxExcess(actual: ArrayLike<number>, expected: readonly number[], rtol: number): number {
  if (actual.length !== expected.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] as number;
    const d = Math.abs((actual[i] as number) - e) - rtol * Math.abs(e);
    if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
  }
  return worst;
}

/** A short label for test names. */
export function caseLabel(c: TorchCase): string {
  const o = c.options;
  const parts = [c.kind, c.layer ? "layer" : "cell", `D${o.inputSize} H${o.hiddenSize}`, `x ${JSON.stringify(c.x)}`];
  if ((o.numLayers ?? 1) > 1) parts.push(`${o.numLayers} layers`);
  if (o.bidirectional) parts.push("bidirectional");
  if (o.batchFirst) parts.push("batchFirst");
  if (o.bias === false) parts.push("no bias");
  parts.push(c.state === undefined ? "default state" : "given state");
  if (c.lengths !== undefined) parts.push(`lengths ${JSON.stringify(c.lengths)}`);
  return parts.join(", ");
}
