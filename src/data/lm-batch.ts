/**
 * Language-model batches: a token stream cut into B parallel columns, then into chunks of k steps.
 *
 *   stream  w_0 w_1 ... w_{N-1}   ->   columns [N/B, B]   ->   chunks input [k, B], target [k, B]
 *
 * where target is input shifted by one step (y_t = w_{t+1}). Consecutive chunks continue each
 * column, so a model may carry its hidden state from one chunk to the next (truncated BPTT).
 */
import { checkKnownOptions, optionNames } from "../known-options";
import { ValueError } from "../errors";
import { Tensor } from "../tensor/tensor";
import { SeedLike, generatorOf, shuffled } from "./split";

/** One chunk: inputs and next-token targets, time-major int32 [k, B]. */
export interface LMBatch {
  input: Tensor;
  target: Tensor;
}

/** Options of `lmBatches`. */
export interface LMBatchOptions {
  /** Number of parallel columns B (default 32). */
  batchSize?: number;
  /** Steps per chunk k (default 64); the last chunk may be shorter. */
  bptt?: number;
  /**
   * Shuffle the order of the chunks with this seed (default: in order). Shuffled chunks are
   * independent samples: do not carry the hidden state across them.
   */
  shuffle?: SeedLike;
  /** Drop the first `offset` tokens, so epochs can start at different places (default 0). */
  offset?: number;
}

/**
 * Cuts `ids` into language-model chunks (tokens that do not fill a whole column are dropped).
 *
 * @example for (const { input, target } of lmBatches(corpus.train, { batchSize: 32, bptt: 64 })) ...
 */
export function lmBatches(ids: ArrayLike<number>, options: LMBatchOptions = {}): LMBatch[] {
  checkKnownOptions("lmBatches", options, optionNames<LMBatchOptions>({ batchSize: true, bptt: true, shuffle: true, offset: true }));
  const b = options.batchSize ?? 32;
  const k = options.bptt ?? 64;
  const offset = options.offset ?? 0;
  if (!(Number.isInteger(b) && b >= 1 && Number.isInteger(k) && k >= 1)) {
    throw new ValueError(`lmBatches: batchSize and bptt must be positive integers; got batchSize ${b}, bptt ${k}`);
  }
  const rows = Math.floor((ids.length - offset) / b);
  if (rows < 2) {
    throw new ValueError(`lmBatches: the stream is too short; expected at least ${2 * b + offset} tokens for batchSize ${b}, got ${ids.length}`);
  }
  // columns[t, j] = ids[offset + j * rows + t]
  const columns = new Int32Array(rows * b);
  for (let j = 0; j < b; j++) for (let t = 0; t < rows; t++) columns[t * b + j] = ids[offset + j * rows + t] as number;
  const batches: LMBatch[] = [];
  for (let start = 0; start < rows - 1; start += k) {
    const len = Math.min(k, rows - 1 - start);
    const input = columns.slice(start * b, (start + len) * b);
    const target = columns.slice((start + 1) * b, (start + 1 + len) * b);
    batches.push({ input: new Tensor(input, [len, b]), target: new Tensor(target, [len, b]) });
  }
  return options.shuffle === undefined ? batches : shuffled(batches, generatorOf(options.shuffle));
}
