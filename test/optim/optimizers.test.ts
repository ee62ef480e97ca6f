import { describe, expect, it } from "vitest";
import { Tensor, tensor, optim } from "../../src";
import { loadFixture, maxAbsDiff } from "./fixture";

interface Step { loss: number; w: number[]; b: number[] }
interface Case { name: string; cls: string; options: Record<string, unknown>; groups: boolean; steps: Step[] }
interface Fixture {
  problem: { A: number[]; y: number[]; c: number[]; w0: number[]; b0: number[] };
  optimizers: Case[];
}

const fx = loadFixture<Fixture>("optim.json");
const f64 = { dtype: "float64" as const };
const A = tensor(Float64Array.from(fx.problem.A), { shape: [4, 3] });
const y = tensor(Float64Array.from(fx.problem.y), { shape: [4, 2] });
const c = tensor(Float64Array.from(fx.problem.c), f64);

function lossOf(w: Tensor, b: Tensor): Tensor {
  return A.matmul(w).sub(y).pow(2).sum().add(b.tanh().mul(c).sum());
}

type Params = Tensor[] | Array<{ params: Tensor[]; lr?: number }>;

function make(cls: string, params: Params, options: Record<string, unknown>): optim.OptimizerLike {
  switch (cls) {
    case "SGD": return new optim.SGD(params, options);
    case "Adam": return new optim.Adam(params, options);
    case "AdamW": return new optim.AdamW(params, options);
    case "RMSprop": return new optim.RMSprop(params, options);
    case "Adagrad": return new optim.Adagrad(params, options);
    default: throw new Error(`unknown optimizer ${cls}`);
  }
}

function fresh(): [Tensor, Tensor] {
  return [
    tensor(Float64Array.from(fx.problem.w0), { shape: [3, 2], requiresGrad: true }),
    tensor(Float64Array.from(fx.problem.b0), { requiresGrad: true }),
  ];
}

describe("optimizers follow PyTorch's trajectories in float64", () => {
  for (const cs of fx.optimizers) {
    it(`${cs.name} matches torch.optim.${cs.cls} over ${cs.steps.length} steps`, () => {
      const [w, b] = fresh();
      const lr = cs.options.lr as number;
      const params: Params = cs.groups ? [{ params: [w] }, { params: [b], lr: lr * 0.5 }] : [w, b];
      const opt = make(cs.cls, params, cs.options);
      for (const expected of cs.steps) {
        opt.zeroGrad();
        const loss = lossOf(w, b);
        loss.backward();
        opt.step();
        expect(Math.abs(loss.item() - expected.loss)).toBeLessThan(1e-10);
        expect(maxAbsDiff(w.data, expected.w)).toBeLessThan(1e-10);
        expect(maxAbsDiff(b.data, expected.b)).toBeLessThan(1e-10);
      }
    });
  }
});

describe("optimizer state dicts", () => {
  it("resume an Adam run exactly where it stopped", () => {
    const cs = fx.optimizers.find((o) => o.name === "adam amsgrad weight decay");
    if (cs === undefined) throw new Error("fixture case missing");
    const [w, b] = fresh();
    const opt = new optim.Adam([w, b], cs.options);
    for (let i = 0; i < 3; i++) {
      opt.zeroGrad();
      lossOf(w, b).backward();
      opt.step();
    }
    const saved = opt.stateDict();
    expect(saved.state["0"]?.step).toBe(3);
    expect(Object.keys(saved.state["0"] ?? {}).sort()).toEqual(["exp_avg", "exp_avg_sq", "max_exp_avg_sq", "step"]);
    const w2 = tensor(w.data.slice(), { shape: [3, 2], requiresGrad: true });
    const b2 = tensor(b.data.slice(), { requiresGrad: true });
    const opt2 = new optim.Adam([w2, b2], { lr: 1 });
    opt2.loadStateDict(saved);
    expect(opt2.paramGroups[0]?.lr).toBe(cs.options.lr);
    for (let i = 3; i < cs.steps.length; i++) {
      opt2.zeroGrad();
      lossOf(w2, b2).backward();
      opt2.step();
      expect(maxAbsDiff(w2.data, cs.steps[i]?.w ?? [])).toBeLessThan(1e-10);
      expect(maxAbsDiff(b2.data, cs.steps[i]?.b ?? [])).toBeLessThan(1e-10);
    }
  });

  it("are copies: stepping after stateDict() does not change the saved buffers", () => {
    const [w, b] = fresh();
    const opt = new optim.SGD([w, b], { lr: 0.1, momentum: 0.9 });
    lossOf(w, b).backward();
    opt.step();
    const saved = opt.stateDict();
    const before = (saved.state["0"]?.momentum_buffer as Tensor).data.slice();
    opt.step();
    expect([...(saved.state["0"]?.momentum_buffer as Tensor).data]).toEqual([...before]);
  });

  it("rejects a state whose buffers have the wrong shape and changes nothing", () => {
    const [w, b] = fresh();
    const opt = new optim.SGD([w, b], { lr: 0.1, momentum: 0.9 });
    const bad = { state: { "0": { momentum_buffer: tensor([1, 2]) } }, paramGroups: [{ lr: 0.5, momentum: 0.9, params: [0, 1] }] };
    expect(() => opt.loadStateDict(bad)).toThrow(/SGD.loadStateDict: state 0.momentum_buffer must have its parameter's shape; expected \[3, 2\], got \[2\]/);
    expect(opt.paramGroups[0]?.lr).toBe(0.1);
  });
});

describe("optimizer bad input", () => {
  const p = (): Tensor => tensor([1, 2], { requiresGrad: true });
  it("names an unknown option", () => {
    const sgdTypo: Record<string, number> = { lr: 0.1, weight_decay: 0.1 };
    const adamTypo: Record<string, number> = { beta1: 0.9 };
    const groupTypo: { params: Tensor[] } & Record<string, unknown> = { params: [p()], lrr: 1 };
    expect(() => new optim.SGD([p()], sgdTypo)).toThrow(/SGD: unknown option "weight_decay"/);
    expect(() => new optim.Adam([p()], adamTypo)).toThrow(/Adam: unknown option "beta1"/);
    expect(() => new optim.SGD([groupTypo])).toThrow(/SGD.addParamGroup: unknown option "lrr"/);
  });
  it("rejects out-of-range hyperparameters", () => {
    expect(() => new optim.SGD([p()], { lr: -1 })).toThrow(/SGD: lr must be a finite number >= 0; got -1/);
    expect(() => new optim.Adam([p()], { betas: [0.9, 1] })).toThrow(/Adam: betas\[1\] must be a finite number in \[0, 1\); got 1/);
    expect(() => new optim.SGD([p()], { nesterov: true })).toThrow(/SGD: nesterov needs momentum > 0/);
  });
  it("rejects empty, duplicated, non-leaf and integer parameters", () => {
    expect(() => new optim.SGD([])).toThrow(/SGD: got an empty parameter list/);
    const q = p();
    expect(() => new optim.SGD([{ params: [q] }, { params: [q] }])).toThrow(/appears in more than one group/);
    expect(() => new optim.SGD([q, q])).toThrow(/params\[1\] of shape .* appears twice in the list \(a tied parameter\? model\.parameters\(\) yields it once\)/);
    expect(() => new optim.SGD([q.mul(2)])).toThrow(/is not a leaf/);
    expect(() => new optim.SGD([tensor([1, 2], { dtype: "int32" })])).toThrow(/must be float32 or float64; got int32 of shape \[2\]/);
  });
  it("skips parameters without a gradient and clears gradients with zeroGrad", () => {
    const a = p();
    const b = p();
    const opt = new optim.Adam([a, b], { lr: 0.1 });
    a.mul(a).sum().backward();
    opt.step();
    expect([...b.data]).toEqual([1, 2]);
    expect(a.data[0]).not.toBe(1);
    expect(opt.state.has(b)).toBe(false);
    opt.zeroGrad();
    expect(a.grad).toBeNull();
  });
  it("updates float32 parameters in place", () => {
    const a = tensor([1, -2, 3], { requiresGrad: true });
    const data = a.data;
    const opt = new optim.SGD([a], { lr: 0.5 });
    a.sum().backward();
    opt.step();
    expect(a.data).toBe(data);
    expect([...a.data]).toEqual([0.5, -2.5, 2.5]);
  });
});
