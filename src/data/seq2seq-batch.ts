/**
 * Padded batches for encoder-decoder training, prepared as in the Advanced AI lecture (CS 581):
 *
 *   source       x_1 ... x_S <eos>
 *   target in    <sos> y_1 ... y_T        (what the decoder reads, teacher forcing)
 *   target out   y_1 ... y_T <eos>        (what it must predict)
 *
 * each padded with `<pad>` to the longest sequence of the batch, batch first: [B, S] and [B, T+1].
 */
import { checkKnownOptions, optionNames } from "../known-options";
import { ShapeError, ValueError } from "../errors";
import { Tensor } from "../tensor/tensor";
import { SeedLike, generatorOf, shuffled } from "./split";
import { EOS_ID, PAD_ID, SOS_ID, Vocab } from "./vocab";

/** A source and a target sequence, as token lists. */
export interface TokenPair {
  src: readonly string[];
  tgt: readonly string[];
}

/** A source and a target sequence, as ids (without specials). */
export interface IdPair {
  src: readonly number[];
  tgt: readonly number[];
}

/** One padded batch. */
export interface Seq2SeqBatch {
  /** Source ids with `<eos>` appended, padded: int32 [B, S]. */
  src: Tensor;
  /** Unpadded source lengths (with `<eos>`), one per row. */
  srcLengths: number[];
  /** Decoder inputs `<sos> y_1 ... y_T`, padded: int32 [B, T]. */
  tgtIn: Tensor;
  /** Decoder targets `y_1 ... y_T <eos>`, padded: int32 [B, T]. */
  tgtOut: Tensor;
  /** Unpadded target lengths (T + 1 per row). */
  tgtLengths: number[];
}

/** Options of `seq2seqBatches`. */
export interface Seq2SeqBatchOptions {
  /** Pairs per batch (default 32). */
  batchSize?: number;
  /** Shuffle the pairs with this seed or generator (default: keep the order). */
  shuffle?: SeedLike;
  /**
   * Group pairs of similar source length to cut padding: pairs are sorted by length inside
   * windows of `batchSize * bucket` pairs (default 1: no bucketing).
   */
  bucket?: number;
}

/** Token pairs to id pairs through the two vocabularies. */
export function encodePairs(pairs: readonly TokenPair[], srcVocab: Vocab, tgtVocab: Vocab): IdPair[] {
  return pairs.map((p) => ({ src: srcVocab.encode(p.src), tgt: tgtVocab.encode(p.tgt) }));
}

/**
 * Pads id pairs into one batch.
 *
 * @example const b = seq2seqBatch([{ src: [5, 6], tgt: [7] }]); b.tgtIn // [[1, 7]]
 */
export function seq2seqBatch(pairs: readonly IdPair[]): Seq2SeqBatch {
  if (pairs.length === 0) throw new ValueError("seq2seqBatch: pairs must not be empty; expected at least 1 pair, got 0");
  const src = pairs.map((p) => [...p.src, EOS_ID]);
  const tgtIn = pairs.map((p) => [SOS_ID, ...p.tgt]);
  const tgtOut = pairs.map((p) => [...p.tgt, EOS_ID]);
  return {
    src: padRows(src),
    srcLengths: src.map((s) => s.length),
    tgtIn: padRows(tgtIn),
    tgtOut: padRows(tgtOut),
    tgtLengths: tgtOut.map((s) => s.length),
  };
}

/**
 * All batches of an epoch, optionally shuffled (seeded) and bucketed by length.
 *
 * @example for (const batch of seq2seqBatches(trainIds, { batchSize: 64, shuffle: epoch })) ...
 */
export function seq2seqBatches(pairs: readonly IdPair[], options: Seq2SeqBatchOptions = {}): Seq2SeqBatch[] {
  checkKnownOptions("seq2seqBatches", options, optionNames<Seq2SeqBatchOptions>({ batchSize: true, shuffle: true, bucket: true }));
  const size = options.batchSize ?? 32;
  if (!Number.isInteger(size) || size < 1) throw new ValueError(`seq2seqBatches: batchSize must be a positive integer; got ${size}`);
  const gen = options.shuffle === undefined ? undefined : generatorOf(options.shuffle);
  let order = gen === undefined ? [...pairs] : shuffled(pairs, gen);
  const bucket = options.bucket ?? 1;
  if (bucket > 1) {
    const window = size * bucket;
    const sorted: IdPair[] = [];
    for (let i = 0; i < order.length; i += window) {
      sorted.push(...order.slice(i, i + window).sort((a, b) => a.src.length - b.src.length));
    }
    order = sorted;
  }
  const batches: Seq2SeqBatch[] = [];
  for (let i = 0; i < order.length; i += size) batches.push(seq2seqBatch(order.slice(i, i + size)));
  return gen === undefined || bucket <= 1 ? batches : shuffled(batches, gen);
}

/** Rows of ids padded with `<pad>` into an int32 [rows, max length] tensor. */
export function padRows(rows: readonly (readonly number[])[], padId = PAD_ID): Tensor {
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
  const data = new Int32Array(rows.length * width).fill(padId);
  rows.forEach((r, i) => data.set(r, i * width));
  return new Tensor(data, [rows.length, width]);
}

/**
 * Checks that `lengths` fit a padded [B, S] batch: one length per row, each in [1, S].
 * Returns them as a plain array.
 */
export function checkLengths(op: string, name: string, lengths: Tensor | readonly number[], batch: number, width: number): number[] {
  const list = lengths instanceof Tensor ? Array.from(lengths.data) : [...lengths];
  if (list.length !== batch) {
    throw new ShapeError(`${op}: ${name} must hold one length per batch row; expected [${batch}], got [${list.length}]`);
  }
  for (const [i, n] of list.entries()) {
    if (!Number.isInteger(n) || n < 1 || n > width) {
      throw new ValueError(`${op}: ${name}[${i}] must be an integer in [1, ${width}] (empty sequences are not allowed); got ${n}`);
    }
  }
  return list;
}
