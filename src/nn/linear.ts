import { DTypeError, ShapeError } from "../errors";
import { linear } from "../ops/linear";
import { formatShape } from "../tensor/shape";
import type { Tensor } from "../tensor/tensor";
import { uniformParameter } from "./default-init";
import { Module } from "./module";
import { assignParameter } from "./module-registry";
import { boolOption, checkKnownOptions, floatDTypeOption, positiveInt } from "./options";
import type { Parameter } from "./parameter";
import type { DType } from "../tensor/dtype";
import { moduleAllocationError } from "./allocation-error";

/** Options of `Linear`. */
export interface LinearOptions {
  /** Learn an additive bias b (default true). */
  bias?: boolean;
  /** Parameter dtype (default float32). */
  dtype?: DType;
}

/**
 * Affine map of the last dim: y = x W^T + b (the lectures' output layer y_t = W_hy h_t + b_y).
 *
 * Where x is [..., inFeatures], `weight` W is [outFeatures, inFeatures] (the slides' W_hy),
 * `bias` b is [outFeatures] (b_y), and y is [..., outFeatures].
 * Init as PyTorch: W and b from U(-1/sqrt(inFeatures), 1/sqrt(inFeatures)).
 *
 * @example const head = new nn.Linear(256, 65); const logits = head.forward(h); // [T, B, 65]
 */
export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;

  constructor(inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    super();
    checkKnownOptions("Linear", options, ["bias", "dtype"]);
    this.inFeatures = positiveInt("Linear", "inFeatures", inFeatures);
    this.outFeatures = positiveInt("Linear", "outFeatures", outFeatures);
    const dtype = floatDTypeOption("Linear", options.dtype);
    const bound = 1 / Math.sqrt(inFeatures);
    const bias = boolOption("Linear", "bias", options.bias, true);
    try {
      this.registerParameter("weight", uniformParameter([outFeatures, inFeatures], bound, dtype));
      this.registerParameter("bias", bias ? uniformParameter([outFeatures], bound, dtype) : null);
    } catch (e) {
      throw moduleAllocationError("Linear", [inFeatures, outFeatures, options], e);
    }
  }

  /** W [outFeatures, inFeatures]. */
  get weight(): Parameter {
    const w = this._parameters.get("weight");
    if (w === undefined || w === null) throw new ShapeError("Linear.weight: the parameter is missing; expected a tensor, got none");
    return w;
  }

  /** Assigning a Parameter of shape [outFeatures, inFeatures] shares it: `head.weight = emb.weight` ties the two. */
  set weight(p: Parameter) {
    assignParameter(this, "Linear.weight", "weight", p, [this.outFeatures, this.inFeatures], false, this.weight.dtype);
  }

  /** b [outFeatures], or null without bias. */
  get bias(): Parameter | null {
    return this._parameters.get("bias") ?? null;
  }

  set bias(p: Parameter | null) {
    assignParameter(this, "Linear.bias", "bias", p, [this.outFeatures], true, this.weight.dtype);
  }

  /** y = x W^T + b over the last dim of x. */
  forward(x: Tensor): Tensor {
    const w = this.weight;
    const b = this.bias;
    const inF = this.inFeatures;
    if (x.ndim === 0 || x.shape[x.ndim - 1] !== inF) {
      throw new ShapeError(`Linear.forward: last dim of x must be inFeatures; expected [..., ${inF}], got ${formatShape(x.shape)}`);
    }
    if (x.dtype !== w.dtype) {
      throw new DTypeError(`Linear.forward: x must have the parameters' dtype; expected ${w.dtype}, got ${x.dtype} for x ${formatShape(x.shape)}`);
    }
    return linear(x, w, b);
  }

  override extraRepr(): string {
    return `inFeatures=${this.inFeatures}, outFeatures=${this.outFeatures}, bias=${this.bias !== null}`;
  }
}
