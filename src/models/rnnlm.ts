/**
 * A recurrent language model (the character-level models that write text, Deep Learning for Engineers, lecture 11):
 *
 *   x_t = E w_t,   h_t = f(h_{t-1}, x_t),   p(w_{t+1} | w_<=t) = softmax(W_hy h_t + b_y)
 *
 * Where w [T, B] are token ids (time-major, as `data.lmBatches` makes them), E is
 * `embedding.weight` [V, E], f an RNN / LSTM / GRU stack (`rnn`), and W_hy `head.weight` [V, H].
 * Trained by minimizing cross-entropy; perplexity = exp(mean negative log-likelihood).
 */
import { noGrad } from "../autograd/grad-mode";
import { ValueError } from "../errors";
import { crossEntropy } from "../functional/cross-entropy";
import { Generator } from "../tensor/random";
import type { DType } from "../tensor/dtype";
import { Tensor } from "../tensor/tensor";
import { LMBatch, lmBatches } from "../data/lm-batch";
import { Vocab } from "../data/vocab";
import { TokenLevel, detokenize, tokenizer } from "../data/tokenize";
import { SampleOptions, checkSampleOptions, sampleToken } from "../generate/sample";
import { Embedding } from "../nn/embedding";
import { GRU } from "../nn/recurrent/gru";
import { Linear } from "../nn/linear";
import { LSTM } from "../nn/recurrent/lstm";
import { Module } from "../nn/module";
import { checkKnownOptions, floatDTypeOption, positiveInt, probability } from "../nn/options";
import { RNN } from "../nn/recurrent/rnn";
import { CellType, RecurrentState, checkIds, makeRecurrent, runRecurrent } from "./seq2seq/recurrent";
import { Dropout } from "../nn/dropout";

/** Options of `RNNLM`. */
export interface RNNLMOptions {
  /** Vocabulary size V. */
  vocabSize: number;
  /** Embedding size E (default hiddenSize). */
  embeddingDim?: number;
  /** Hidden size H. */
  hiddenSize: number;
  /** Stacked layers (default 1). */
  numLayers?: number;
  /** "rnn", "lstm" (default) or "gru". */
  cell?: CellType;
  /** Dropout on embeddings, between layers and before the head (default 0). */
  dropout?: number;
  /** The vocabulary, for text prefixes and text output in `generate`. */
  vocab?: Vocab;
  /** Token level of `vocab` (default "char"). */
  level?: TokenLevel;
  dtype?: DType;
}

/** Options of `RNNLM.generate`. */
export interface GenerateOptions extends SampleOptions {
  /** Text (needs `vocab`) or ids to start from (default: one random token). */
  prefix?: string | readonly number[];
  /** Tokens to generate after the prefix (default 200). */
  length?: number;
  /** Seed of the sampler (default 0). */
  seed?: number;
}

/** Embedding, recurrent stack, linear head; see the file comment. */
export class RNNLM extends Module {
  readonly embedding: Embedding;
  readonly rnn: RNN | LSTM | GRU;
  readonly drop: Dropout;
  readonly head: Linear;
  readonly vocabSize: number;
  readonly vocab: Vocab | null;
  readonly level: TokenLevel;

  constructor(options: RNNLMOptions) {
    super();
    checkKnownOptions("RNNLM", options, ["vocabSize", "embeddingDim", "hiddenSize", "numLayers", "cell", "dropout", "vocab", "level", "dtype"]);
    const v = positiveInt("RNNLM", "vocabSize", options.vocabSize);
    const h = positiveInt("RNNLM", "hiddenSize", options.hiddenSize);
    const e = positiveInt("RNNLM", "embeddingDim", options.embeddingDim ?? h);
    const dtype = floatDTypeOption("RNNLM", options.dtype);
    const p = probability("RNNLM", "dropout", options.dropout, 0);
    if (options.vocab !== undefined && options.vocab.size !== v) {
      throw new ValueError(`RNNLM: vocab must have vocabSize entries; expected ${v}, got ${options.vocab.size}`);
    }
    this.vocabSize = v;
    this.vocab = options.vocab ?? null;
    this.level = options.level ?? "char";
    this.embedding = new Embedding(v, e, { dtype });
    this.rnn = makeRecurrent("RNNLM", options.cell ?? "lstm", { inputSize: e, hiddenSize: h, numLayers: positiveInt("RNNLM", "numLayers", options.numLayers ?? 1), dropout: p, dtype });
    this.drop = new Dropout(p);
    this.head = new Linear(h, v, { dtype });
  }

  /** Logits [T, B, V] of ids [T, B] from `state` (zeros when absent), and the final state. */
  forward(ids: Tensor, state?: RecurrentState): { logits: Tensor; state: RecurrentState } {
    checkIds("RNNLM.forward", "ids", ids, this.vocabSize);
    // the layers are batch first; the model is time-major like the lecture's w_1..w_T columns
    const x = this.drop.forward(this.embedding.forward(ids.transpose(0, 1)));
    const out = runRecurrent(this.rnn, x, state);
    return { logits: this.head.forward(this.drop.forward(out.output)).transpose(0, 1), state: out.state };
  }

  /**
   * Cross-entropy of a chunk, carrying `state` (the shape `train({ tbptt: true, loss })` takes).
   *
   * @example await train({ model, data: chunks, tbptt: true, loss: (b, ctx) => model.loss(b, ctx.state), ... });
   */
  loss(batch: LMBatch, state?: RecurrentState): { loss: Tensor; state: RecurrentState; metrics: Record<string, number> } {
    const out = this.forward(batch.input, state);
    const loss = crossEntropy(out.logits, batch.target);
    return { loss, state: out.state, metrics: { perplexity: Math.exp(loss.item()) } };
  }

  /**
   * Perplexity exp((1/N) sum_t -log p(w_{t+1} | w_<=t)) over a token stream, in eval mode,
   * carrying the state across chunks.
   */
  perplexity(ids: ArrayLike<number>, options: { batchSize?: number; bptt?: number } = {}): number {
    const wasTraining = this.training;
    this.eval();
    try {
      return noGrad(() => {
        let state: RecurrentState | undefined;
        let nll = 0;
        let count = 0;
        for (const batch of lmBatches(ids, { batchSize: options.batchSize ?? 16, bptt: options.bptt ?? 64 })) {
          const out = this.forward(batch.input, state);
          state = out.state;
          nll += crossEntropy(out.logits, batch.target, { reduction: "sum" }).item();
          count += batch.target.numel;
        }
        return Math.exp(nll / count);
      });
    } finally {
      this.train(wasTraining);
    }
  }

  /**
   * Writes `length` tokens after `prefix` by sampling (temperature, top-k, top-p), seeded.
   *
   * @example model.generate({ prefix: "ROMEO:", length: 300, temperature: 0.8, seed: 1 }).text
   */
  generate(options: GenerateOptions = {}): { ids: number[]; text: string | null } {
    checkSampleOptions("RNNLM.generate", options);
    const length = options.length ?? 200;
    if (!(Number.isInteger(length) && length >= 0)) throw new ValueError(`RNNLM.generate: length must be an integer >= 0; got ${length}`);
    const gen = new Generator(options.seed ?? 0);
    const prefix = this.prefixIds(options.prefix, gen);
    const wasTraining = this.training;
    this.eval();
    try {
      return noGrad(() => {
        const ids = [...prefix];
        let out = this.forward(new Tensor(Int32Array.from(prefix), [prefix.length, 1]));
        for (let i = 0; i < length; i++) {
          const t = out.logits.shape[0] ?? 1;
          const row = out.logits.data.subarray((t - 1) * this.vocabSize, t * this.vocabSize);
          const next = sampleToken(row, options, gen);
          ids.push(next);
          out = this.forward(new Tensor(Int32Array.of(next), [1, 1]), out.state);
        }
        const text = this.vocab === null ? null : detokenize(this.vocab.decode(ids, { stopAtEos: false, stripSpecials: false }), this.level);
        return { ids, text };
      });
    } finally {
      this.train(wasTraining);
    }
  }

  private prefixIds(prefix: string | readonly number[] | undefined, gen: Generator): number[] {
    if (prefix === undefined) return [gen.integer(0, this.vocabSize)];
    if (typeof prefix === "string") {
      if (this.vocab === null) throw new ValueError("RNNLM.generate: a text prefix needs the model's vocab; expected the vocab option at construction, got none");
      const ids = this.vocab.encode(tokenizer(this.level)(prefix));
      if (ids.length === 0) throw new ValueError(`RNNLM.generate: prefix must hold at least one token; got ${JSON.stringify(prefix)}`);
      return ids;
    }
    if (prefix.length === 0) throw new ValueError("RNNLM.generate: prefix must hold at least one token; got []");
    checkIds("RNNLM.generate", "prefix", new Tensor(Int32Array.from(prefix), [prefix.length, 1]), this.vocabSize);
    return [...prefix];
  }

  override extraRepr(): string {
    return `vocabSize=${this.vocabSize}`;
  }
}
