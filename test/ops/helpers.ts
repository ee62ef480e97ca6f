import { Generator, Tensor, rand, randn } from "../../src";

/** Options of a float64 leaf that gradcheck can differentiate. */
export const F64 = { dtype: "float64", requiresGrad: true } as const;

/** A float64 leaf of standard normal values. */
export function leaf(shape: readonly number[], generator?: Generator): Tensor {
  return randn(shape, { ...F64, generator });
}

/** A float64 leaf of values in [0.5, 2.5), for ops defined on positive numbers. */
export function positiveLeaf(shape: readonly number[], generator?: Generator): Tensor {
  const x = rand(shape, { dtype: "float64", generator });
  for (let i = 0; i < x.numel; i++) x.data[i] = 0.5 + 2 * (x.data[i] as number);
  return x.requiresGrad_();
}

/** A random shape of rank 0..maxRank with sizes 1..3 (size-1 dims included). */
export function randomShape(gen: Generator, maxRank = 3): number[] {
  const rank = gen.integer(0, maxRank + 1);
  return Array.from({ length: rank }, () => gen.integer(1, 4));
}

/**
 * Two shapes that broadcast against each other: the second drops some leading dims of the first
 * and has some of the others set to 1; the pair is swapped at random.
 */
export function broadcastPair(gen: Generator): [number[], number[]] {
  const a = randomShape(gen);
  const drop = gen.integer(0, a.length + 1);
  const b = a.slice(drop).map((s) => (gen.uniform() < 0.4 ? 1 : s));
  return gen.uniform() < 0.5 ? [a, b] : [b, a];
}

/** Runs `body` for `trials` seeded random cases. */
export function trials(count: number, seed: number, body: (gen: Generator, trial: number) => void): void {
  const gen = new Generator(seed);
  for (let t = 0; t < count; t++) body(gen, t);
}
