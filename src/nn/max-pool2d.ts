import { maxPool2d } from "../ops/max-pool2d";
import { windowPair } from "../ops/window";
import type { Tensor } from "../tensor/tensor";
import { Module } from "./module";
import { checkKnownOptions } from "./options";

/** Options of `MaxPool2d`. */
export interface MaxPool2dModuleOptions {
  /** Step of the window (default: the kernel size). */
  stride?: number | [number, number];
  /** Implicit -Infinity on every side (default 0). */
  padding?: number | [number, number];
}

/**
 * 2-D max pooling layer, as PyTorch's `nn.MaxPool2d`: the largest value of every kH x kW window of
 * every channel; no parameters.
 *
 *   out[b, c, i, j] = max_{p < kH, q < kW} x[b, c, i s + p - pad, j s + q - pad]
 *
 * x [B, C, H, W] -> [B, C, floor((H + 2 pad - kH) / s) + 1, floor((W + 2 pad - kW) / s) + 1].
 *
 * @example new nn.MaxPool2d(2).forward(features) // [B, 8, 16, 16] -> [B, 8, 8, 8]
 */
export class MaxPool2d extends Module {
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];

  constructor(kernelSize: number | [number, number], options: MaxPool2dModuleOptions = {}) {
    super();
    checkKnownOptions("MaxPool2d", options, ["stride", "padding"]);
    this.kernelSize = windowPair("MaxPool2d", "kernelSize", kernelSize, 1);
    this.stride = windowPair("MaxPool2d", "stride", options.stride ?? kernelSize, 1);
    this.padding = windowPair("MaxPool2d", "padding", options.padding ?? 0, 0);
  }

  /** x [B, C, H, W] -> [B, C, H', W']. */
  forward(x: Tensor): Tensor {
    return maxPool2d(x, this.kernelSize, { stride: this.stride, padding: this.padding });
  }

  override extraRepr(): string {
    const k = this.kernelSize, s = this.stride, p = this.padding;
    return `kernelSize=${k[0]}x${k[1]}, stride=${s[0]}x${s[1]}, padding=${p[0]}x${p[1]}`;
  }
}
