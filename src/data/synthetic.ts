/**
 * Synthetic sequence tasks, generated deterministically from a seed: copy, reverse and sort
 * (sequence to sequence over symbols "0", "1", ...), and the adding problem (Hochreiter and
 * Schmidhuber's long-term-dependency test).
 */
import { checkKnownOptions, optionNames } from "../known-options";
import { ValueError } from "../errors";
import { Tensor } from "../tensor/tensor";
import { TokenPair } from "./seq2seq-batch";
import { PairCorpus, pairCorpus } from "./sentence-pairs";
import { SplitFractions, generatorOf } from "./split";

/** The symbol tasks. */
export type SymbolTask = "copy" | "reverse" | "sort";

/** Options of `symbolTask`. */
export interface SymbolTaskOptions extends SplitFractions {
  /** Number of examples (default 5000). */
  count?: number;
  /** Number of distinct symbols "0" ... (default 10). */
  symbols?: number;
  /** Shortest sequence (default 3). */
  minLength?: number;
  /** Longest sequence (default 10). */
  maxLength?: number;
  /** Seed (default 0). */
  seed?: number;
}

const TARGETS: Record<SymbolTask, (src: readonly string[]) => string[]> = {
  copy: (src) => [...src],
  reverse: (src) => [...src].reverse(),
  sort: (src) => [...src].sort((a, b) => Number(a) - Number(b)),
};

/**
 * Pairs for copy, reverse or sort: sources are uniform random symbol strings of uniform random
 * length; the target is the source copied, reversed, or sorted by symbol value.
 *
 * @example const rev = symbolTask("reverse", { count: 2000, seed: 1 }); rev.train[0]
 */
export function symbolTask(task: SymbolTask, options: SymbolTaskOptions = {}): PairCorpus<TokenPair> {
  checkKnownOptions("symbolTask", options, optionNames<SymbolTaskOptions>({ count: true, symbols: true, minLength: true, maxLength: true, seed: true, train: true, valid: true }));
  const target = TARGETS[task];
  if (target === undefined) throw new ValueError(`symbolTask: unknown task; expected copy, reverse or sort, got ${String(task)}`);
  const count = options.count ?? 5000;
  const symbols = options.symbols ?? 10;
  const lo = options.minLength ?? 3;
  const hi = options.maxLength ?? 10;
  if (!(Number.isInteger(lo) && Number.isInteger(hi) && lo >= 1 && hi >= lo)) {
    throw new ValueError(`symbolTask: lengths must be integers with 1 <= minLength <= maxLength; got minLength ${lo}, maxLength ${hi}`);
  }
  if (!(Number.isInteger(symbols) && symbols >= 1)) throw new ValueError(`symbolTask: symbols must be a positive integer; got ${symbols}`);
  const gen = generatorOf(options.seed ?? 0);
  const pairs: TokenPair[] = [];
  for (let n = 0; n < count; n++) {
    const len = gen.integer(lo, hi + 1);
    const src: string[] = [];
    for (let i = 0; i < len; i++) src.push(String(gen.integer(0, symbols)));
    pairs.push({ src, tgt: target(src) });
  }
  return pairCorpus(pairs, { train: options.train, valid: options.valid, seed: (options.seed ?? 0) + 1 }, (t) => t.trim().split(/\s+/));
}

/** Options of `addingProblem`. */
export interface AddingProblemOptions {
  /** Number of sequences N (default 1000). */
  count?: number;
  /** Sequence length T (default 50). */
  length?: number;
  /** Seed (default 0). */
  seed?: number;
}

/**
 * The adding problem: each step carries a value u_t ~ U[0, 1) and a marker m_t in {0, 1}; exactly
 * two markers are 1, one in each half of the sequence, and the target is the sum of the two marked
 * values, y = sum_t m_t u_t. Predicting the constant 1 gives a mean squared error near 0.167, so a
 * model beats that baseline only by remembering across up to T steps.
 *
 * Returns inputs x [T, N, 2] (value, marker) in the default time-major layout and targets y [N, 1].
 *
 * @example const { x, y } = addingProblem({ count: 256, length: 30, seed: 0 });
 */
export function addingProblem(options: AddingProblemOptions = {}): { x: Tensor; y: Tensor } {
  checkKnownOptions("addingProblem", options, optionNames<AddingProblemOptions>({ count: true, length: true, seed: true }));
  const count = options.count ?? 1000;
  const length = options.length ?? 50;
  if (!(Number.isInteger(length) && length >= 2)) throw new ValueError(`addingProblem: length must be an integer >= 2; got ${length}`);
  if (!(Number.isInteger(count) && count >= 1)) throw new ValueError(`addingProblem: count must be a positive integer; got ${count}`);
  const gen = generatorOf(options.seed ?? 0);
  const x = new Float32Array(length * count * 2);
  const y = new Float32Array(count);
  const half = Math.floor(length / 2);
  for (let n = 0; n < count; n++) {
    const first = gen.integer(0, half);
    const second = gen.integer(half, length);
    let sum = 0;
    for (let t = 0; t < length; t++) {
      const u = gen.uniform();
      const at = (t * count + n) * 2;
      x[at] = u;
      if (t === first || t === second) {
        x[at + 1] = 1;
        sum += Math.fround(u);
      }
    }
    y[n] = sum;
  }
  return { x: new Tensor(x, [length, count, 2]), y: new Tensor(y, [count, 1]) };
}
