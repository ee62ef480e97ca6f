import { ValueError } from "../errors";
import { checkKnownOptions, checkRange } from "./options";

/** Any optimizer: schedulers only read and write each group's `lr`. */
export interface AnyOptimizer {
  readonly paramGroups: ReadonlyArray<{ lr: number }>;
}

/** The saved state of an epoch-based scheduler. */
export interface LRSchedulerState {
  lastEpoch: number;
  baseLrs: number[];
  lastLr: number[];
}

/**
 * Base of the epoch-based learning-rate schedules, with PyTorch's protocol: building the
 * scheduler records each group's `lr` as its base rate and counts as epoch 0; every `step()`
 * (call it after `optimizer.step()`, once per epoch) moves to the next epoch and sets each
 * group's `lr` from its current value (the chainable form, so schedules compose).
 */
export abstract class LRScheduler {
  /** The optimizer whose rates this schedule sets. */
  readonly optimizer: AnyOptimizer;
  /** Each group's rate when the schedule was built (eta_0). */
  baseLrs: number[];
  /** The current epoch (0 after construction). */
  lastEpoch = 0;
  protected lastLr: number[];

  protected constructor(optimizer: AnyOptimizer) {
    this.optimizer = optimizer;
    this.baseLrs = optimizer.paramGroups.map((g) => g.lr);
    this.lastLr = [...this.baseLrs];
  }

  /** Moves to the next epoch and updates every group's `lr`. */
  step(): void {
    this.lastEpoch += 1;
    const groups = this.optimizer.paramGroups;
    let next: number[];
    try {
      next = groups.map((g, i) => this.nextLr(g.lr, this.baseLrs[i] ?? g.lr, i));
    } catch (error) {
      // a schedule that throws leaves the epoch and the rates as they were
      this.lastEpoch -= 1;
      throw error;
    }
    groups.forEach((g, i) => {
      g.lr = next[i] ?? g.lr;
    });
    this.lastLr = next;
  }

  /** The rates the last `step()` set (the base rates before any step). */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** Counters for checkpoints. */
  stateDict(): LRSchedulerState {
    return { lastEpoch: this.lastEpoch, baseLrs: [...this.baseLrs], lastLr: [...this.lastLr] };
  }

  /** Restores `stateDict()` (the optimizer's `lr` values are restored by its own state dict). */
  loadStateDict(state: LRSchedulerState): void {
    this.lastEpoch = state.lastEpoch;
    this.baseLrs = [...state.baseLrs];
    this.lastLr = [...state.lastLr];
  }

  /** The rate for epoch `lastEpoch` given the group's current rate and its base rate. */
  protected abstract nextLr(current: number, base: number, group: number): number;
}

/**
 * Multiplies the rate by `gamma` every `stepSize` epochs (PyTorch's `StepLR`):
 *
 *   eta_t = eta_0 * gamma^floor(t / stepSize)
 *
 * @example const sched = new StepLR(opt, { stepSize: 10, gamma: 0.5 });
 */
export class StepLR extends LRScheduler {
  readonly stepSize: number;
  readonly gamma: number;

  constructor(optimizer: AnyOptimizer, options: { stepSize: number; gamma?: number }) {
    checkKnownOptions("StepLR", options, ["stepSize", "gamma"]);
    super(optimizer);
    if (!Number.isInteger(options.stepSize) || options.stepSize < 1) {
      throw new ValueError(`StepLR: stepSize must be an integer >= 1; got ${String(options.stepSize)}`);
    }
    this.stepSize = options.stepSize;
    this.gamma = options.gamma ?? 0.1;
    checkRange("StepLR", "gamma", this.gamma, 0);
  }

  protected nextLr(current: number): number {
    return this.lastEpoch % this.stepSize === 0 ? current * this.gamma : current;
  }
}

/**
 * Multiplies the rate by `gamma` every epoch (PyTorch's `ExponentialLR`): eta_t = eta_0 * gamma^t.
 *
 * @example const sched = new ExponentialLR(opt, { gamma: 0.95 });
 */
export class ExponentialLR extends LRScheduler {
  readonly gamma: number;

  constructor(optimizer: AnyOptimizer, options: { gamma: number }) {
    checkKnownOptions("ExponentialLR", options, ["gamma"]);
    super(optimizer);
    this.gamma = options.gamma;
    checkRange("ExponentialLR", "gamma", this.gamma, 0);
  }

  protected nextLr(current: number): number {
    return current * this.gamma;
  }
}

/**
 * Cosine annealing (Loshchilov and Hutter's SGDR without restarts), PyTorch's
 * `CosineAnnealingLR` in its recursive form:
 *
 *   eta_t = eta_min + (eta_0 - eta_min) * (1 + cos(pi * t / T_max)) / 2
 *
 * where T_max is `tMax` (epochs of one half period) and eta_min `etaMin` (default 0).
 *
 * @example const sched = new CosineAnnealingLR(opt, { tMax: 100 });
 */
export class CosineAnnealingLR extends LRScheduler {
  readonly tMax: number;
  readonly etaMin: number;

  constructor(optimizer: AnyOptimizer, options: { tMax: number; etaMin?: number }) {
    checkKnownOptions("CosineAnnealingLR", options, ["tMax", "etaMin"]);
    super(optimizer);
    if (!Number.isInteger(options.tMax) || options.tMax < 1) {
      throw new ValueError(`CosineAnnealingLR: tMax must be an integer >= 1; got ${String(options.tMax)}`);
    }
    this.tMax = options.tMax;
    this.etaMin = options.etaMin ?? 0;
    checkRange("CosineAnnealingLR", "etaMin", this.etaMin, 0);
  }

  protected nextLr(current: number, base: number): number {
    const t = this.lastEpoch;
    const T = this.tMax;
    const etaMin = this.etaMin;
    if ((t - 1 - T) % (2 * T) === 0) {
      return current + ((base - etaMin) * (1 - Math.cos(Math.PI / T))) / 2;
    }
    return ((1 + Math.cos((Math.PI * t) / T)) / (1 + Math.cos((Math.PI * (t - 1)) / T))) * (current - etaMin) + etaMin;
  }
}
