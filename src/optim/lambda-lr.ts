import { ValueError } from "../errors";
import { AnyOptimizer, LRScheduler } from "./lr-scheduler";
import { checkKnownOptions } from "./options";

/** A learning-rate factor as a function of the epoch (or step) count. */
export type LrLambda = (epoch: number) => number;

/**
 * A schedule from a function (PyTorch's `LambdaLR`): each group's rate is its base rate times
 * the factor for the current epoch,
 *
 *   eta_t = eta_0 * lambda(t),   t = 0, 1, ... (the number of `step()` calls)
 *
 * with one function for every group or one per group. As in PyTorch the factor for t = 0 is
 * applied at construction, so a warmup from 0 starts at 0. Checkpoints keep the counters
 * (`stateDict()`); the function itself is code: build the scheduler with it again, then load.
 *
 * @example const sched = new optim.LambdaLR(opt, { lrLambda: (t) => Math.min(1, (t + 1) / 100) }); // linear warmup
 */
export class LambdaLR extends LRScheduler {
  private readonly lambdas: LrLambda[];

  constructor(optimizer: AnyOptimizer, options: { lrLambda: LrLambda | readonly LrLambda[] }) {
    checkKnownOptions("LambdaLR", options, ["lrLambda"]);
    super(optimizer);
    const groups = optimizer.paramGroups.length;
    const given = options.lrLambda;
    const lambdas = typeof given === "function" ? new Array<LrLambda>(groups).fill(given) : [...given];
    if (lambdas.length !== groups || lambdas.some((f) => typeof f !== "function")) {
      throw new ValueError(`LambdaLR: lrLambda must be a function or one function per parameter group; expected ${groups}, got ${typeof given === "function" ? 1 : lambdas.length}`);
    }
    this.lambdas = lambdas;
    const first = this.baseLrs.map((base, i) => this.rate(i, base, 0));
    optimizer.paramGroups.forEach((g, i) => {
      g.lr = first[i] ?? g.lr;
    });
    this.lastLr = first;
  }

  protected nextLr(_current: number, base: number, group: number): number {
    return this.rate(group, base, this.lastEpoch);
  }

  private rate(group: number, base: number, epoch: number): number {
    const factor = (this.lambdas[group] as LrLambda)(epoch);
    if (typeof factor !== "number" || !Number.isFinite(factor)) {
      throw new ValueError(`LambdaLR: lrLambda must return a finite number; got ${String(factor)} at epoch ${epoch} for group ${group}`);
    }
    return base * factor;
  }
}
