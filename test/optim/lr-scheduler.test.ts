import { describe, expect, it } from "vitest";
import { tensor, optim } from "../../src";
import { loadFixture, maxAbsDiff } from "./fixture";

interface SchedCase { cls: string; options: Record<string, unknown>; metrics?: number[]; lrs: number[][] }

const cases = loadFixture<{ schedulers: SchedCase[] }>("optim.json").schedulers;

function optimizer(): optim.SGD {
  const a = tensor([0], { requiresGrad: true });
  const b = tensor([0], { requiresGrad: true });
  return new optim.SGD([{ params: [a] }, { params: [b], lr: 0.3 }], { lr: 1 });
}

describe("learning-rate schedules follow torch.optim.lr_scheduler", () => {
  for (const cs of cases) {
    it(`${cs.cls} ${JSON.stringify(cs.options)} gives PyTorch's rates`, () => {
      const opt = optimizer();
      const got: number[][] = [opt.paramGroups.map((g) => g.lr)];
      if (cs.cls === "ReduceLROnPlateau") {
        const sched = new optim.ReduceLROnPlateau(opt, cs.options);
        for (const m of cs.metrics ?? []) {
          sched.step(m);
          got.push(sched.getLastLr());
        }
      } else {
        const sched =
          cs.cls === "StepLR" ? new optim.StepLR(opt, cs.options as { stepSize: number; gamma: number })
          : cs.cls === "ExponentialLR" ? new optim.ExponentialLR(opt, cs.options as { gamma: number })
          : new optim.CosineAnnealingLR(opt, cs.options as { tMax: number; etaMin: number });
        for (let e = 1; e < cs.lrs.length; e++) {
          sched.step();
          got.push(sched.getLastLr());
        }
      }
      expect(got.length).toBe(cs.lrs.length);
      got.forEach((lrs, e) => expect(maxAbsDiff(lrs, cs.lrs[e] ?? [])).toBeLessThan(1e-12));
    });
  }

  it("restores a schedule from its state dict", () => {
    const opt = optimizer();
    const sched = new optim.StepLR(opt, { stepSize: 2, gamma: 0.5 });
    for (let i = 0; i < 3; i++) sched.step();
    const saved = sched.stateDict();
    const opt2 = optimizer();
    opt2.loadStateDict(opt.stateDict());
    const sched2 = new optim.StepLR(opt2, { stepSize: 2, gamma: 0.5 });
    sched2.loadStateDict(saved);
    sched.step();
    sched2.step();
    expect(sched2.getLastLr()).toEqual(sched.getLastLr());
    expect(sched2.lastEpoch).toBe(4);
  });

  it("resumes ReduceLROnPlateau from its state dict", () => {
    const opt = optimizer();
    const sched = new optim.ReduceLROnPlateau(opt, { patience: 1 });
    for (const m of [1, 1, 1]) sched.step(m);
    const opt2 = optimizer();
    opt2.loadStateDict(opt.stateDict());
    const sched2 = new optim.ReduceLROnPlateau(opt2, { patience: 1 });
    sched2.loadStateDict(sched.stateDict());
    for (const m of [1, 1]) {
      sched.step(m);
      sched2.step(m);
    }
    expect(sched2.getLastLr()).toEqual(sched.getLastLr());
    expect(sched2.getLastLr()[0]).toBeCloseTo(0.01, 12);
  });

  it("rejects unknown options and bad values", () => {
    const typo: { stepSize: number } & Record<string, number> = { stepSize: 2, step_size: 2 };
    expect(() => new optim.StepLR(optimizer(), { stepSize: 0 })).toThrow(/StepLR: stepSize must be an integer >= 1; got 0/);
    expect(() => new optim.StepLR(optimizer(), typo)).toThrow(/StepLR: unknown option "step_size"/);
    expect(() => new optim.ReduceLROnPlateau(optimizer(), { mode: "up" as "min" })).toThrow(/ReduceLROnPlateau: mode must be "min" or "max"; got up/);
    expect(() => new optim.ReduceLROnPlateau(optimizer(), { minLr: [0.1] })).toThrow(/one value per parameter group; expected 2, got 1/);
  });
});
