import { DTypeError, IndexError, ShapeError, ValueError } from "../errors";
import { formatShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { detachCarry } from "./carry";

/**
 * Truncated backpropagation through time, with the data layout of PyTorch's word-language-model
 * example. A long token stream is cut into B parallel columns (`batchify`), read k steps at a
 * time (`getChunk`), and the hidden state is carried from one chunk to the next but detached
 * (`detachState`), so the gradient of the chunk starting at t_0 is
 *
 *   dL/dW ~ sum_{t=t_0}^{t_0+k-1} sum_{s=t_0}^{t} dL_t/dh_t (prod_{j=s+1}^{t} dh_j/dh_{j-1}) d+h_s/dW
 *
 * where L_t is the loss at step t, h_t the hidden state and d+h_s/dW the immediate derivative
 * (h_{s-1} held fixed). Full BPTT lets s run back to the first step of the stream; truncation
 * stops it at the chunk start t_0, so memory and time per update are O(k), not O(T), and no
 * gradient crosses a chunk boundary, while the forward pass still sees all the history through
 * the carried h_{t_0 - 1}.
 *
 * @example
 * const source = batchify(tokenIds, 32);              // [T_total, 32]
 * let state = null;
 * for (const { input, target } of chunks(source, 64)) {
 *   const out = model.forward(input, state);           // input, target [<=64, 32]
 *   state = detachState({ h: out.h, c: out.c });
 * }
 */

/**
 * Arranges a 1-D token stream into B columns, each a contiguous stretch of the stream:
 *
 *   source[t, b] = stream[b * T + t],   T = floor(n / B)
 *
 * dropping the n - T B tokens that do not fill a last row (as PyTorch's example does). Column b
 * continues exactly where the same column of the previous chunk stopped, which is what lets a
 * hidden state be carried across chunks.
 *
 * @example batchify([0, 1, 2, 3, 4, 5, 6], 2) // [[0, 3], [1, 4], [2, 5]]  (6 is dropped)
 */
export function batchify(stream: Tensor | ArrayLike<number>, batchSize: number): Tensor {
  const ids = streamValues(stream);
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new ValueError(`batchify: batchSize must be an integer >= 1; got ${String(batchSize)}`);
  }
  const T = Math.floor(ids.length / batchSize);
  if (T < 1) {
    throw new ValueError(`batchify: the stream is too short for ${batchSize} columns; expected at least ${batchSize} tokens, got ${ids.length}`);
  }
  const out = new Int32Array(T * batchSize);
  for (let b = 0; b < batchSize; b++) {
    const from = b * T;
    for (let t = 0; t < T; t++) out[t * batchSize + b] = ids[from + t] as number;
  }
  return new Tensor(out, [T, batchSize]);
}

/** One truncated-BPTT chunk: inputs and next-token targets, both [k', B] with k' <= k. */
export interface Chunk {
  input: Tensor;
  target: Tensor;
  /** The row of `source` the chunk starts at. */
  start: number;
}

/**
 * The chunk of (at most) k steps starting at row i of a batchified source [T, B]:
 *
 *   input = source[i : i + k'],   target = source[i + 1 : i + 1 + k'],   k' = min(k, T - 1 - i)
 *
 * so target[t, b] is the token that follows input[t, b] in column b. Targets keep their [k', B]
 * shape (`crossEntropy` takes logits [k', B, V] with them directly; PyTorch's example flattens).
 *
 * @example const { input, target } = getChunk(source, 0, 35);
 */
export function getChunk(source: Tensor, i: number, k: number): Chunk {
  checkSource("getChunk", source);
  const T = source.shape[0] ?? 0;
  const B = source.shape[1] ?? 0;
  if (!Number.isInteger(k) || k < 1) throw new ValueError(`getChunk: k must be an integer >= 1; got ${String(k)}`);
  if (!Number.isInteger(i) || i < 0 || i > T - 2) {
    throw new IndexError(`getChunk: start row i must be an integer in [0, ${T - 2}] for a source ${formatShape(source.shape)}; got ${String(i)}`);
  }
  const len = Math.min(k, T - 1 - i);
  const data = source.data;
  const input = new Tensor(data.slice(i * B, (i + len) * B), [len, B]);
  const target = new Tensor(data.slice((i + 1) * B, (i + 1 + len) * B), [len, B]);
  return { input, target, start: i };
}

/**
 * Every chunk of a batchified source in order: starts 0, k, 2k, ... (the last may be shorter).
 *
 * @example for (const { input, target } of chunks(source, 64)) { ... }
 */
export function* chunks(source: Tensor, k: number): Generator<Chunk> {
  checkSource("chunks", source);
  const T = source.shape[0] ?? 0;
  if (!Number.isInteger(k) || k < 1) throw new ValueError(`chunks: k must be an integer >= 1; got ${String(k)}`);
  for (let i = 0; i < T - 1; i += k) yield getChunk(source, i, k);
}

/**
 * The recurrent state with every tensor detached from the graph (same structure: a tensor, an
 * `{ h, c }` object, an array of them, or null): its values carry into the next chunk, its
 * history does not, which is what cuts the sum over s in the formula above at the chunk start.
 * PyTorch's example calls this `repackage_hidden`.
 *
 * @example state = detachState({ h: out.h, c: out.c });
 */
export function detachState<S>(state: S): S {
  return detachCarry(state);
}

function streamValues(stream: Tensor | ArrayLike<number>): ArrayLike<number> {
  if (stream instanceof Tensor) {
    if (stream.dtype !== "int32") {
      throw new DTypeError(`batchify: stream must hold int32 token ids; got ${stream.dtype} of shape ${formatShape(stream.shape)}`);
    }
    if (stream.ndim !== 1) throw new ShapeError(`batchify: stream must be 1-D [n]; got ${formatShape(stream.shape)}`);
    return stream.data;
  }
  for (let i = 0; i < stream.length; i++) {
    const v = stream[i] as number;
    if (!Number.isInteger(v) || v < -2147483648 || v > 2147483647) {
      throw new ValueError(`batchify: token ids must be int32 integers; got ${String(v)} at index ${i}`);
    }
  }
  return stream;
}

function checkSource(op: string, source: Tensor): void {
  if (!(source instanceof Tensor) || source.ndim !== 2) {
    const shape = source instanceof Tensor ? formatShape(source.shape) : typeof source;
    throw new ShapeError(`${op}: source must be a batchified [T, B] tensor (see batchify); got ${shape}`);
  }
}
