import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { io, nn, optim } from "../../src";

describe("LambdaLR", () => {
  it("sets each group's rate to base * lambda(t), applying lambda(0) at construction as PyTorch does", () => {
    const model = new nn.Linear(2, 2);
    const opt = new optim.SGD(model.parameters(), { lr: 0.5 });
    const sched = new optim.LambdaLR(opt, { lrLambda: (t) => Math.min(1, (t + 1) / 4) });
    const seen = [opt.paramGroups[0]?.lr];
    for (let i = 0; i < 5; i++) {
      sched.step();
      seen.push(opt.paramGroups[0]?.lr);
    }
    expect(seen).toEqual([0.125, 0.25, 0.375, 0.5, 0.5, 0.5]);
    expect(sched.getLastLr()).toEqual([0.5]);
  });

  it("takes one function per group, and rejects a wrong count or a non-finite factor without moving on", () => {
    const model = new nn.Linear(2, 2);
    const opt = new optim.SGD([{ params: [model.weight] }, { params: [model.bias as nn.Parameter], lr: 1 }], { lr: 0.1 });
    const sched = new optim.LambdaLR(opt, { lrLambda: [() => 1, (t) => (t < 1 ? 0.5 : NaN)] });
    expect(opt.paramGroups.map((g) => g.lr)).toEqual([0.1, 0.5]);
    expect(() => sched.step()).toThrow(/^LambdaLR: lrLambda must return a finite number; got NaN at epoch 1 for group 1/);
    expect(sched.lastEpoch).toBe(0);
    expect(() => new optim.LambdaLR(opt, { lrLambda: [() => 1] })).toThrow(/^LambdaLR: lrLambda must be a function or one function per parameter group; expected 2, got 1/);
  });
});

describe("checkpoints with a scheduler", () => {
  it("save and restore a scheduler's counters, so the schedule resumes where it stopped", () => {
    const dir = mkdtempSync(join(tmpdir(), "seqgrad-sched-"));
    try {
      const make = () => {
        const model = new nn.Linear(2, 1);
        const opt = new optim.Adam(model.parameters(), { lr: 1e-3 });
        return { model, opt, sched: new optim.LambdaLR(opt, { lrLambda: (t) => 0.9 ** t }) };
      };
      const a = make();
      for (let i = 0; i < 3; i++) a.sched.step();
      const plateau = new optim.ReduceLROnPlateau(a.opt);
      io.saveCheckpoint(join(dir, "a.safetensors"), { model: a.model, optimizer: a.opt, scheduler: a.sched, step: 3 });
      io.saveCheckpoint(join(dir, "p.safetensors"), { model: a.model, scheduler: plateau });
      const b = make();
      const loaded = io.loadCheckpoint(join(dir, "a.safetensors"), { model: b.model, optimizer: b.opt, scheduler: b.sched });
      expect(b.sched.lastEpoch).toBe(3);
      expect(loaded.schedulerState).toEqual(a.sched.stateDict());
      a.sched.step();
      b.sched.step();
      expect(b.opt.paramGroups[0]?.lr).toBe(a.opt.paramGroups[0]?.lr);
      // a plateau scheduler's best is Infinity before any metric: it survives the JSON round trip
      const p2 = new optim.ReduceLROnPlateau(b.opt);
      io.loadCheckpoint(join(dir, "p.safetensors"), { scheduler: p2 });
      expect(p2.stateDict().best).toBe(Infinity);
      expect(() => io.loadCheckpoint(join(dir, "p.safetensors"), { scheduler: b.sched, optimizer: b.opt })).toThrow(/holds no optimizer state/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
