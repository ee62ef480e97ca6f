import { afterEach, describe, expect, it } from "vitest";
import { Tensor, manualSeed, nn, randn } from "../../src";
import { getBackend, listBackends, setBackend } from "../../src/backend";

const describeWasm = listBackends().includes("wasm") ? describe : describe.skip;

/** The step tensors h_t of the fused recurrence behind `output` (the inputs of its output node). */
function stepTensors(output: Tensor): Tensor[] {
  const node = output.gradFn;
  if (node === null) throw new Error("expected a recorded output");
  return node.inputs.filter((t) => t.gradFn?.op === "lstm_cell");
}

/** h W_hh^T through the backend's GEMM, handing it W_hh's own array (as the recurrence does). */
function product(h: Float32Array, w: Float32Array, B: number, H: number): Float32Array {
  const out = new Float32Array(B * 4 * H);
  getBackend().gemm(false, true, B, 4 * H, H, 1, h, 0, H, w, 0, H, 0, out, 0, 4 * H);
  return out;
}

describeWasm("W_hh kept resident by the fused LSTM's backward", () => {
  const before = getBackend();
  afterEach(() => void setBackend(before));

  it("is released when the backward pass fails midway, so later products see an updated W_hh", () => {
    setBackend("wasm");
    manualSeed(3);
    const [T, B, H] = [6, 4, 8];
    const lstm = new nn.LSTM({ inputSize: 5, hiddenSize: H });
    const x = randn([T, B, 5]);
    const { output } = lstm.forward(x);
    const steps = stepTensors(output);
    expect(steps.length).toBe(T);
    const hook = steps[2]?.registerHook(() => {
      throw new Error("hook failed");
    });
    expect(() => output.sum().backward()).toThrow("hook failed");
    hook?.remove();

    // an optimizer-like in-place change of W_hh, then a product outside any recurrence
    const w = lstm.weight_hh_l0.data as Float32Array;
    for (let i = 0; i < w.length; i++) w[i] = (w[i] as number) + 0.25;
    const h = Float32Array.from({ length: B * H }, (_, i) => Math.sin(i));
    const got = product(h, w, B, H);
    setBackend("js");
    const want = product(h, w, B, H);
    for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i] as number, 4);
  });

  it("a retry after the failure gives the gradients of a clean pass", () => {
    setBackend("wasm");
    manualSeed(4);
    const lstm = new nn.LSTM({ inputSize: 3, hiddenSize: 6 });
    const x = randn([5, 2, 3]);
    const first = lstm.forward(x).output;
    const hook = stepTensors(first)[1]?.registerHook(() => {
      throw new Error("hook failed");
    });
    expect(() => first.sum().backward({ retainGraph: true })).toThrow("hook failed");
    hook?.remove();
    lstm.zeroGrad();
    first.sum().backward();
    const retried = [...lstm.parameters()].map((p) => Array.from(p.grad?.data ?? []));
    lstm.zeroGrad();
    lstm.forward(x).output.sum().backward();
    const clean = [...lstm.parameters()].map((p) => Array.from(p.grad?.data ?? []));
    expect(retried).toEqual(clean);
  });
});
