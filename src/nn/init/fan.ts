import { checkKnownOptions } from "../../known-options";
import { ValueError } from "../../errors";
import { defaultGenerator } from "../../tensor/random";
import type { Tensor } from "../../tensor/tensor";
import { INIT_OPTIONS, InitOptions, normal_, uniform_ } from "./basic";
import { requireRank } from "./checks";

/** Nonlinearities `calculateGain` knows (PyTorch's names). */
export type Nonlinearity = "linear" | "conv1d" | "conv2d" | "conv3d" | "sigmoid" | "tanh" | "relu" | "leaky_relu" | "selu";

/**
 * The gain PyTorch recommends for a nonlinearity (`nn.init.calculate_gain`): 1 for linear and
 * sigmoid, 5/3 for tanh, sqrt(2) for relu, sqrt(2 / (1 + a^2)) for leaky_relu with slope a
 * (default 0.01), 3/4 for selu.
 */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case "linear":
    case "conv1d":
    case "conv2d":
    case "conv3d":
    case "sigmoid":
      return 1;
    case "tanh":
      return 5 / 3;
    case "relu":
      return Math.SQRT2;
    case "leaky_relu": {
      const a = param ?? 0.01;
      return Math.sqrt(2 / (1 + a * a));
    }
    case "selu":
      return 3 / 4;
    default:
      throw new ValueError(`calculateGain: unknown nonlinearity; expected one of linear, sigmoid, tanh, relu, leaky_relu, selu, got ${String(nonlinearity)}`);
  }
}

/**
 * fan_in and fan_out of a weight [out, in, ...]: fan_in = in * r, fan_out = out * r, where r is
 * the product of the remaining dims (1 for matrices), as PyTorch computes them.
 */
export function fans(op: string, t: Tensor): { fanIn: number; fanOut: number } {
  requireRank(op, t, 2);
  let r = 1;
  for (let d = 2; d < t.ndim; d++) r *= t.shape[d] ?? 1;
  return { fanIn: (t.shape[1] ?? 0) * r, fanOut: (t.shape[0] ?? 0) * r };
}

/**
 * Glorot and Bengio's uniform initialization (`nn.init.xavier_uniform_`):
 *
 *   W ~ U(-a, a),   a = gain * sqrt(6 / (fan_in + fan_out))
 *
 * @example xavierUniform_(decoder.weight)
 */
export function xavierUniform_(t: Tensor, gain = 1, options: InitOptions = {}): Tensor {
  checkKnownOptions("xavierUniform_", options, INIT_OPTIONS);
  const { fanIn, fanOut } = fans("xavierUniform_", t);
  const a = gain * Math.sqrt(6 / (fanIn + fanOut));
  return uniform_(t, -a, a, options);
}

/**
 * Glorot and Bengio's normal initialization (`nn.init.xavier_normal_`):
 *
 *   W ~ N(0, s^2),   s = gain * sqrt(2 / (fan_in + fan_out))
 */
export function xavierNormal_(t: Tensor, gain = 1, options: InitOptions = {}): Tensor {
  checkKnownOptions("xavierNormal_", options, INIT_OPTIONS);
  const { fanIn, fanOut } = fans("xavierNormal_", t);
  return normal_(t, 0, gain * Math.sqrt(2 / (fanIn + fanOut)), options);
}

/** Options of the Kaiming initializers (PyTorch's defaults). */
export interface KaimingOptions extends InitOptions {
  /** Negative slope of the leaky ReLU that follows (default 0). */
  a?: number;
  /** Preserve the variance forwards ("fanIn", default) or backwards ("fanOut"). */
  mode?: "fanIn" | "fanOut";
  /** The nonlinearity that follows (default "leaky_relu"). */
  nonlinearity?: Nonlinearity;
}

function kaimingStd(op: string, t: Tensor, options: KaimingOptions): number {
  checkKnownOptions(op, options, ["a", "mode", "nonlinearity", "generator"]);
  const mode = options.mode ?? "fanIn";
  if (mode !== "fanIn" && mode !== "fanOut") throw new ValueError(`${op}: mode must be "fanIn" or "fanOut"; got ${String(mode)}`);
  const { fanIn, fanOut } = fans(op, t);
  const fan = mode === "fanIn" ? fanIn : fanOut;
  return calculateGain(options.nonlinearity ?? "leaky_relu", options.a ?? 0) / Math.sqrt(fan);
}

/**
 * He et al.'s uniform initialization (`nn.init.kaiming_uniform_`):
 *
 *   W ~ U(-b, b),   b = gain * sqrt(3 / fan)
 *
 * where fan is fan_in or fan_out (`mode`). PyTorch's default `Linear` init is this with a = sqrt(5).
 */
export function kaimingUniform_(t: Tensor, options: KaimingOptions = {}): Tensor {
  const std = kaimingStd("kaimingUniform_", t, options);
  const b = Math.sqrt(3) * std;
  return uniform_(t, -b, b, { generator: options.generator ?? defaultGenerator });
}

/** He et al.'s normal initialization (`nn.init.kaiming_normal_`): W ~ N(0, (gain / sqrt(fan))^2). */
export function kaimingNormal_(t: Tensor, options: KaimingOptions = {}): Tensor {
  const std = kaimingStd("kaimingNormal_", t, options);
  return normal_(t, 0, std, { generator: options.generator ?? defaultGenerator });
}
