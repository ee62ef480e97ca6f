import { ShapeError } from "../errors";
import { conv2d } from "../ops/conv2d";
import { windowPair } from "../ops/window";
import type { DType } from "../tensor/dtype";
import type { Tensor } from "../tensor/tensor";
import { uniformParameter } from "./default-init";
import { Module } from "./module";
import { assignParameter, replaceParameter } from "./module-registry";
import { boolOption, checkKnownOptions, floatDTypeOption, positiveInt } from "./options";
import type { Parameter } from "./parameter";
import { moduleAllocationError } from "./allocation-error";

/** Options of `Conv2d`. */
export interface Conv2dModuleOptions {
  /** Step of the kernel (default 1). */
  stride?: number | [number, number];
  /** Zeros added on every side (default 0). */
  padding?: number | [number, number];
  /** Learn a bias per output channel (default true). */
  bias?: boolean;
  /** Parameter dtype (default float32). */
  dtype?: DType;
}

/**
 * 2-D convolution layer, as PyTorch's `nn.Conv2d`: out = conv2d(x, W, b), the CNN encoder of an
 * image captioner (notebook 13).
 *
 *   out[b, o, i, j] = b[o] + sum_{c, p, q} W[o, c, p, q] x[b, c, i s + p - pad, j s + q - pad]
 *
 * Where x is [B, inChannels, H, W], `weight` W is [outChannels, inChannels, kH, kW], `bias` b is
 * [outChannels], and the output [B, outChannels, H', W'] with H' = floor((H + 2 pad - kH) / s) + 1.
 * Init as PyTorch: W and b from U(-1/sqrt(fanIn), 1/sqrt(fanIn)), fanIn = inChannels kH kW.
 *
 * @example const conv = new nn.Conv2d(3, 8, 3, { padding: 1 }); conv.forward(images) // [B, 3, 16, 16] -> [B, 8, 16, 16]
 */
export class Conv2d extends Module {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];

  constructor(inChannels: number, outChannels: number, kernelSize: number | [number, number], options: Conv2dModuleOptions = {}) {
    super();
    checkKnownOptions("Conv2d", options, ["stride", "padding", "bias", "dtype"]);
    this.inChannels = positiveInt("Conv2d", "inChannels", inChannels);
    this.outChannels = positiveInt("Conv2d", "outChannels", outChannels);
    this.kernelSize = windowPair("Conv2d", "kernelSize", kernelSize, 1);
    this.stride = windowPair("Conv2d", "stride", options.stride ?? 1, 1);
    this.padding = windowPair("Conv2d", "padding", options.padding ?? 0, 0);
    const dtype = floatDTypeOption("Conv2d", options.dtype);
    const bound = 1 / Math.sqrt(inChannels * this.kernelSize[0] * this.kernelSize[1]);
    const bias = boolOption("Conv2d", "bias", options.bias, true);
    try {
      this.registerParameter("weight", uniformParameter([outChannels, inChannels, ...this.kernelSize], bound, dtype));
      this.registerParameter("bias", bias ? uniformParameter([outChannels], bound, dtype) : null);
    } catch (e) {
      throw moduleAllocationError("Conv2d", [inChannels, outChannels, kernelSize, options], e);
    }
  }

  /** W [outChannels, inChannels, kH, kW]. */
  get weight(): Parameter {
    const w = this._parameters.get("weight");
    if (w === undefined || w === null) throw new ShapeError("Conv2d.weight: the parameter is missing; expected a tensor, got none");
    return w;
  }

  /** Assigning a Parameter of the same shape and dtype shares it (as in PyTorch). */
  set weight(p: Parameter) {
    replaceParameter(this, "Conv2d.weight", "weight", this._parameters.get("weight"), p);
  }

  /** b [outChannels], or null without bias. */
  get bias(): Parameter | null {
    return this._parameters.get("bias") ?? null;
  }

  /** Assigning a Parameter [outChannels] shares it; null removes the bias. */
  set bias(p: Parameter | null) {
    assignParameter(this, "Conv2d.bias", "bias", p, [this.outChannels], true, this.weight.dtype);
  }

  /** x [B, inChannels, H, W] -> [B, outChannels, H', W']. */
  forward(x: Tensor): Tensor {
    return conv2d(x, this.weight, this.bias, { stride: this.stride, padding: this.padding });
  }

  override extraRepr(): string {
    const k = this.kernelSize, s = this.stride, p = this.padding;
    return `${this.inChannels}, ${this.outChannels}, kernelSize=${k[0]}x${k[1]}, stride=${s[0]}x${s[1]}, padding=${p[0]}x${p[1]}, bias=${this.bias !== null}`;
  }
}
