import { describe, expect, it } from "vitest";
import { AutogradError, Tensor, crossEntropy, getBackend, manualSeed, nn, noGrad, optim, randint, randn, viz } from "../../src";
import { WASM_BACKEND } from "../../src/backend";
import { lifeOf } from "../../src/backend/wasm/storage";

const storage = WASM_BACKEND?.storage ?? null;
const describeStorage = storage === null || getBackend() !== WASM_BACKEND ? describe.skip : describe;
const MiB = 2 ** 20;

/** A char-LM of the bench's size (V65 E64 H256, batch 32 x 64 steps) and one synchronous training step of it. */
function charLM(): () => { loss: Tensor; logits: Tensor; output: Tensor } {
  manualSeed(0);
  const emb = new nn.Embedding(65, 64);
  const lstm = new nn.LSTM({ inputSize: 64, hiddenSize: 256 });
  const head = new nn.Linear(256, 65);
  const opt = new optim.Adam([...emb.parameters(), ...lstm.parameters(), ...head.parameters()], { lr: 1e-3 });
  const x = randint(0, 65, [64, 32], { dtype: "int32" });
  const y = randint(0, 65, [64 * 32], { dtype: "int32" });
  return () => {
    const output = lstm.forward(emb.forward(x)).output;
    const logits = head.forward(output);
    const loss = crossEntropy(logits.reshape([64 * 32, 65]), y);
    opt.zeroGrad();
    loss.backward();
    opt.step();
    return { loss, logits, output };
  };
}

// A loop that never yields never runs the collector's callbacks: only storage given back
// explicitly returns (autograd/retired.ts, backend/wasm/storage.ts).
describeStorage("the storage of a training loop that never yields", () => {
  it("stays flat over synchronous char-LM steps, with no copy between JavaScript arrays and wasm memory", () => {
    const step = charLM();
    const transfers = () => getBackend().transfers?.().copies ?? 0;
    const after: number[] = [];
    const copies: number[] = [];
    for (let i = 0; i < 10; i++) {
      const before = transfers();
      step();
      copies.push(transfers() - before);
      after.push((storage?.bytes ?? 0) / MiB);
    }
    // one step makes about 15 MiB; half the 128 MiB bound is kept, then older steps go back
    expect(copies.slice(2)).toEqual(copies.slice(2).map(() => 0));
    const late = after.slice(6);
    expect(Math.max(...late) - Math.min(...late)).toBeLessThan(1);
    expect(Math.max(...late)).toBeLessThan(80);
  });

  it("keeps a step's tensors readable after its backward; given back later, they throw by name, while a detached one keeps its values", () => {
    const step = charLM();
    const first = step();
    const logits = Array.from(first.logits.data.subarray(0, 8));
    const firstLoss = first.loss.item();
    expect(firstLoss).toBeGreaterThan(0);
    const kept = first.output.detach();
    const keptValues = Array.from(kept.data.subarray(0, 8));
    for (let i = 0; i < 6; i++) step();
    expect(() => first.logits.data[0]).toThrow(AutogradError);
    expect(() => first.logits.sum()).toThrow(/Tensor \[64, 32, 65\] float32 \(linear\): its storage was given back after backward\(\)/);
    expect(() => first.logits.data[0]).toThrow(/x\.detach\(\)/);
    expect(Array.from(kept.data.subarray(0, 8))).toEqual(keptValues);
    expect(logits.every((v) => Number.isFinite(v))).toBe(true);
    // a loss (one element, on the JavaScript heap) of any earlier step stays readable
    expect(first.loss.item()).toBe(firstLoss);
  });

  it("keeps a small head's bias and its gradient's column sums in storage: a small model's step copies nothing", () => {
    manualSeed(2);
    const head = new nn.Linear(16, 30); // a bias of 30 floats (120 bytes): a kernels' operand
    const x = randn([64, 16]);
    const y = randint(0, 30, [64], { dtype: "int32" });
    crossEntropy(head.forward(x), y).backward();
    const before = getBackend().transfers?.().copies ?? 0;
    const loss = crossEntropy(head.forward(x), y);
    loss.backward();
    expect(getBackend().transfers?.().copies ?? 0).toBe(before);
    expect(lifeOf(head.bias?.data as Float32Array)).not.toBeNull();
    expect(Number.isFinite(loss.item())).toBe(true);
  });

  it("draws the gates of a step after its backward while they are kept, and names what to do once they were given back", () => {
    manualSeed(1);
    const lstm = new nn.LSTM({ inputSize: 16, hiddenSize: 32 });
    const xs = randn([8, 4, 16]);
    const out = lstm.forward(xs).output;
    out.sum().backward();
    expect(viz.gates(out).payload.gates.length).toBeGreaterThan(0);
    const step = charLM();
    for (let i = 0; i < 6; i++) step();
    expect(() => viz.gates(out)).toThrow(/lstm\.l0: the gate gate_\w of step \d+ was computed in a graph that backward\(\) released/);
    // a forward under noGrad records nothing, and nothing of it is given back
    const quiet = noGrad(() => lstm.forward(xs).output);
    for (let i = 0; i < 4; i++) step();
    expect(Number.isFinite(quiet.data[0] as number)).toBe(true);
  });
});
