/**
 * Encoder-decoder (sequence to sequence) model of the Advanced AI lecture (CS 581).
 *
 *   encoder:  h_i = f_enc(E_src x_i, h_{i-1}),  i = 1..S        (x_S = <eos>)
 *   decoder:  s_t = f_dec(s_{t-1}, E_tgt y_{t-1}),  s_0 = h_S   (y_0 = <sos>)
 *             p(y_t | y_<t, x) = softmax(W_o h~_t + b_o)
 *
 * Where x [B, S] are source ids, y [B, T] target ids, h_i [B, D*H] encoder outputs, s_t [B, H]
 * decoder states, and h~_t the attentional state (see `Seq2SeqDecoder`; h~_t = s_t without
 * attention). Training maximizes sum_t log p(y_t | y_<t, x) with teacher forcing: the decoder
 * reads the true y_{t-1}; with `teacherForcingRatio` r < 1 it reads its own previous prediction
 * with probability 1 - r (what it faces at test time: exposure bias).
 *
 * @example
 * const model = new nn.Seq2Seq({ srcVocabSize: 40, tgtVocabSize: 16, hiddenSize: 64, attention: "additive" });
 * const { logits, attention } = model.forward(b.src, b.srcLengths, b.tgtIn); // [B, T, V], [B, T, S]
 */
import { argmax } from "../../ops/max";
import { stack } from "../../ops/cat";
import { select } from "../../ops/narrow";
import { crossEntropy } from "../../functional/cross-entropy";
import { Generator, defaultGenerator } from "../../tensor/random";
import { Tensor } from "../../tensor/tensor";
import { PAD_ID } from "../../data/vocab";
import { checkLengths, Seq2SeqBatch } from "../../data/seq2seq-batch";
import { tokenAccuracy } from "../../train/metrics";
import { paddingMask } from "../../nn/attention/attend";
import { Module } from "../../nn/module";
import { boolOption, checkKnownOptions, floatDTypeOption, positiveInt, probability } from "../../nn/options";
import { optionNames } from "../../known-options";
import { AttentionType, DecoderState, Memory, Seq2SeqDecoder } from "./decoder";
import { Seq2SeqEncoder } from "./encoder";
import { CellType, checkIds } from "./recurrent";
import type { DType } from "../../tensor/dtype";
import type { DecodingSession } from "../../generate/session";
import { moduleAllocationError } from "../../nn/allocation-error";

/** Options of `Seq2Seq`. */
export interface Seq2SeqOptions {
  /** Source vocabulary size V_src. */
  srcVocabSize: number;
  /** Target vocabulary size V_tgt. */
  tgtVocabSize: number;
  /** Hidden size H of encoder and decoder. */
  hiddenSize: number;
  /** Embedding size E (default hiddenSize). */
  embeddingDim?: number;
  /** Stacked recurrent layers in encoder and decoder (default 1). */
  numLayers?: number;
  /** "rnn", "lstm" or "gru" (default "gru"). */
  cell?: CellType;
  /** Bidirectional encoder, bridged into the decoder's state (default false). */
  bidirectional?: boolean;
  /** Attention score: "none" (the bottleneck model), "dot", "general", "additive" (default) or "scaled". */
  attention?: AttentionType;
  /** Feed h~_{t-1} into the decoder input (Luong's input feeding; default false). */
  inputFeeding?: boolean;
  /** Dropout between stacked recurrent layers (default 0). */
  dropout?: number;
  /** Parameter dtype (default float32). */
  dtype?: DType;
}

/** The decoding state of a `Seq2Seq`: decoder state and the attention memory of its rows. */
export interface Seq2SeqDecodingState {
  dec: DecoderState;
  memory: Memory;
}

/** Options of `Seq2Seq.forward`. */
export interface Seq2SeqForwardOptions {
  /** Probability r of reading the true previous token at each step (default 1: teacher forcing). */
  teacherForcingRatio?: number;
  /** Generator for the teacher-forcing coin flips (default: the global one). */
  generator?: Generator;
}

const SEQ2SEQ_FORWARD_OPTIONS = optionNames<Seq2SeqForwardOptions>({ teacherForcingRatio: true, generator: true });

/** What `Seq2Seq.forward` returns. */
export interface Seq2SeqOutput {
  /** Scores of every target step [B, T, V_tgt]. */
  logits: Tensor;
  /** Attention weights of every step [B, T, S] (rows sum to 1, padded source 0); null without attention. */
  attention: Tensor | null;
}

const OPTION_NAMES = ["srcVocabSize", "tgtVocabSize", "hiddenSize", "embeddingDim", "numLayers", "cell", "bidirectional", "attention", "inputFeeding", "dropout", "dtype"];

/** Encoder-decoder with optional attention; see the file comment for the equations. */
export class Seq2Seq extends Module {
  readonly encoder: Seq2SeqEncoder;
  readonly decoder: Seq2SeqDecoder;
  /** The options with defaults filled in. */
  readonly config: Required<Omit<Seq2SeqOptions, "dtype">> & { dtype: DType };

  constructor(options: Seq2SeqOptions) {
    super();
    checkKnownOptions("Seq2Seq", options, OPTION_NAMES);
    const hiddenSize = positiveInt("Seq2Seq", "hiddenSize", options.hiddenSize);
    const c = {
      srcVocabSize: positiveInt("Seq2Seq", "srcVocabSize", options.srcVocabSize),
      tgtVocabSize: positiveInt("Seq2Seq", "tgtVocabSize", options.tgtVocabSize),
      hiddenSize,
      embeddingDim: positiveInt("Seq2Seq", "embeddingDim", options.embeddingDim ?? hiddenSize),
      numLayers: positiveInt("Seq2Seq", "numLayers", options.numLayers ?? 1),
      cell: options.cell ?? "gru",
      bidirectional: boolOption("Seq2Seq", "bidirectional", options.bidirectional, false),
      attention: options.attention ?? "additive",
      inputFeeding: boolOption("Seq2Seq", "inputFeeding", options.inputFeeding, false),
      dropout: probability("Seq2Seq", "dropout", options.dropout, 0),
      dtype: floatDTypeOption("Seq2Seq", options.dtype),
    };
    this.config = c;
    const shared = { embeddingDim: c.embeddingDim, hiddenSize, numLayers: c.numLayers, cell: c.cell, dropout: c.dropout, dtype: c.dtype };
    try {
      this.encoder = new Seq2SeqEncoder({ ...shared, vocabSize: c.srcVocabSize, bidirectional: c.bidirectional });
      const memorySize = hiddenSize * (c.bidirectional ? 2 : 1);
      this.decoder = new Seq2SeqDecoder({ ...shared, vocabSize: c.tgtVocabSize, memorySize, attention: c.attention, inputFeeding: c.inputFeeding });
    } catch (error) {
      throw moduleAllocationError("Seq2Seq", [options], error);
    }
  }

  /** Encodes src [B, S] into the decoder's first state and the attention memory. */
  encode(src: Tensor, srcLengths: Tensor | readonly number[]): { state: DecoderState; memory: Memory } {
    const op = "Seq2Seq.encode";
    checkIds(op, "src", src, this.config.srcVocabSize);
    const [b, s] = src.shape as [number, number];
    const lengths = checkLengths(op, "srcLengths", srcLengths, b, s);
    const enc = this.encoder.forward(src, lengths);
    return { state: this.decoder.initialState(enc.state), memory: this.decoder.memory(enc.outputs, paddingMask(lengths, s)) };
  }

  /**
   * Scores every target step given the source and the decoder inputs tgtIn = <sos> y_1 .. y_{T-1}.
   */
  forward(src: Tensor, srcLengths: Tensor | readonly number[], tgtIn: Tensor, options: Seq2SeqForwardOptions = {}): Seq2SeqOutput {
    const op = "Seq2Seq.forward";
    checkKnownOptions(op, options, SEQ2SEQ_FORWARD_OPTIONS);
    const ratio = probability(op, "teacherForcingRatio", options.teacherForcingRatio, 1);
    checkIds(op, "src", src, this.config.srcVocabSize);
    checkIds(op, "tgtIn", tgtIn, this.config.tgtVocabSize, src.shape[0]);
    const { state, memory } = this.encode(src, srcLengths);
    if (ratio === 1 && !this.config.inputFeeding) {
      const out = this.decoder.forwardSequence(tgtIn, state, memory);
      return { logits: out.logits, attention: out.weights };
    }
    const gen = options.generator ?? defaultGenerator;
    const logits: Tensor[] = [];
    const weights: Tensor[] = [];
    let st = state;
    let prev = select(tgtIn, 1, 0);
    for (let t = 0; t < (tgtIn.shape[1] ?? 0); t++) {
      const out = this.decoder.step(prev, st, memory);
      logits.push(out.logits);
      if (out.weights !== null) weights.push(out.weights);
      st = out.state;
      if (t + 1 < (tgtIn.shape[1] ?? 0)) prev = ratio === 1 || gen.uniform() < ratio ? select(tgtIn, 1, t + 1) : argmax(out.logits.detach(), 1);
    }
    return { logits: stack(logits, 1), attention: weights.length === 0 ? null : stack(weights, 1) };
  }

  /**
   * Starts decoding a source batch: the session `greedyDecode` and `beamSearch` drive.
   *
   * @example const [h] = generate.greedyDecode(model, batch.src, batch.srcLengths);
   */
  decoding(src: Tensor, srcLengths: Tensor | readonly number[]): DecodingSession<Seq2SeqDecodingState> {
    const { state, memory } = this.encode(src, srcLengths);
    const lengths = srcLengths instanceof Tensor ? Array.from(srcLengths.data) : [...srcLengths];
    return {
      batchSize: src.shape[0] ?? 0,
      sourceLengths: lengths,
      state: { dec: state, memory },
      step: (tokens, st) => {
        const out = this.decoder.step(tokens, st.dec, st.memory);
        return { logits: out.logits, weights: out.weights, state: { dec: out.state, memory: st.memory } };
      },
      reorder: (st, index) => {
        const r = this.decoder.reorder(st.dec, st.memory, index);
        return { dec: r.state, memory: r.memory };
      },
    };
  }

  /**
   * Mean cross-entropy of a batch over non-padding target tokens, with token accuracy; the
   * shape `train({ loss })` takes.
   *
   * @example await train({ model, data, optimizer, loss: (b) => model.loss(b) });
   */
  loss(batch: Seq2SeqBatch, options: Seq2SeqForwardOptions = {}): { loss: Tensor; metrics: Record<string, number> } {
    checkKnownOptions("Seq2Seq.loss", options, SEQ2SEQ_FORWARD_OPTIONS);
    const { logits } = this.forward(batch.src, batch.srcLengths, batch.tgtIn, options);
    const loss = crossEntropy(logits, batch.tgtOut, { ignoreIndex: PAD_ID });
    return { loss, metrics: { accuracy: tokenAccuracy(logits, batch.tgtOut) } };
  }

  override extraRepr(): string {
    const c = this.config;
    return `cell=${c.cell}, hiddenSize=${c.hiddenSize}, attention=${c.attention}${c.bidirectional ? ", bidirectional" : ""}${c.inputFeeding ? ", inputFeeding" : ""}`;
  }
}
