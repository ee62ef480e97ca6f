import { ShapeError, ValueError } from "../../errors";
import { checkKnownOptions, optionNames } from "../../known-options";
import { Generator, defaultGenerator } from "../../tensor/random";
import { formatShape } from "../../tensor/shape";
import type { Tensor } from "../../tensor/tensor";
import { requireFloatTensor } from "./checks";

/** Options of the random initializers. */
export interface InitOptions {
  /** Generator to draw from (default: the one `manualSeed` seeds). */
  generator?: Generator;
}

/** The option names of the initializers without options of their own. */
export const INIT_OPTIONS = optionNames<InitOptions>({ generator: true });

/**
 * Fills `t` in place with samples of U(a, b) and returns it (PyTorch's `nn.init.uniform_`).
 * Initializers write `t.data` directly: no graph is recorded, as under `no_grad`.
 *
 * @example uniform_(lstm.weight_hh_l0, -0.08, 0.08)
 */
export function uniform_(t: Tensor, a = 0, b = 1, options: InitOptions = {}): Tensor {
  checkKnownOptions("uniform_", options, INIT_OPTIONS);
  requireFloatTensor("uniform_", t);
  if (!(a <= b)) throw new ValueError(`uniform_: need a <= b; got a ${a}, b ${b}`);
  const gen = options.generator ?? defaultGenerator;
  const d = t.data;
  const width = b - a;
  for (let i = 0; i < d.length; i++) d[i] = a + width * gen.uniform();
  return t;
}

/**
 * Fills `t` in place with samples of N(mean, std^2) (PyTorch's `nn.init.normal_`).
 *
 * @example normal_(embedding.weight, 0, 0.1)
 */
export function normal_(t: Tensor, mean = 0, std = 1, options: InitOptions = {}): Tensor {
  checkKnownOptions("normal_", options, INIT_OPTIONS);
  requireFloatTensor("normal_", t);
  if (!(std >= 0)) throw new ValueError(`normal_: std must be >= 0; got ${std}`);
  const gen = options.generator ?? defaultGenerator;
  const d = t.data;
  for (let i = 0; i < d.length; i++) d[i] = mean + std * gen.normal();
  return t;
}

/** Fills `t` with `value` in place (PyTorch's `nn.init.constant_`), e.g. a forget-gate bias of 1. */
export function constant_(t: Tensor, value: number): Tensor {
  if (typeof value !== "number") throw new ValueError(`constant_: value must be a number; got ${typeof value}`);
  t.data.fill(value);
  return t;
}

/** Fills `t` with zeros in place (PyTorch's `nn.init.zeros_`). */
export function zeros_(t: Tensor): Tensor {
  return constant_(t, 0);
}

/** Fills `t` with ones in place (PyTorch's `nn.init.ones_`). */
export function ones_(t: Tensor): Tensor {
  return constant_(t, 1);
}

/**
 * Sets a matrix to `gain` times the identity (PyTorch's `nn.init.eye_`, scaled). This is the IRNN
 * recipe of Le, Jaitly and Hinton (Deep Learning for Engineers, lecture 11): with ReLU units,
 *
 *   h_t = relu(W_hh h_{t-1} + W_xh x_t + b),   W_hh = I,   b = 0,
 *
 * so with no input the state is copied unchanged and gradients pass through time undamped.
 *
 * @example eye_(rnn.weight_hh_l0); zeros_(rnn.bias_hh_l0);
 */
export function eye_(t: Tensor, gain = 1): Tensor {
  requireFloatTensor("eye_", t);
  if (t.ndim !== 2) throw new ShapeError(`eye_: tensor must be a matrix [rows, cols]; got ${formatShape(t.shape)}`);
  const rows = t.shape[0] ?? 0;
  const cols = t.shape[1] ?? 0;
  t.data.fill(0);
  for (let i = 0; i < Math.min(rows, cols); i++) t.data[i * cols + i] = gain;
  return t;
}
