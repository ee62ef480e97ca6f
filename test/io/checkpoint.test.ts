import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Generator, Tensor, getRngState, io, loss, manualSeed, nn, optim, randint, randn } from "../../src";

const dir = mkdtempSync(join(tmpdir(), "seqgrad-ckpt-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function makeModel(): nn.LSTM {
  manualSeed(11);
  return new nn.LSTM({ inputSize: 3, hiddenSize: 5, dtype: "float64" });
}

function trainStep(model: nn.LSTM, opt: optim.OptimizerLike): number {
  const x = randn([4, 2, 3], { dtype: "float64" });
  const t = randint(0, 5, [4, 2]);
  opt.zeroGrad();
  const l = loss.crossEntropy(model.forward(x).output, t);
  l.backward();
  opt.step();
  return l.item();
}

describe("checkpoints", () => {
  it("resume training exactly: weights, Adam state, step, RNG and extra data", () => {
    const model = makeModel();
    const opt = new optim.Adam(model.parameters(), { lr: 0.01, amsgrad: true });
    for (let i = 0; i < 3; i++) trainStep(model, opt);
    const path = join(dir, "resume.safetensors");
    io.saveCheckpoint(path, { model, optimizer: opt, step: 3, extra: { vocab: ["a", "b"], best: 1.5 } });
    const rngAtSave = getRngState();
    const straight = [trainStep(model, opt), trainStep(model, opt)];

    manualSeed(999);
    const model2 = makeModel();
    const opt2 = new optim.Adam(model2.parameters(), { lr: 0.5 });
    const loaded = io.loadCheckpoint(path, { model: model2, optimizer: opt2 });
    expect(loaded.step).toBe(3);
    expect(loaded.extra).toEqual({ vocab: ["a", "b"], best: 1.5 });
    expect(getRngState().slice(0, 4)).toEqual(rngAtSave.slice(0, 4));
    expect(opt2.paramGroups[0]?.lr).toBe(0.01);
    expect(opt2.paramGroups[0]?.amsgrad).toBe(true);
    const resumed = [trainStep(model2, opt2), trainStep(model2, opt2)];
    expect(resumed).toEqual(straight);
    for (const [name, p] of Object.entries(model.stateDict())) expect([...(model2.stateDict()[name]?.data ?? [])]).toEqual([...p.data]);
  });

  it("restore a given generator instead of the default one on request", () => {
    const gen = new Generator(5);
    gen.uniform();
    const path = join(dir, "rng.safetensors");
    io.saveCheckpoint(path, { rng: gen, step: 7 });
    const expected = gen.uniform();
    const other = new Generator(0);
    const before = getRngState();
    io.loadCheckpoint(path, { rng: other });
    expect(other.uniform()).toBe(expected);
    expect(getRngState()).toEqual(before);
  });

  it("leave the previous checkpoint readable when a save fails halfway through writing", () => {
    const model = makeModel();
    const path = join(dir, "crash.safetensors");
    io.saveCheckpoint(path, { model, step: 1 });
    // the second save dies after the header and some tensors reached the temporary file
    const broken = makeModel();
    const dict = broken.stateDict();
    // tensors are written sorted by name: bias_hh_l0 and bias_ih_l0 go out before weight_hh_l0
    const victim = dict.weight_hh_l0 as Tensor;
    const data = victim.data;
    let reads = 0;
    Object.defineProperty(victim, "data", {
      get: () => {
        reads += 1;
        // first read: its size, for the header; second: its bytes, after the header and two tensors
        if (reads > 1) throw new Error("disk full");
        return data;
      },
    });
    const failing = { stateDict: () => dict, loadStateDict: () => undefined };
    expect(() => io.saveCheckpoint(path, { model: failing, step: 2 })).toThrow(/disk full/);
    expect(reads).toBe(2);
    const restored = makeModel();
    const loaded = io.loadCheckpoint(path, { model: restored });
    expect(loaded.step).toBe(1);
    expect(readdirSync(dir).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });

  it("ignore a temporary file left by a process killed during a save", () => {
    const model = makeModel();
    const path = join(dir, "killed.safetensors");
    io.saveCheckpoint(path, { model, step: 4 });
    writeFileSync(join(dir, ".killed.safetensors.tmp-12345-0-0"), new Uint8Array([1, 2, 3]));
    expect(io.loadCheckpoint(path, { model: makeModel() }).step).toBe(4);
    io.saveCheckpoint(path, { model, step: 5 });
    expect(io.loadCheckpoint(path).step).toBe(5);
  });

  it("reject files that are not checkpoints, missing optimizer state and unknown options", () => {
    const plain = join(dir, "plain.safetensors");
    io.saveSafetensors(plain, { a: randn([2]) });
    expect(() => io.loadCheckpoint(plain)).toThrow(/loadCheckpoint: .* is not a seqgrad checkpoint; expected __metadata__.format "seqgrad-checkpoint", got undefined/);
    const path = join(dir, "noopt.safetensors");
    const model = makeModel();
    io.saveCheckpoint(path, { model });
    const opt = new optim.SGD(model.parameters(), { lr: 0.1 });
    expect(() => io.loadCheckpoint(path, { optimizer: opt })).toThrow(/holds no optimizer state/);
    const typo: Record<string, number> = { epoch: 3 };
    expect(() => io.saveCheckpoint(path, typo)).toThrow(/saveCheckpoint: unknown option "epoch"; expected one of model, optimizer, scheduler, step, rng, extra, got epoch$/);
  });

  it("refuse to load weights of another shape and leave the model unchanged", () => {
    const path = join(dir, "shape.safetensors");
    io.saveCheckpoint(path, { model: makeModel() });
    const other = new nn.LSTM({ inputSize: 3, hiddenSize: 6, dtype: "float64" });
    const before = other.stateDict().weight_hh_l0?.data.slice();
    expect(() => io.loadCheckpoint(path, { model: other })).toThrow(/weight_hh_l0: expected \[24, 6\], got \[20, 5\]/);
    expect([...(other.stateDict().weight_hh_l0?.data ?? [])]).toEqual([...(before ?? [])]);
  });

  it("leave model and optimizer unchanged when the optimizer state of a checkpoint does not fit", () => {
    const path = join(dir, "badopt.safetensors");
    const saved = makeModel();
    const savedOpt = new optim.SGD(saved.parameters(), { lr: 0.1 });
    io.saveCheckpoint(path, { model: saved, optimizer: savedOpt });
    const model = makeModel();
    for (const p of model.parameters()) p.data[0] = 42; // differs from the checkpoint, so a load would show
    const before = [...(model.stateDict().weight_hh_l0?.data ?? [])];
    const other = new optim.SGD([...model.parameters()].slice(1), { lr: 0.5 });
    expect(() => io.loadCheckpoint(path, { model, optimizer: other })).toThrow();
    expect([...(model.stateDict().weight_hh_l0?.data ?? [])]).toEqual(before);
    expect(other.paramGroups[0]?.lr).toBe(0.5);
  });
});
