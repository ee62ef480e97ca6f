/** What a training run records, and the early-stopping rule. */

import { checkKnownOptions, optionNames } from "../known-options";

/** One optimizer step. */
export interface StepRecord {
  /** 1-based step number. */
  step: number;
  /** 0-based epoch. */
  epoch: number;
  /** The loss of the step's batch. */
  loss: number;
  /** Global gradient norm ||g||_2 before clipping (what reveals exploding gradients). */
  gradNorm: number;
  /** Learning rate of the first parameter group during the step. */
  lr: number;
  /** Extra numbers the loss function reported (e.g. token accuracy). */
  metrics: Record<string, number>;
}

/** One evaluation. */
export interface EvalRecord {
  step: number;
  epoch: number;
  /** The metrics `evaluate` returned (a bare number is recorded as `valid_loss`). */
  metrics: Record<string, number>;
}

/** Why the loop ended. */
export type StopReason = "completed" | "early-stopping" | "aborted" | "callback" | "data-exhausted";

/** The record of a run, returned by `train`. */
export interface History {
  steps: StepRecord[];
  evals: EvalRecord[];
  /** Why the loop ended. */
  stopped: StopReason;
  /** Steps done. */
  step: number;
  /** Epochs started. */
  epochs: number;
  /** Best value of the early-stopping metric and the step it was seen at (when monitored). */
  best: { metric: string; value: number; step: number } | null;
  /** Wall-clock duration in milliseconds. */
  elapsedMs: number;
  /** Why a run stopped before its `steps` or `epochs` (set with `stopped: "data-exhausted"`). */
  message?: string;
}

/** Options of early stopping. */
export interface EarlyStoppingOptions {
  /** Metric of `evaluate` to watch (default `valid_loss`). */
  metric?: string;
  /** Evaluations without improvement before stopping (default 3). */
  patience?: number;
  /** Whether smaller (`min`, default) or larger (`max`) is better. */
  mode?: "min" | "max";
  /** Smallest change that counts as an improvement (default 0). */
  minDelta?: number;
}

/**
 * Tracks the best value of a metric; `update` returns true when the run should stop:
 * `patience` evaluations in a row without beating the best by more than `minDelta`.
 */
export class EarlyStopping {
  readonly metric: string;
  best: number;
  bestStep = -1;
  private bad = 0;
  private readonly patience: number;
  private readonly sign: number;
  private readonly minDelta: number;

  constructor(options: EarlyStoppingOptions = {}) {
    checkKnownOptions("EarlyStopping", options, optionNames<EarlyStoppingOptions>({ metric: true, patience: true, mode: true, minDelta: true }));
    this.metric = options.metric ?? "valid_loss";
    this.patience = options.patience ?? 3;
    this.sign = options.mode === "max" ? -1 : 1;
    this.minDelta = options.minDelta ?? 0;
    this.best = this.sign * Infinity;
  }

  /** Records `value` seen at `step`; true means stop. */
  update(value: number, step: number): boolean {
    if (this.sign * (this.best - value) > this.minDelta || this.bestStep < 0) {
      this.best = value;
      this.bestStep = step;
      this.bad = 0;
      return false;
    }
    this.bad++;
    return this.bad >= this.patience;
  }
}
