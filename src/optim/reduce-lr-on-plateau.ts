import { ValueError } from "../errors";
import { checkKnownOptions, checkRange } from "./options";
import type { AnyOptimizer } from "./lr-scheduler";

/** Options of `ReduceLROnPlateau` (PyTorch's defaults). */
export interface ReduceLROnPlateauOptions {
  /** "min": the metric should fall (a loss); "max": it should rise (an accuracy). Default "min". */
  mode?: "min" | "max";
  /** Multiplier of the rate on a plateau (default 0.1). */
  factor?: number;
  /** Epochs without improvement tolerated before reducing (default 10). */
  patience?: number;
  /** Smallest change that counts as an improvement (default 1e-4). */
  threshold?: number;
  /** "rel": relative to the best value; "abs": absolute (default "rel"). */
  thresholdMode?: "rel" | "abs";
  /** Epochs to wait after a reduction before counting again (default 0). */
  cooldown?: number;
  /** Lower bound of the rate, one number or one per group (default 0). */
  minLr?: number | number[];
  /** Reductions smaller than this are skipped (default 1e-8). */
  eps?: number;
}

const KEYS = ["mode", "factor", "patience", "threshold", "thresholdMode", "cooldown", "minLr", "eps"];

/**
 * Lowers the rate when a metric has stopped improving (PyTorch's `ReduceLROnPlateau`):
 * after more than `patience` epochs without improvement,
 *
 *   eta <- max(eta * factor, minLr)
 *
 * where "improvement" in mode "min" with threshold mode "rel" means m < best * (1 - threshold).
 *
 * @example const sched = new ReduceLROnPlateau(opt, { patience: 2 }); sched.step(validLoss);
 */
export class ReduceLROnPlateau {
  readonly optimizer: AnyOptimizer;
  readonly mode: "min" | "max";
  readonly factor: number;
  readonly patience: number;
  readonly threshold: number;
  readonly thresholdMode: "rel" | "abs";
  readonly cooldown: number;
  readonly minLrs: number[];
  readonly eps: number;
  /** Best metric seen so far. */
  best: number;
  /** Consecutive epochs without improvement. */
  numBadEpochs = 0;
  /** Epochs of cooldown left. */
  cooldownCounter = 0;
  /** Epochs seen. */
  lastEpoch = 0;

  constructor(optimizer: AnyOptimizer, options: ReduceLROnPlateauOptions = {}) {
    checkKnownOptions("ReduceLROnPlateau", options, KEYS);
    this.optimizer = optimizer;
    this.mode = options.mode ?? "min";
    this.factor = options.factor ?? 0.1;
    this.patience = options.patience ?? 10;
    this.threshold = options.threshold ?? 1e-4;
    this.thresholdMode = options.thresholdMode ?? "rel";
    this.cooldown = options.cooldown ?? 0;
    this.eps = options.eps ?? 1e-8;
    const n = optimizer.paramGroups.length;
    const minLr = options.minLr ?? 0;
    this.minLrs = Array.isArray(minLr) ? [...minLr] : new Array<number>(n).fill(minLr);
    if (this.mode !== "min" && this.mode !== "max") throw new ValueError(`ReduceLROnPlateau: mode must be "min" or "max"; got ${String(this.mode)}`);
    if (this.thresholdMode !== "rel" && this.thresholdMode !== "abs") {
      throw new ValueError(`ReduceLROnPlateau: thresholdMode must be "rel" or "abs"; got ${String(this.thresholdMode)}`);
    }
    if (!(this.factor < 1)) throw new ValueError(`ReduceLROnPlateau: factor must be < 1; got ${this.factor}`);
    checkRange("ReduceLROnPlateau", "factor", this.factor, 0);
    checkRange("ReduceLROnPlateau", "patience", this.patience, 0);
    checkRange("ReduceLROnPlateau", "threshold", this.threshold, 0);
    checkRange("ReduceLROnPlateau", "cooldown", this.cooldown, 0);
    if (this.minLrs.length !== n) {
      throw new ValueError(`ReduceLROnPlateau: minLr needs one value per parameter group; expected ${n}, got ${this.minLrs.length}`);
    }
    this.best = this.mode === "min" ? Infinity : -Infinity;
  }

  /** Records this epoch's metric and lowers the rates if it has plateaued. */
  step(metric: number): void {
    if (typeof metric !== "number") throw new ValueError(`ReduceLROnPlateau.step: metric must be a number; got ${typeof metric}`);
    this.lastEpoch += 1;
    if (this.isBetter(metric)) {
      this.best = metric;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0;
    }
    if (this.numBadEpochs > this.patience) {
      this.reduce();
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
  }

  /** Counters for checkpoints (the rates themselves live in the optimizer's state dict). */
  stateDict(): { best: number; numBadEpochs: number; cooldownCounter: number; lastEpoch: number } {
    return { best: this.best, numBadEpochs: this.numBadEpochs, cooldownCounter: this.cooldownCounter, lastEpoch: this.lastEpoch };
  }

  /** Restores `stateDict()`. */
  loadStateDict(state: { best: number; numBadEpochs: number; cooldownCounter: number; lastEpoch: number }): void {
    this.best = state.best;
    this.numBadEpochs = state.numBadEpochs;
    this.cooldownCounter = state.cooldownCounter;
    this.lastEpoch = state.lastEpoch;
  }

  /** The current rate of each group. */
  getLastLr(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }

  private reduce(): void {
    this.optimizer.paramGroups.forEach((g, i) => {
      const old = g.lr;
      const next = Math.max(old * this.factor, this.minLrs[i] ?? 0);
      if (old - next > this.eps) g.lr = next;
    });
  }

  private isBetter(a: number): boolean {
    const { best, threshold } = this;
    if (this.mode === "min") return this.thresholdMode === "rel" ? a < best * (1 - threshold) : a < best - threshold;
    return this.thresholdMode === "rel" ? a > best * (threshold + 1) : a > best + threshold;
  }
}
