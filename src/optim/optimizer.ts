import { retire } from "../autograd/retired";
import { DTypeError, ShapeError, ValueError } from "../errors";
import { allocate, isFloating } from "../tensor/dtype";
import { formatShape, sameShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { checkKnownOptions } from "./options";

/** A hyperparameter value: a number, a flag, or a pair such as Adam's betas. */
export type HyperValue = number | boolean | readonly [number, number];

/** Hyperparameters of one optimizer, e.g. `{ lr, momentum }`. */
export type Hyper = Record<string, HyperValue>;

/** A parameter group as given by the user: its tensors and any hyperparameters it overrides. */
export type ParamGroupInput<H extends Hyper> = { params: Iterable<Tensor> } & Partial<H>;

/** A parameter group as stored: tensors plus every hyperparameter (defaults filled in). */
export type ParamGroup<H extends Hyper> = H & { params: Tensor[] };

/** Per-parameter optimizer state: buffers (tensors shaped like the parameter) and counters. */
export type ParamState = Record<string, Tensor | number>;

/**
 * An optimizer's state in PyTorch's layout: parameters are numbered in group order, `state`
 * maps that number to its buffers, `paramGroups` lists each group's hyperparameters and numbers.
 */
export interface OptimizerStateDict {
  state: Record<string, ParamState>;
  paramGroups: Array<Record<string, HyperValue | number[]>>;
}

/** What training loops and checkpoints need from any optimizer, whatever its hyperparameters. */
export interface OptimizerLike {
  readonly paramGroups: ReadonlyArray<{ lr: number; params: Tensor[] }>;
  step(): void;
  zeroGrad(): void;
  stateDict(): OptimizerStateDict;
  loadStateDict(dict: OptimizerStateDict): void;
}

/**
 * Base of every optimizer: parameter groups, `zeroGrad`, `step` and state dicts.
 *
 * Subclasses implement `update(param, grad, group, state)`, which changes `param.data` in place
 * with raw loops over the typed arrays (no graph is recorded, as under PyTorch's `no_grad`).
 */
export abstract class Optimizer<H extends Hyper & { lr: number }> implements OptimizerLike {
  /** The parameter groups, each with its own hyperparameters (schedulers change `lr` here). */
  readonly paramGroups: Array<ParamGroup<H>> = [];
  /** Buffers and counters of each parameter, created on its first update. */
  readonly state = new Map<Tensor, ParamState>();
  /** Hyperparameters used where a group does not say otherwise. */
  readonly defaults: H;
  private readonly name: string;

  protected constructor(name: string, params: Iterable<Tensor> | Iterable<ParamGroupInput<H>>, defaults: H) {
    this.name = name;
    this.defaults = defaults;
    const list = [...params];
    if (list.length === 0) throw new ValueError(`${name}: got an empty parameter list; expected at least one tensor`);
    if (list.every((p) => p instanceof Tensor)) {
      this.addGroup(list as Tensor[], {});
    } else if (list.every((p) => !(p instanceof Tensor))) {
      for (const g of list as Array<ParamGroupInput<H>>) this.addParamGroup(g);
    } else {
      throw new ValueError(`${name}: params must be all tensors or all parameter groups; got a mix`);
    }
  }

  /** Adds a group of parameters with its own hyperparameters (e.g. a smaller `lr` for embeddings). */
  addParamGroup(group: ParamGroupInput<H>): void {
    const { params, ...hyper } = group;
    this.addGroup(params, hyper);
  }

  private addGroup(params: Iterable<Tensor>, hyper: object): void {
    checkKnownOptions(`${this.name}.addParamGroup`, hyper, Object.keys(this.defaults));
    const tensors = [...params];
    const seen = new Set(this.paramGroups.flatMap((g) => g.params));
    const inThisList = new Set<Tensor>();
    tensors.forEach((p, i) => {
      if (!(p instanceof Tensor)) throw new ValueError(`${this.name}: params[${i}] must be a Tensor; got ${typeof p}`);
      if (!isFloating(p.dtype)) throw new DTypeError(`${this.name}: params[${i}] must be float32 or float64; got ${p.dtype} of shape ${formatShape(p.shape)}`);
      if (!p.isLeaf) throw new ValueError(`${this.name}: params[${i}] of shape ${formatShape(p.shape)} is not a leaf; optimize leaves (parameters), not results of ops`);
      if (inThisList.has(p)) {
        throw new ValueError(`${this.name}: params[${i}] of shape ${formatShape(p.shape)} appears twice in the list (a tied parameter? model.parameters() yields it once)`);
      }
      if (seen.has(p)) throw new ValueError(`${this.name}: params[${i}] of shape ${formatShape(p.shape)} appears in more than one group`);
      inThisList.add(p);
    });
    const filled = { ...this.defaults, ...hyper } as H;
    this.validate(filled);
    this.paramGroups.push({ ...filled, params: tensors });
  }

  /** Clears every parameter's gradient (sets it to null, as PyTorch's `set_to_none=True`). */
  zeroGrad(): void {
    for (const g of this.paramGroups) {
      for (const p of g.params) {
        retire(p.grad); // its storage goes back when the storage runs short (autograd/retired.ts)
        p.grad = null;
      }
    }
  }

  /** Applies one update to every parameter that has a gradient; parameters without one are skipped. */
  step(): void {
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        const grad = p.grad;
        if (grad === null) continue;
        if (!sameShape(grad.shape, p.shape) || grad.dtype !== p.dtype) {
          throw new ShapeError(
            `${this.name}.step: gradient must match its parameter; expected ${formatShape(p.shape)} ${p.dtype}, ` +
              `got ${formatShape(grad.shape)} ${grad.dtype}`,
          );
        }
        let st = this.state.get(p);
        if (st === undefined) {
          st = {};
          this.state.set(p, st);
        }
        this.update(p, grad, group, st);
      }
    }
  }

  /** The state in PyTorch's layout (buffers are copies). Restore it with `loadStateDict`. */
  stateDict(): OptimizerStateDict {
    const state: Record<string, ParamState> = {};
    const paramGroups: Array<Record<string, HyperValue | number[]>> = [];
    let index = 0;
    for (const group of this.paramGroups) {
      const ids: number[] = [];
      for (const p of group.params) {
        const st = this.state.get(p);
        if (st !== undefined) state[String(index)] = copyState(st);
        ids.push(index++);
      }
      const { params: _params, ...hyper } = group;
      paramGroups.push({ ...(hyper as Record<string, HyperValue>), params: ids });
    }
    return { state, paramGroups };
  }

  /**
   * Restores hyperparameters and buffers from `stateDict()` of an optimizer over parameters of the
   * same shapes in the same order. Validates everything before changing anything.
   */
  loadStateDict(dict: OptimizerStateDict): void {
    const op = `${this.name}.loadStateDict`;
    if (dict.paramGroups.length !== this.paramGroups.length) {
      throw new ValueError(`${op}: number of parameter groups differs; expected ${this.paramGroups.length}, got ${dict.paramGroups.length}`);
    }
    const byIndex = new Map<number, Tensor>();
    const hypers: H[] = [];
    this.paramGroups.forEach((group, gi) => {
      const saved = dict.paramGroups[gi] ?? {};
      const { params: ids, ...hyper } = saved;
      if (!Array.isArray(ids) || ids.length !== group.params.length) {
        throw new ValueError(`${op}: group ${gi} must hold ${group.params.length} parameters; got ${Array.isArray(ids) ? ids.length : "none"}`);
      }
      checkKnownOptions(op, hyper, Object.keys(this.defaults));
      const filled = { ...this.defaults, ...hyper } as H;
      this.validate(filled);
      hypers.push(filled);
      group.params.forEach((p, k) => byIndex.set(ids[k] as number, p));
    });
    const restored = new Map<Tensor, ParamState>();
    for (const [key, st] of Object.entries(dict.state)) {
      const p = byIndex.get(Number(key));
      if (p === undefined) throw new ValueError(`${op}: state entry ${key} names no parameter; expected one of ${[...byIndex.keys()].join(", ")}`);
      for (const [name, v] of Object.entries(st)) {
        if (v instanceof Tensor && !sameShape(v.shape, p.shape)) {
          throw new ShapeError(`${op}: state ${key}.${name} must have its parameter's shape; expected ${formatShape(p.shape)}, got ${formatShape(v.shape)}`);
        }
      }
      restored.set(p, castState(st, p));
    }
    this.paramGroups.forEach((group, gi) => Object.assign(group, hypers[gi]));
    this.state.clear();
    for (const [p, st] of restored) this.state.set(p, st);
  }

  /** Checks a group's hyperparameters; throws a `ValueError` naming the optimizer. */
  protected abstract validate(hyper: H): void;

  /** Updates `param.data` in place from `grad`, reading and writing `state`. */
  protected abstract update(param: Tensor, grad: Tensor, group: ParamGroup<H>, state: ParamState): void;

  /** The buffer `key` of `state`, created as zeros (or a copy of `init`) on first use. */
  protected buffer(state: ParamState, key: string, param: Tensor, init?: Tensor): Tensor {
    const existing = state[key];
    if (existing instanceof Tensor) return existing;
    const data = allocate(param.dtype, param.numel);
    if (init !== undefined) data.set(init.data);
    const t = new Tensor(data, param.shape);
    state[key] = t;
    return t;
  }
}

function copyState(st: ParamState): ParamState {
  const out: ParamState = {};
  for (const [k, v] of Object.entries(st)) out[k] = v instanceof Tensor ? new Tensor(v.data.slice(), v.shape) : v;
  return out;
}

function castState(st: ParamState, p: Tensor): ParamState {
  const out: ParamState = {};
  for (const [k, v] of Object.entries(st)) {
    if (v instanceof Tensor) {
      const data = allocate(p.dtype, p.numel);
      data.set(v.data);
      out[k] = new Tensor(data, p.shape);
    } else {
      out[k] = v;
    }
  }
  return out;
}
