import { afterEach, describe, expect, it } from "vitest";
import { Tensor, grad, manualSeed, nn, randn } from "../../src";
import { getBackend, listBackends, setBackend } from "../../src/backend";
import type { Backend } from "../../src/backend";
import { sequencesOfSteps } from "../../src/backend/js/sequence";

const describeWasm = listBackends().includes("wasm") ? describe : describe.skip;

type Kind = "lstm" | "gru" | "rnn_tanh" | "rnn_relu";
const KINDS: readonly Kind[] = ["lstm", "gru", "rnn_tanh", "rnn_relu"];

/** A 2-layer bidirectional layer of `kind`, seeded. */
function layer(kind: Kind, D: number, H: number, dtype: "float32" | "float64"): nn.LSTM | nn.GRU | nn.RNN {
  manualSeed(21);
  const options = { inputSize: D, hiddenSize: H, numLayers: 2, bidirectional: true, dtype };
  if (kind === "lstm") return new nn.LSTM(options);
  if (kind === "gru") return new nn.GRU(options);
  return new nn.RNN({ ...options, nonlinearity: kind === "rnn_relu" ? "relu" : "tanh" });
}

/**
 * `base` with its sequence methods counting their calls in `calls.n`, the backwards' in
 * `calls.back` (and run step by step when `stepwise`).
 */
function counting(base: Backend, calls: { n: number; back?: number }, stepwise: boolean): Backend {
  const seq = stepwise ? sequencesOfSteps(base) : base;
  const back = (): void => void (calls.back = (calls.back ?? 0) + 1);
  return {
    ...base,
    lstmSequenceBackward: (...a) => {
      back();
      seq.lstmSequenceBackward(...a);
    },
    gruSequenceBackward: (...a) => {
      back();
      seq.gruSequenceBackward(...a);
    },
    rnnSequenceBackward: (...a) => {
      back();
      seq.rnnSequenceBackward(...a);
    },
    lstmSequence: (...a) => {
      calls.n++;
      seq.lstmSequence(...a);
    },
    gruSequence: (...a) => {
      calls.n++;
      seq.gruSequence(...a);
    },
    rnnSequence: (...a) => {
      calls.n++;
      seq.rnnSequence(...a);
    },
  };
}

/** Every tensor of the graph behind `root`, in a fixed depth-first order. */
function tensorsOf(root: Tensor): Tensor[] {
  const seen = new Set<Tensor>();
  const stack = [root];
  while (stack.length > 0) {
    const t = stack.pop();
    if (t === undefined || seen.has(t)) continue;
    seen.add(t);
    if (t.gradFn !== null) stack.push(...t.gradFn.inputs);
  }
  return [...seen];
}

/** Everything a forward and backward leave: outputs, final states, gate figures, every gradient. */
function runLayer(kind: Kind, backend: Backend, lengths: number[] | null, dtype: "float32" | "float64" = "float32", hook = false): number[][] {
  const [T, B, D, H] = [7, 5, 3, 19];
  setBackend(backend);
  const m = layer(kind, D, H, dtype);
  manualSeed(22);
  const x = randn([T, B, D], { dtype, requiresGrad: true });
  const { output, h } = lengths === null ? m.forward(x) : m.forward(x, null, { lengths });
  // a hook on one step h_t (which sees the whole dL/dh_t) makes the steps run backward one by one
  if (hook) tensorsOf(output).find((t) => t.gradFn?.op.endsWith("_cell") === true)?.registerHook(() => undefined);
  const loss = output.mul(output).sum().add(h.sum());
  loss.backward();
  const gates = tensorsOf(output).flatMap((t) => (t.gradFn?.parts ?? []).map((g) => Array.from(g.read().data)));
  // each step h_t and each direction's output carry the gates of the step(s): (T + T) per direction
  const G = kind === "lstm" ? 4 : kind === "gru" ? 3 : 0;
  expect(gates.length, "gate blocks").toBe(2 * 2 * 2 * T * G);
  const grads = [x, ...m.parameters()].map((p) => Array.from((p.grad as Tensor).data));
  return [Array.from(output.data), Array.from(h.data), ...gates, ...grads];
}

/** The registered wasm backend. */
function wasmBackend(): Backend {
  setBackend("wasm");
  return getBackend();
}

describeWasm("the fused recurrence with every row live at every step", () => {
  const before = getBackend();
  afterEach(() => void setBackend(before));

  for (const kind of KINDS) {
    it(`${kind}: one sequence call per direction, and the same bits as step-by-step calls (outputs, gates, gradients)`, () => {
      const wasm = wasmBackend();
      const whole = { n: 0 };
      const got = runLayer(kind, counting(wasm, whole, false), null);
      expect(whole.n).toBe(4);
      const stepwise = { n: 0 };
      const want = runLayer(kind, counting(wasm, stepwise, true), null);
      expect(got.length).toBe(want.length);
      got.forEach((x, i) => expect(x, `array ${i}`).toEqual(want[i]));
    });

    it(`${kind}: one sequence backward call per direction, with the bits of one backward per step node (a hook on a step runs those)`, () => {
      const wasm = wasmBackend();
      const whole = { n: 0, back: 0 };
      const got = runLayer(kind, counting(wasm, whole, false), null);
      expect(whole.back).toBe(4);
      const hooked = { n: 0, back: 0 };
      const want = runLayer(kind, counting(wasm, hooked, false), null, "float32", true);
      expect(hooked.back).toBe(3);
      got.forEach((x, i) => expect(x, `array ${i}`).toEqual(want[i]));
    });

    it(`${kind}: grad() of an inner step h_t is the whole dL/dh_t, as a hook on it sees`, () => {
      setBackend(wasmBackend());
      const m = layer(kind, 3, 19, "float32");
      manualSeed(23);
      const x = randn([7, 5, 3], { requiresGrad: true });
      const seen: Tensor[] = [];
      for (const hook of [false, true]) {
        const { output, h } = m.forward(x);
        const step = tensorsOf(output).filter((t) => t.gradFn?.op.endsWith("_cell") === true)[3] as Tensor;
        if (hook) step.registerHook((g) => void seen.push(g.clone()));
        const loss = output.mul(output).sum().add(h.sum());
        if (hook) loss.backward();
        else seen.push(grad(loss, step)[0] as Tensor);
      }
      expect(seen.length).toBe(2);
      expect(Array.from((seen[0] as Tensor).data)).toEqual(Array.from((seen[1] as Tensor).data));
    });

    it(`${kind}: lengths all T run the sequence path with the results of no lengths; a shorter one runs step by step`, () => {
      const wasm = wasmBackend();
      const calls = { n: 0 };
      const plain = runLayer(kind, counting(wasm, calls, false), null);
      calls.n = 0;
      const full = runLayer(kind, counting(wasm, calls, false), [7, 7, 7, 7, 7]);
      expect(calls.n).toBe(4);
      full.forEach((x, i) => expect(x, `array ${i}`).toEqual(plain[i]));
      calls.n = 0;
      const ragged = runLayer(kind, counting(wasm, calls, false), [7, 7, 3, 7, 7]);
      expect(calls.n).toBe(0);
      expect(ragged[0]).not.toEqual(plain[0]);
    });
  }

  it("float64 on the js backend: the sequence path gives the bits of step-by-step calls", () => {
    setBackend("js");
    const js = getBackend();
    for (const kind of KINDS) {
      const got = runLayer(kind, counting(js, { n: 0 }, false), null, "float64");
      const want = runLayer(kind, counting(js, { n: 0 }, true), null, "float64");
      got.forEach((x, i) => expect(x, `${kind} array ${i}`).toEqual(want[i]));
    }
  });
});
