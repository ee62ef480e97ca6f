import { noGrad } from "../autograd/grad-mode";
import { ShapeError, ValueError } from "../errors";
import { add } from "../ops/add";
import { div } from "../ops/div";
import { mul } from "../ops/mul";
import { sqrt } from "../ops/sqrt";
import { sub } from "../ops/sub";
import { mean } from "../ops/sum";
import type { DType } from "../tensor/dtype";
import { allocate } from "../tensor/dtype";
import { formatShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { Module } from "./module";
import { replaceParameter } from "./module-registry";
import { boolOption, checkKnownOptions, floatDTypeOption, positiveInt } from "./options";
import { Parameter } from "./parameter";
import { moduleAllocationError } from "./allocation-error";

/** Options of `BatchNorm1d` (PyTorch's names). */
export interface BatchNorm1dOptions {
  /** Added to the variance (default 1e-5). */
  eps?: number;
  /** Weight of the new batch in the running averages (default 0.1); null: a cumulative average. */
  momentum?: number | null;
  /** Learn gamma (weight, init 1) and beta (bias, init 0) (default true). */
  affine?: boolean;
  /** Keep running averages for evaluation (default true); false uses batch statistics always. */
  trackRunningStats?: boolean;
  dtype?: DType;
}

/**
 * Batch normalization over a batch (PyTorch's `nn.BatchNorm1d`, Ioffe and Szegedy 2015):
 *
 *   y = (x - mu_B) / sqrt(sigma_B^2 + eps) * gamma + beta
 *
 * where x is [N, C] or [N, C, L], mu_B and sigma_B^2 the mean and biased variance of each
 * feature c over the batch (and L), gamma = `weight`, beta = `bias` [C]. In training the buffers
 * `running_mean`, `running_var` (unbiased) move toward the batch statistics,
 * r <- (1 - momentum) r + momentum s, and `num_batches_tracked` counts batches; in eval mode
 * they replace the batch statistics. Buffer and parameter names are PyTorch's.
 * Across time steps of a recurrent net prefer `LayerNorm`: it needs no batch statistics.
 *
 * @example const bn = new nn.BatchNorm1d(64); bn.forward(features) // [N, 64]
 */
export class BatchNorm1d extends Module {
  readonly numFeatures: number;
  readonly eps: number;
  readonly momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;

  constructor(numFeatures: number, options: BatchNorm1dOptions = {}) {
    super();
    const label = "BatchNorm1d";
    checkKnownOptions(label, options, ["eps", "momentum", "affine", "trackRunningStats", "dtype"]);
    const C = positiveInt(label, "numFeatures", numFeatures);
    this.numFeatures = C;
    this.eps = options.eps ?? 1e-5;
    if (typeof this.eps !== "number" || !(this.eps >= 0)) throw new ValueError(`${label}: eps must be a non-negative number; got ${String(this.eps)}`);
    const momentum = options.momentum === undefined ? 0.1 : options.momentum;
    if (momentum !== null && (typeof momentum !== "number" || !(momentum >= 0 && momentum <= 1))) {
      throw new ValueError(`${label}: momentum must be a number in [0, 1] or null; got ${String(momentum)}`);
    }
    this.momentum = momentum;
    this.affine = boolOption(label, "affine", options.affine, true);
    this.trackRunningStats = boolOption(label, "trackRunningStats", options.trackRunningStats, true);
    const dtype = floatDTypeOption(label, options.dtype);
    const ones = (): Tensor["data"] => {
      const d = allocate(dtype, C);
      d.fill(1);
      return d;
    };
    try {
      this.registerParameter("weight", this.affine ? new Parameter(ones(), [C]) : null);
      this.registerParameter("bias", this.affine ? new Parameter(allocate(dtype, C), [C]) : null);
      this.registerBuffer("running_mean", this.trackRunningStats ? new Tensor(allocate(dtype, C), [C]) : null);
      this.registerBuffer("running_var", this.trackRunningStats ? new Tensor(ones(), [C]) : null);
    } catch (e) {
      throw moduleAllocationError(label, [numFeatures, options], e);
    }
    this.registerBuffer("num_batches_tracked", this.trackRunningStats ? new Tensor(new Int32Array(1), []) : null);
  }

  get weight(): Parameter | null {
    return this._parameters.get("weight") ?? null;
  }

  /** Assigning a Parameter [C] shares it (as in PyTorch); null removes the gain. */
  set weight(p: Parameter | null) {
    replaceParameter(this, "BatchNorm1d.weight", "weight", this._parameters.get("weight"), p, true);
  }

  get bias(): Parameter | null {
    return this._parameters.get("bias") ?? null;
  }

  /** Assigning a Parameter [C] shares it; null removes the bias. */
  set bias(p: Parameter | null) {
    replaceParameter(this, "BatchNorm1d.bias", "bias", this._parameters.get("bias"), p, true);
  }

  forward(x: Tensor): Tensor {
    const C = this.numFeatures;
    if ((x.ndim !== 2 && x.ndim !== 3) || x.shape[1] !== C) {
      throw new ShapeError(`BatchNorm1d.forward: input must be [N, C] or [N, C, L] with C = ${C}; got ${formatShape(x.shape)}`);
    }
    const dims = x.ndim === 3 ? [0, 2] : [0];
    const perFeature = x.ndim === 3 ? [C, 1] : [C];
    const batchStats = this.training || !this.trackRunningStats;
    const count = x.numel / C;
    if (batchStats && count < 2 && this.training) {
      throw new ValueError(`BatchNorm1d.forward: training needs more than one value per feature; got input ${formatShape(x.shape)}`);
    }
    let mu: Tensor;
    let variance: Tensor;
    if (batchStats) {
      mu = mean(x, dims, true);
      const centered = sub(x, mu);
      variance = mean(mul(centered, centered), dims, true);
      if (this.training && this.trackRunningStats) this.updateRunningStats(mu, variance, count);
    } else {
      mu = (this.getBuffer("running_mean") as Tensor).reshape(perFeature); // tracked: registered in the constructor
      variance = (this.getBuffer("running_var") as Tensor).reshape(perFeature);
    }
    let y = div(sub(x, mu), sqrt(add(variance, this.eps)));
    if (this.weight !== null) y = mul(y, this.weight.reshape(perFeature));
    if (this.bias !== null) y = add(y, this.bias.reshape(perFeature));
    return y;
  }

  /** r <- (1 - m) r + m s, with the unbiased variance, as PyTorch; m = 1/n for a cumulative average. */
  private updateRunningStats(mu: Tensor, variance: Tensor, count: number): void {
    noGrad(() => {
      const tracked = this.getBuffer("num_batches_tracked") as Tensor; // registered with the running stats
      tracked.data[0] = (tracked.data[0] as number) + 1;
      const m = this.momentum ?? 1 / (tracked.data[0] as number);
      const blend = (name: string, s: Tensor): void => {
        const r = this.getBuffer(name) as Tensor;
        for (let c = 0; c < r.numel; c++) r.data[c] = (1 - m) * (r.data[c] as number) + m * (s.data[c] as number);
      };
      blend("running_mean", mu);
      blend("running_var", mul(variance, count / (count - 1)));
    });
  }

  override extraRepr(): string {
    return `${this.numFeatures}, eps=${this.eps}, momentum=${this.momentum}, affine=${this.affine}, trackRunningStats=${this.trackRunningStats}`;
  }
}
