/**
 * The decoder of the Advanced AI lecture (CS 581), with or without attention (Luong's formulation):
 *
 *   s_t = f(s_{t-1}, [E y_{t-1}; h~_{t-1}])       (h~_{t-1} only with input feeding)
 *   c_t = sum_i w_{t,i} h_i,   w_t = softmax(score(s_t, h_1..S))
 *   h~_t = tanh(W_c [c_t; s_t] + b_c),   logits_t = W_o h~_t + b_o
 *
 * and without attention logits_t = W_o s_t + b_o: everything the decoder knows about the source
 * then passes through s_0, the bottleneck.
 */
import { ValueError } from "../../errors";
import { cat } from "../../ops/cat";
import { indexSelect } from "../../ops/index-select";
import { squeeze, unsqueeze } from "../../ops/squeeze";
import { DType, allocate } from "../../tensor/dtype";
import { Tensor } from "../../tensor/tensor";
import { PAD_ID } from "../../data/vocab";
import { AdditiveAttention } from "../../nn/attention/additive-attention";
import { AttentionOutput } from "../../nn/attention/attend";
import { DotAttention, GeneralAttention, ScaledDotProductAttention } from "../../nn/attention/dot-attention";
import { Embedding } from "../../nn/embedding";
import { GRU } from "../../nn/recurrent/gru";
import { Linear } from "../../nn/linear";
import { LSTM } from "../../nn/recurrent/lstm";
import { Module } from "../../nn/module";
import { RNN } from "../../nn/recurrent/rnn";
import { linearTanh } from "./bridge";
import { CellType, RecurrentState, makeRecurrent, runRecurrent, selectState } from "./recurrent";

/** The attention score functions a decoder can use, or none. */
export type AttentionType = "none" | "dot" | "general" | "additive" | "scaled";

/** Options of `Seq2SeqDecoder`. */
export interface DecoderOptions {
  vocabSize: number;
  embeddingDim: number;
  hiddenSize: number;
  /** Features of the encoder outputs (D*H). */
  memorySize: number;
  numLayers: number;
  cell: CellType;
  attention: AttentionType;
  inputFeeding: boolean;
  dropout: number;
  dtype: DType;
}

/** The encoder outputs the decoder attends to. */
export interface Memory {
  /** h_1 ... h_S [B, S, K]. */
  outputs: Tensor;
  /** Padding mask [B, S] (1 = padded). */
  mask: Tensor;
  /** Additive attention's W_h h_i + b, computed once. */
  projectedKeys?: Tensor;
}

/** The decoder state between steps. */
export interface DecoderState {
  rnn: RecurrentState;
  /** h~_{t-1} [B, H] for input feeding (zeros at the start), else null. */
  feed: Tensor | null;
}

/** What a decoder pass returns. */
export interface DecoderOutput {
  /** [B, T, V] for a sequence, [B, V] for a step. */
  logits: Tensor;
  /** Attention weights [B, T, S] or [B, S]; null without attention. */
  weights: Tensor | null;
  state: DecoderState;
}

type Attention = DotAttention | GeneralAttention | AdditiveAttention | ScaledDotProductAttention;

/** Embedding, recurrent layer, optional attention and attentional layer, output projection. */
export class Seq2SeqDecoder extends Module {
  readonly embedding: Embedding;
  readonly rnn: RNN | LSTM | GRU;
  readonly attention: Attention | null;
  readonly combine: Linear | null;
  readonly out: Linear;
  readonly inputFeeding: boolean;
  readonly hiddenSize: number;

  constructor(o: DecoderOptions) {
    super();
    if (o.inputFeeding && o.attention === "none") {
      throw new ValueError(`Seq2Seq: inputFeeding needs attention; expected attention other than "none", got inputFeeding true with "none"`);
    }
    this.hiddenSize = o.hiddenSize;
    this.inputFeeding = o.inputFeeding;
    this.embedding = new Embedding(o.vocabSize, o.embeddingDim, { paddingIdx: PAD_ID, dtype: o.dtype });
    const inputSize = o.embeddingDim + (o.inputFeeding ? o.hiddenSize : 0);
    this.rnn = makeRecurrent("Seq2Seq", o.cell, { inputSize, hiddenSize: o.hiddenSize, numLayers: o.numLayers, dropout: o.dropout, dtype: o.dtype });
    this.attention = makeAttention(o);
    this.combine = this.attention === null ? null : new Linear(o.memorySize + o.hiddenSize, o.hiddenSize, { dtype: o.dtype });
    this.out = new Linear(o.hiddenSize, o.vocabSize, { dtype: o.dtype });
  }

  /** The memory for `outputs` (precomputing additive attention's key projection). */
  memory(outputs: Tensor, mask: Tensor): Memory {
    const projectedKeys = this.attention instanceof AdditiveAttention ? this.attention.projectKeys(outputs) : undefined;
    return projectedKeys === undefined ? { outputs, mask } : { outputs, mask, projectedKeys };
  }

  /** The first state from the encoder's final state. */
  initialState(rnn: RecurrentState): DecoderState {
    const b = rnn.h.shape[1] ?? 0;
    const feed = this.inputFeeding ? new Tensor(allocate(rnn.h.dtype, b * this.hiddenSize), [b, this.hiddenSize]) : null;
    return { rnn, feed };
  }

  /** All steps at once from teacher-forced inputs [B, T] (no input feeding: one recurrent call). */
  forwardSequence(tokens: Tensor, state: DecoderState, memory: Memory): DecoderOutput {
    if (this.inputFeeding) throw new ValueError("Seq2SeqDecoder.forwardSequence: input feeding decodes step by step; expected inputFeeding false, got true");
    const { output, state: rnn } = runRecurrent(this.rnn, this.embedding.forward(tokens), state.rnn);
    const { logits, weights } = this.readout(output, memory);
    return { logits, weights, state: { rnn, feed: null } };
  }

  /** One step from the previous tokens [B] (int32). */
  step(tokens: Tensor, state: DecoderState, memory: Memory): DecoderOutput {
    let x = this.embedding.forward(unsqueeze(tokens, 1));
    if (state.feed !== null) x = cat([x, unsqueeze(state.feed, 1)], 2);
    const { output, state: rnn } = runRecurrent(this.rnn, x, state.rnn);
    const r = this.readout(output, memory);
    return {
      logits: squeeze(r.logits, 1),
      weights: r.weights === null ? null : squeeze(r.weights, 1),
      state: { rnn, feed: this.inputFeeding && r.attentional !== null ? squeeze(r.attentional, 1) : null },
    };
  }

  /** Keeps rows `index` of a state and of the memory (beam search). */
  reorder(state: DecoderState, memory: Memory, index: Int32Array): { state: DecoderState; memory: Memory } {
    const ix = new Tensor(index, [index.length]);
    const pick = (t: Tensor): Tensor => indexSelect(t, 0, ix);
    const mem: Memory = { outputs: pick(memory.outputs), mask: pick(memory.mask) };
    if (memory.projectedKeys !== undefined) mem.projectedKeys = pick(memory.projectedKeys);
    return { state: { rnn: selectState(state.rnn, index), feed: state.feed === null ? null : pick(state.feed) }, memory: mem };
  }

  /** s [B, T, H] -> logits [B, T, V] (through attention when present). */
  private readout(s: Tensor, memory: Memory): { logits: Tensor; weights: Tensor | null; attentional: Tensor | null } {
    if (this.attention === null || this.combine === null) return { logits: this.out.forward(s), weights: null, attentional: null };
    const att: AttentionOutput =
      this.attention instanceof AdditiveAttention
        ? this.attention.forward(s, memory.outputs, memory.outputs, memory.projectedKeys === undefined ? { mask: memory.mask } : { mask: memory.mask, projectedKeys: memory.projectedKeys })
        : this.attention.forward(s, memory.outputs, memory.outputs, { mask: memory.mask });
    const attentional = linearTanh(this.combine, cat([att.context, s], 2));
    return { logits: this.out.forward(attentional), weights: att.weights, attentional };
  }
}

function makeAttention(o: DecoderOptions): Attention | null {
  switch (o.attention) {
    case "none":
      return null;
    case "dot":
      if (o.memorySize !== o.hiddenSize) throw new ValueError(`Seq2Seq: dot attention needs encoder outputs of the decoder's size; expected ${o.hiddenSize}, got ${o.memorySize} (use "general" or "additive" with a bidirectional encoder)`);
      return new DotAttention();
    case "scaled":
      if (o.memorySize !== o.hiddenSize) throw new ValueError(`Seq2Seq: scaled attention needs encoder outputs of the decoder's size; expected ${o.hiddenSize}, got ${o.memorySize}`);
      return new ScaledDotProductAttention();
    case "general":
      return new GeneralAttention(o.hiddenSize, o.memorySize, { dtype: o.dtype });
    case "additive":
      return new AdditiveAttention(o.hiddenSize, o.memorySize, { attnDim: o.hiddenSize, dtype: o.dtype });
    default:
      throw new ValueError(`Seq2Seq: attention must be "none", "dot", "general", "additive" or "scaled"; got ${String(o.attention)}`);
  }
}
