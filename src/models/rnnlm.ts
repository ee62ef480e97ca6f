/**
 * A recurrent language model (the character-level models that write text, Deep Learning for Engineers, lecture 11):
 *
 *   x_t = E w_t,   h_t = f(h_{t-1}, x_t),   p(w_{t+1} | w_<=t) = softmax(W_hy h_t + b_y)
 *
 * Where w [T, B] are token ids (time-major, as `data.lmBatches` makes them), E is
 * `embedding.weight` [V, E], f an RNN / LSTM / GRU stack (`rnn`), and W_hy `head.weight` [V, H].
 * Every part is time-major: `rnn` has batchFirst false, so `lm.rnn.forward(lm.embedding.forward(ids))`
 * reads ids [T, B] as the model does. With `tieWeights` the head reuses the embedding matrix
 * (W_hy = E, Press and Wolf 2017; needs embeddingDim = hiddenSize).
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
import { boolOption, checkKnownOptions, floatDTypeOption, positiveInt, probability } from "../nn/options";
import { RNN } from "../nn/recurrent/rnn";
import { CellType, RecurrentState, checkIds, makeRecurrent, runRecurrent } from "./seq2seq/recurrent";
import { Dropout } from "../nn/dropout";
import { cat, stack } from "../ops/cat";
import { moduleAllocationError } from "../nn/allocation-error";

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
  /** Share one matrix between the embedding and the output head (default false). */
  tieWeights?: boolean;
  dtype?: DType;
}

/** Options of `RNNLM.forward`. */
export interface RNNLMForwardOptions {
  /** Also return the hidden (and, for LSTM, cell) states of every layer at every step (default false). */
  returnStates?: boolean;
}

/** What `RNNLM.forward` returns. */
export interface RNNLMOutput {
  /** Next-token scores [T, B, V]. */
  logits: Tensor;
  /** The state after the last step, { h, c? } each [numLayers, B, H]: pass it to the next chunk. */
  state: RecurrentState;
  /** With returnStates: h_t of every layer, [numLayers, T, B, H] (the top layer is hidden.select(0, -1)). */
  hidden?: Tensor;
  /** With returnStates and an LSTM: c_t of every layer, [numLayers, T, B, H]. */
  cell?: Tensor;
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
  /** The recurrent stack, time-major like the model: it takes [T, B, E] (batchFirst false). */
  readonly rnn: RNN | LSTM | GRU;
  readonly drop: Dropout;
  readonly head: Linear;
  readonly vocabSize: number;
  readonly vocab: Vocab | null;
  readonly level: TokenLevel;

  constructor(options: RNNLMOptions) {
    super();
    checkKnownOptions("RNNLM", options, ["vocabSize", "embeddingDim", "hiddenSize", "numLayers", "cell", "dropout", "vocab", "level", "tieWeights", "dtype"]);
    const v = positiveInt("RNNLM", "vocabSize", options.vocabSize);
    const h = positiveInt("RNNLM", "hiddenSize", options.hiddenSize);
    const e = positiveInt("RNNLM", "embeddingDim", options.embeddingDim ?? h);
    const dtype = floatDTypeOption("RNNLM", options.dtype);
    const p = probability("RNNLM", "dropout", options.dropout, 0);
    const tie = boolOption("RNNLM", "tieWeights", options.tieWeights, false);
    if (tie && e !== h) {
      throw new ValueError(`RNNLM: tieWeights needs embeddingDim = hiddenSize (the head reuses the [V, E] embedding as its [V, H] weight); got embeddingDim ${e}, hiddenSize ${h}`);
    }
    if (options.vocab !== undefined && options.vocab.size !== v) {
      throw new ValueError(`RNNLM: vocab must have vocabSize entries; expected ${v}, got ${options.vocab.size}`);
    }
    this.vocabSize = v;
    this.vocab = options.vocab ?? null;
    this.level = options.level ?? "char";
    try {
      this.embedding = new Embedding(v, e, { dtype });
      const numLayers = positiveInt("RNNLM", "numLayers", options.numLayers ?? 1);
      this.rnn = makeRecurrent("RNNLM", options.cell ?? "lstm", { inputSize: e, hiddenSize: h, numLayers, dropout: p, dtype, batchFirst: false });
      this.drop = new Dropout(p);
      this.head = new Linear(h, v, { dtype });
    } catch (error) {
      throw moduleAllocationError("RNNLM", [options], error);
    }
    if (tie) this.head.weight = this.embedding.weight;
  }

  /**
   * Logits [T, B, V] of ids [T, B] from `state` (zeros when absent), and the final state; with
   * `returnStates`, also h_t (and c_t) of every layer at every step, for analysis (PCA of hidden
   * states, saliency through `grad`). Those run the same recurrence one step at a time.
   *
   * @example const { hidden } = lm.forward(ids, undefined, { returnStates: true }); // [L, T, B, H]
   */
  forward(ids: Tensor, state?: RecurrentState, options: RNNLMForwardOptions = {}): RNNLMOutput {
    checkKnownOptions("RNNLM.forward", options, ["returnStates"]);
    checkIds("RNNLM.forward", "ids", ids, this.vocabSize, undefined, "[T, B]");
    const x = this.drop.forward(this.embedding.forward(ids));
    if (options.returnStates === true) return this.forwardSteps(x, state);
    const out = runRecurrent(this.rnn, x, state);
    return { logits: this.head.forward(this.drop.forward(out.output)), state: out.state };
  }

  /** The recurrence one step at a time over x [T, B, E], keeping every layer's h_t and c_t. */
  private forwardSteps(x: Tensor, initial: RecurrentState | undefined): RNNLMOutput {
    let state = initial;
    const hs: Tensor[] = [];
    const cs: Tensor[] = [];
    const outputs: Tensor[] = [];
    for (let t = 0; t < (x.shape[0] ?? 0); t++) {
      const out = runRecurrent(this.rnn, x.narrow(0, t, 1), state);
      state = out.state;
      outputs.push(out.output);
      hs.push(out.state.h);
      if (out.state.c !== undefined) cs.push(out.state.c);
    }
    const output = cat(outputs, 0);
    const result: RNNLMOutput = { logits: this.head.forward(this.drop.forward(output)), state: state as RecurrentState, hidden: stack(hs, 1) };
    if (cs.length > 0) result.cell = stack(cs, 1);
    return result;
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
    checkKnownOptions("RNNLM.perplexity", options, ["batchSize", "bptt"]);
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
    checkSampleOptions("RNNLM.generate", options, ["prefix", "length", "seed"]);
    const length = options.length ?? 200;
    if (!(Number.isInteger(length) && length >= 0)) throw new ValueError(`RNNLM.generate: length must be an integer >= 0; got ${length}`);
    const gen = new Generator(options.seed ?? 0);
    const prefix = this.prefixIds(options.prefix, gen);
    const sampling = { temperature: options.temperature, topK: options.topK, topP: options.topP };
    const wasTraining = this.training;
    this.eval();
    try {
      return noGrad(() => {
        const ids = [...prefix];
        let out = this.forward(new Tensor(Int32Array.from(prefix), [prefix.length, 1]));
        for (let i = 0; i < length; i++) {
          const t = out.logits.shape[0] ?? 1;
          const row = out.logits.data.subarray((t - 1) * this.vocabSize, t * this.vocabSize);
          const next = sampleToken(row, sampling, gen);
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
    checkIds("RNNLM.generate", "prefix", new Tensor(Int32Array.from(prefix), [prefix.length, 1]), this.vocabSize, undefined, "[T, B]");
    return [...prefix];
  }

  override extraRepr(): string {
    return `vocabSize=${this.vocabSize}`;
  }
}
