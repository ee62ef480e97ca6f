import { afterEach, describe, expect, it } from "vitest";
import { Tensor, manualSeed, nn, randn } from "../../src";
import { getBackend, listBackends, setBackend } from "../../src/backend";

const describeWasm = listBackends().includes("wasm") ? describe : describe.skip;

type Kind = "LSTM" | "GRU" | "RNN (tanh)" | "RNN (relu)";

/** Outputs, final states and every gradient of one forward and backward pass, flattened. */
function run(kind: Kind, lengths: number[] | undefined, fused: boolean): number[] {
  manualSeed(30);
  // H = 18: B H above the wasm kernels' staging threshold, and not a multiple of 4
  const [T, B, D, H] = [5, 4, 3, 18];
  const opts = { inputSize: D, hiddenSize: H, numLayers: 2, bidirectional: true, fused };
  const m = kind === "LSTM" ? new nn.LSTM(opts) : kind === "GRU" ? new nn.GRU(opts) : new nn.RNN({ ...opts, nonlinearity: kind === "RNN (relu)" ? "relu" : "tanh" });
  const x = randn([T, B, D], { requiresGrad: true });
  const w = randn([T, B, 2 * H]);
  const r = m.forward(x, null, { lengths });
  const states = "c" in r && r.c instanceof Tensor ? [r.h, r.c] : [r.h];
  let loss = r.output.mul(w).sum();
  for (const s of states) loss = loss.add(s.sum());
  loss.backward();
  const values = [...r.output.data, ...states.flatMap((s) => [...s.data]), ...(x.grad?.data ?? [])];
  for (const p of m.parameters()) values.push(...(p.grad?.data ?? [NaN]));
  return values;
}

describeWasm("a fused recurrence on the wasm backend", () => {
  const before = getBackend();
  afterEach(() => void setBackend(before));

  for (const kind of ["LSTM", "GRU", "RNN (tanh)", "RNN (relu)"] as const) {
    for (const lengths of [undefined, [5, 2, 5, 1]]) {
      const what = lengths === undefined ? "every step live" : "steps with finished rows";
      it(`gives the outputs and gradients of the composed ${kind} on the js backend, ${what}`, () => {
        setBackend("js");
        const want = run(kind, lengths, false);
        setBackend("wasm");
        const got = run(kind, lengths, true);
        expect(got.length).toBe(want.length);
        let worst = 0;
        for (let i = 0; i < want.length; i++) {
          const y = want[i] as number;
          worst = Math.max(worst, Math.abs((got[i] as number) - y) / (1 + Math.abs(y)));
        }
        expect(worst).toBeLessThan(2e-5);
      });
    }
  }
});
