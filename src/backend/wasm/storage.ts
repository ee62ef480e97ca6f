import type { DType, TypedArray } from "../../tensor/dtype";
import type { WasmHeap } from "./heap";

/**
 * Arrays smaller than this many bytes stay on the JavaScript heap, unless asked for as kernel
 * operands (`operand`: parameters, a kernel's own output). A block of storage costs more to make
 * than a small typed array (about 4x per op on 4-element tensors), and in a loop that never yields
 * only the given-back rules below return it, while the collector takes small typed arrays at any
 * time; and a loss or a scalar of any earlier step stays readable. Small operands in storage spare
 * the kernels their copies (a small head's bias and its gradient's column sums: 3 per step).
 */
const MIN_BYTES = 256;

/**
 * Bytes of tensor storage the heap holds at most (env SEQGRAD_WASM_STORAGE_MB overrides); beyond,
 * new arrays go to the JavaScript heap (staged by the kernels: copies). Past half of it the
 * storage is crowded: when a backward pass ends, the tensors of earlier steps are given back
 * (autograd/retired.ts), so a training loop that never yields, whose dropped tensors the
 * collector's callbacks never return, stays near half the bound with no copies (a char-LM LSTM
 * step makes about 15 MiB).
 */
export const DEFAULT_STORAGE_LIMIT = 128 * 2 ** 20;

/**
 * The life of one block, shared by every view on it (the view `allocate` made and each `subarray`
 * of a resident view): the views hold it, so the collector drops it only once no view is left.
 * The tensor count is that of `countTensor` in tensor/dtype.ts (Tensor objects over any view).
 */
export class BlockLife {
  /** True once the block went back to the heap (explicitly, or by the collector). */
  freed = false;
  /** Tensor objects made over views of this block (autograd/retired.ts gives a block back only when it knows them all). */
  tensors = 0;
  constructor(
    readonly block: number,
    readonly owner: TensorStorage,
  ) {}
}

// The typed arrays of tensor storage: plain typed arrays (the same element kinds, `instanceof
// Float32Array` holds) that carry their block's life, so that `subarray` views share it (a
// property set: no registration per view). `slice`, `map` and the like build arrays of their own.
class ResidentFloat32Array extends Float32Array {
  life: BlockLife | null = null;
  override subarray(begin?: number, end?: number): ResidentFloat32Array {
    const view = super.subarray(begin, end) as ResidentFloat32Array;
    view.life = this.life;
    return view;
  }
}

class ResidentFloat64Array extends Float64Array {
  life: BlockLife | null = null;
  override subarray(begin?: number, end?: number): ResidentFloat64Array {
    const view = super.subarray(begin, end) as ResidentFloat64Array;
    view.life = this.life;
    return view;
  }
}

class ResidentInt32Array extends Int32Array {
  life: BlockLife | null = null;
  override subarray(begin?: number, end?: number): ResidentInt32Array {
    const view = super.subarray(begin, end) as ResidentInt32Array;
    view.life = this.life;
    return view;
  }
}

/** The life of the block `data` is a view of, or null for an array that is not tensor storage. */
export function lifeOf(data: TypedArray): BlockLife | null {
  return (data as { life?: BlockLife | null }).life ?? null;
}

/**
 * Tensor storage in the WebAssembly memory of the kernels: `allocate` hands out zero-filled
 * typed arrays that are views on blocks of the heap, so every kernel runs on them in place (no
 * copy in, no copy out; see Staging).
 *
 * Ownership rules:
 * - A block belongs to the views on it: the view `allocate` returned and every `subarray` of a
 *   resident view, which share one `BlockLife`.
 * - The collector returns a block once no view of it is reachable (a FinalizationRegistry on its
 *   life): the safety net for everything the code below does not give back.
 * - `release(view)` returns the view's block at once. Its caller promises that no view of that
 *   block is read again, by anyone:
 *   - the autograd engine, for the gradients a backward pass made and consumed (its holds are
 *     counted per block, autograd/pass-storage.ts);
 *   - a fused op, for a buffer of its own that only its backward read (releaseWithNode), after
 *     its node is released;
 *   - autograd/retired.ts, for the blocks of retired tensors (outputs of released nodes: a
 *     step's activations; gradients dropped by zeroGrad), when storage is crowded, and only when
 *     every Tensor object ever made over the block is retired: each of them then gets a stand-in
 *     `data` that throws on use. Views taken from a tensor's `data` by user code and kept are
 *     not protected (keep a detached tensor instead).
 *   Releasing a block twice, or an array not made here, does nothing.
 * - Values are never read through a released block; a figure that reads a fused op's buffers
 *   lazily (the gate parts of a recurrent step) checks that its tensor was not given back.
 * - The collector's callbacks run only between tasks: in a loop that never yields, only the
 *   explicit releases above return storage. Past `limit`, arrays are made on the JavaScript heap
 *   (correct, staged by the kernels, counted as copies).
 * Only a shared memory can hold tensors: growing an unshared one detaches every view on it.
 */
export class TensorStorage {
  private readonly heap: WasmHeap;
  private readonly limit: number;
  private readonly registry: FinalizationRegistry<number>;
  /** Blocks of tensor storage not yet freed. */
  private live = 0;
  /** Bytes in blocks of tensor storage. */
  bytes = 0;

  constructor(heap: WasmHeap, limit = DEFAULT_STORAGE_LIMIT) {
    this.heap = heap;
    this.limit = limit;
    this.registry = new FinalizationRegistry((block) => this.returnBlock(block));
  }

  /**
   * A zero-filled array of n elements in the heap (`zeroed` false: a reused block keeps its old
   * values, for a caller that overwrites them all), or null when it should stay on the JavaScript
   * heap: past the bound, or under MIN_BYTES unless it is a kernel `operand`.
   */
  allocate(dtype: DType, n: number, zeroed = true, operand = false): TypedArray | null {
    const size = dtype === "float64" ? 8 : 4;
    const bytes = n * size;
    if (n === 0 || (bytes < MIN_BYTES && !operand) || this.bytes + bytes > this.limit) return null;
    let block: number;
    try {
      block = this.heap.alloc(bytes);
    } catch {
      return null; // the memory cannot grow further: the JavaScript heap may still have room
    }
    const reused = this.heap.reused;
    this.bytes += this.heap.sizeOf(block);
    const buffer = this.heap.buffer();
    const view =
      dtype === "float32"
        ? new ResidentFloat32Array(buffer, block, n)
        : dtype === "float64"
          ? new ResidentFloat64Array(buffer, block, n)
          : new ResidentInt32Array(buffer, block, n);
    if (reused && zeroed) view.fill(0); // a fresh block of grown memory is zero already
    const life = new BlockLife(block, this);
    view.life = life;
    this.live++;
    this.registry.register(life, block, life);
    return view;
  }

  /** Returns the block of `view` at once (see the ownership rules); nothing for an array not made here or a block already returned. */
  release(view: TypedArray): void {
    const life = lifeOf(view);
    if (life === null || life.owner !== this || life.freed) return;
    life.freed = true;
    this.registry.unregister(life);
    this.returnBlock(life.block);
  }

  /** True when more than half the bound is in use: retired tensors then go back (autograd/retired.ts). */
  crowded(): boolean {
    return this.bytes > this.limit / 2;
  }

  /** Blocks of tensor storage not yet returned, for tests and the bench. */
  liveBlocks(): number {
    return this.live;
  }

  private returnBlock(block: number): void {
    this.live--;
    this.bytes -= this.heap.sizeOf(block);
    this.heap.release(block);
  }
}
