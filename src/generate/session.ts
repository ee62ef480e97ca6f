/** The interface decoding algorithms drive: a model's decoder stepping over a batch of prefixes. */
import { Tensor } from "../tensor/tensor";

/** One decoder step for K prefixes. */
export interface StepOutput<St> {
  /** Scores of the next token [K, V]. */
  logits: Tensor;
  /** Attention weights over the source [K, S], or null for models without attention. */
  weights: Tensor | null;
  state: St;
}

/**
 * A decoder ready to run: its state for every batch row, a step function on the previous tokens
 * [K] (int32), and a reorder function that keeps (and repeats) rows, as beam search needs.
 */
export interface DecodingSession<St> {
  /** Rows B of the initial state. */
  batchSize: number;
  /** Unpadded source length of each row (attention matrices are cut to it); undefined without a source. */
  sourceLengths?: readonly number[];
  state: St;
  step(tokens: Tensor, state: St): StepOutput<St>;
  reorder(state: St, index: Int32Array): St;
}

/** A model that can start decoding from a padded source batch. */
export interface SourceDecodable<St> {
  decoding(src: Tensor, srcLengths: Tensor | readonly number[]): DecodingSession<St>;
}

/** One decoded sequence. */
export interface Hypothesis {
  /** Token ids without `<sos>`, ending with `<eos>` when finished. */
  tokens: number[];
  /** sum_t log p(y_t | y_<t, x) of the tokens. */
  logProb: number;
  /** The ranking score: logProb / lp(|y|) (equal to logProb without a length penalty). */
  score: number;
  /** Whether the hypothesis ended with `<eos>` (else it hit maxLength). */
  finished: boolean;
  /** Attention weights per output token [tokens.length][S] (empty without attention). */
  attention: number[][];
}

/** Row `r` of a [K, S] weights tensor, cut to `len` entries. */
export function attentionRow(weights: Tensor | null, r: number, len: number | undefined): number[] {
  if (weights === null) return [];
  const s = weights.shape[1] ?? 0;
  return Array.from(weights.data.subarray(r * s, r * s + (len ?? s)));
}
