import { layerNorm } from "../functional/layer-norm";
import { ValueError } from "../errors";
import type { DType } from "../tensor/dtype";
import { allocate } from "../tensor/dtype";
import type { Tensor } from "../tensor/tensor";
import { Module } from "./module";
import { replaceParameter } from "./module-registry";
import { boolOption, checkKnownOptions, floatDTypeOption, positiveInt } from "./options";
import { Parameter } from "./parameter";
import { moduleAllocationError } from "./allocation-error";

/** Options of `LayerNorm`. */
export interface LayerNormOptions {
  /** Added to the variance (default 1e-5). */
  eps?: number;
  /** Learn gamma (weight, init 1) and beta (bias, init 0) (default true). */
  elementwiseAffine?: boolean;
  dtype?: DType;
}

/**
 * Layer normalization (PyTorch's `nn.LayerNorm`):
 *
 *   y = (x - mu) / sqrt(sigma^2 + eps) * gamma + beta
 *
 * where mu, sigma^2 are the mean and biased variance over the last dims of x, which must equal
 * `normalizedShape` (e.g. [H] for x [T, B, H]), gamma = `weight` and beta = `bias` of shape
 * normalizedShape (PyTorch's names, so state dicts load across).
 *
 * @example const norm = new nn.LayerNorm(64); norm.forward(h) // h [T, B, 64]
 */
export class LayerNorm extends Module {
  readonly normalizedShape: number[];
  readonly eps: number;
  readonly elementwiseAffine: boolean;

  constructor(normalizedShape: number | readonly number[], options: LayerNormOptions = {}) {
    super();
    checkKnownOptions("LayerNorm", options, ["eps", "elementwiseAffine", "dtype"]);
    const shape = typeof normalizedShape === "number" ? [normalizedShape] : [...normalizedShape];
    if (shape.length === 0) throw new ValueError("LayerNorm: normalizedShape must name at least one dim; got []");
    this.normalizedShape = shape.map((s) => positiveInt("LayerNorm", "normalizedShape", s));
    const eps = options.eps ?? 1e-5;
    if (typeof eps !== "number" || !(eps >= 0)) throw new ValueError(`LayerNorm: eps must be a non-negative number; got ${String(eps)}`);
    this.eps = eps;
    this.elementwiseAffine = boolOption("LayerNorm", "elementwiseAffine", options.elementwiseAffine, true);
    const dtype = floatDTypeOption("LayerNorm", options.dtype);
    const n = this.normalizedShape.reduce((p, s) => p * s, 1);
    try {
      const ones = allocate(dtype, n);
      ones.fill(1);
      this.registerParameter("weight", this.elementwiseAffine ? new Parameter(ones, this.normalizedShape) : null);
      this.registerParameter("bias", this.elementwiseAffine ? new Parameter(allocate(dtype, n), this.normalizedShape) : null);
    } catch (e) {
      throw moduleAllocationError("LayerNorm", [normalizedShape, options], e);
    }
  }

  /** gamma, or null without elementwiseAffine. */
  get weight(): Parameter | null {
    return this._parameters.get("weight") ?? null;
  }

  /** Assigning a Parameter of normalizedShape shares it (as in PyTorch); null removes the gain. */
  set weight(p: Parameter | null) {
    replaceParameter(this, "LayerNorm.weight", "weight", this._parameters.get("weight"), p, true);
  }

  /** beta, or null without elementwiseAffine. */
  get bias(): Parameter | null {
    return this._parameters.get("bias") ?? null;
  }

  /** Assigning a Parameter of normalizedShape shares it; null removes the bias. */
  set bias(p: Parameter | null) {
    replaceParameter(this, "LayerNorm.bias", "bias", this._parameters.get("bias"), p, true);
  }

  forward(x: Tensor): Tensor {
    return layerNorm(x, this.normalizedShape, this.weight, this.bias, this.eps);
  }

  override extraRepr(): string {
    return `(${this.normalizedShape.join(", ")},), eps=${this.eps}, elementwiseAffine=${this.elementwiseAffine}`;
  }
}
