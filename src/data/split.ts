/** Seeded shuffling and train / validation / test splits. */
import { ValueError } from "../errors";
import { Generator } from "../tensor/random";

/** A seed or a generator to draw from. */
export type SeedLike = number | Generator;

/** Fractions of a split; `test` gets whatever `train` and `valid` leave. */
export interface SplitFractions {
  /** Fraction for training (default 0.8). */
  train?: number;
  /** Fraction for validation (default 0.1). */
  valid?: number;
}

/** The three parts of a dataset. */
export interface Splits<T> {
  train: T;
  valid: T;
  test: T;
}

/** A generator from a seed, or the generator itself. */
export function generatorOf(seed: SeedLike): Generator {
  return typeof seed === "number" ? new Generator(seed) : seed;
}

/**
 * A shuffled copy of `items` (Fisher-Yates); the same seed gives the same order on every machine.
 *
 * @example shuffled([1, 2, 3, 4], 0)
 */
export function shuffled<T>(items: readonly T[], seed: SeedLike): T[] {
  const gen = generatorOf(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = gen.integer(0, i + 1);
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}

/** The sizes [train, valid, test] of a split of n items. */
export function splitSizes(n: number, fractions: SplitFractions = {}): [number, number, number] {
  const train = fractions.train ?? 0.8;
  const valid = fractions.valid ?? 0.1;
  if (!(train >= 0 && valid >= 0 && train + valid <= 1 + 1e-12)) {
    throw new ValueError(`split: fractions must be >= 0 and sum to at most 1; expected train + valid <= 1, got train ${train}, valid ${valid}`);
  }
  const nTrain = Math.round(n * train);
  const nValid = Math.min(n - nTrain, Math.round(n * valid));
  return [nTrain, nValid, n - nTrain - nValid];
}

/**
 * Splits `items` into train / valid / test parts: shuffled first when `seed` is given (pairs,
 * synthetic examples), in order otherwise (a text stream, whose parts must stay contiguous).
 *
 * @example const { train, valid, test } = splitDataset(pairs, { train: 0.9, valid: 0.05 }, 0);
 */
export function splitDataset<T>(items: readonly T[], fractions: SplitFractions = {}, seed?: SeedLike): Splits<T[]> {
  const order = seed === undefined ? [...items] : shuffled(items, seed);
  const [a, b] = splitSizes(order.length, fractions);
  return { train: order.slice(0, a), valid: order.slice(a, a + b), test: order.slice(a + b) };
}

/** Splits an id stream (a corpus) into three contiguous parts. */
export function splitStream(ids: Int32Array, fractions: SplitFractions = {}): Splits<Int32Array> {
  const [a, b] = splitSizes(ids.length, fractions);
  return { train: ids.subarray(0, a), valid: ids.subarray(a, a + b), test: ids.subarray(a + b) };
}
