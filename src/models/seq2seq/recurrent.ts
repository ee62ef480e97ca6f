/** One interface over RNN, LSTM and GRU for the encoder-decoder models: a state is { h, c? }. */
import { DTypeError, IndexError, ShapeError, ValueError } from "../../errors";
import { indexSelect } from "../../ops/index-select";
import { DType, allocate } from "../../tensor/dtype";
import { formatShape } from "../../tensor/shape";
import { Tensor } from "../../tensor/tensor";
import { GRU } from "../../nn/recurrent/gru";
import { LSTM } from "../../nn/recurrent/lstm";
import { RNN } from "../../nn/recurrent/rnn";

/** The recurrent cell kind. */
export type CellType = "rnn" | "lstm" | "gru";

/** A recurrent state: h [L, B, H] and, for LSTM, c [L, B, H]. */
export interface RecurrentState {
  h: Tensor;
  c?: Tensor;
}

/** A recurrent layer of `cell` kind, batch first unless `batchFirst: false`. */
export function makeRecurrent(
  owner: string,
  cell: CellType,
  options: { inputSize: number; hiddenSize: number; numLayers: number; bidirectional?: boolean; dropout?: number; dtype: DType; batchFirst?: boolean },
): RNN | LSTM | GRU {
  const o = { ...options, batchFirst: options.batchFirst ?? true };
  if (cell === "lstm") return new LSTM(o);
  if (cell === "gru") return new GRU(o);
  if (cell === "rnn") return new RNN(o);
  throw new ValueError(`${owner}: cell must be "rnn", "lstm" or "gru"; got ${String(cell)}`);
}

/** Runs `rnn` over x [B, T, D] from `state` (zeros when undefined); lengths for padded batches. */
export function runRecurrent(rnn: RNN | LSTM | GRU, x: Tensor, state: RecurrentState | undefined, lengths?: readonly number[]): { output: Tensor; state: RecurrentState } {
  const options = lengths === undefined ? {} : { lengths };
  if (rnn instanceof LSTM) {
    const init = state === undefined ? undefined : { h: state.h, c: state.c ?? zerosOf(state.h) };
    const out = rnn.forward(x, init, options);
    return { output: out.output, state: { h: out.h, c: out.c } };
  }
  const out = rnn.forward(x, state?.h, options);
  return { output: out.output, state: { h: out.h } };
}

/** Keeps batch rows `index` of a state (beam search reorders hypotheses this way). */
export function selectState(state: RecurrentState, index: Int32Array): RecurrentState {
  const ix = new Tensor(index, [index.length]);
  return state.c === undefined ? { h: indexSelect(state.h, 1, ix) } : { h: indexSelect(state.h, 1, ix), c: indexSelect(state.c, 1, ix) };
}

function zerosOf(t: Tensor): Tensor {
  return new Tensor(allocate(t.dtype, t.numel), t.shape);
}

/**
 * Checks a batch of token ids: int32 [B, T] (or the `layout` named) with every id in [0, V). Names the argument.
 */
export function checkIds(op: string, name: string, ids: Tensor, vocabSize: number, batch?: number, layout = "[B, T]"): void {
  if (!(ids instanceof Tensor)) throw new ValueError(`${op}: ${name} must be a Tensor of token ids; got ${typeof ids}`);
  if (ids.dtype !== "int32") throw new DTypeError(`${op}: ${name} must be int32 token ids; got ${ids.dtype} of shape ${formatShape(ids.shape)}`);
  if (ids.ndim !== 2) throw new ShapeError(`${op}: ${name} must be ${layout}; got ${formatShape(ids.shape)}`);
  const steps = layout === "[T, B]" ? ids.shape[0] : ids.shape[1];
  if ((steps ?? 0) < 1 || ids.numel === 0) throw new ShapeError(`${op}: ${name} must not be empty; expected ${layout} with T >= 1, got ${formatShape(ids.shape)}`);
  if (batch !== undefined && ids.shape[0] !== batch) {
    throw new ShapeError(`${op}: ${name} must have the batch size of src; expected [${batch}, T], got ${formatShape(ids.shape)}`);
  }
  const d = ids.data;
  for (let i = 0; i < d.length; i++) {
    const v = d[i] as number;
    if (v < 0 || v >= vocabSize) {
      throw new IndexError(`${op}: ${name} holds id ${v} at flat index ${i} of ${formatShape(ids.shape)}; expected ids in [0, ${vocabSize - 1}] (vocabulary size ${vocabSize})`);
    }
  }
}
