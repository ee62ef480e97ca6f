import type { DType, TypedArray } from "../../tensor/dtype";
import { noteView } from "../../tensor/dtype";
import type { WasmHeap } from "./heap";

/** Arrays smaller than this many bytes stay on the JavaScript heap (no kernel runs them in wasm). */
const MIN_BYTES = 256;

/**
 * Bytes of tensor storage the heap holds at most (env SEQGRAD_WASM_STORAGE_MB overrides); beyond,
 * new arrays go to the JavaScript heap. The bound matters for long synchronous loops: the
 * collector's callbacks that return dropped tensors' blocks run only when the loop yields, so
 * such a loop (a training loop with no await) leaks the forward buffers it does not release
 * explicitly (about 16 MiB a step for the char-LM LSTM) until this bound, then runs on staged
 * copies as before, with the memory of the JavaScript heap, which its collector does reclaim.
 */
export const DEFAULT_STORAGE_LIMIT = 128 * 2 ** 20;

/** A typed array view on a block: the block's byte offset (-1 for an array of its own) and its storage. */
interface BlockView {
  block: number;
  owner: TensorStorage | null;
}

// The typed arrays of tensor storage: plain typed arrays (the same element kinds, `instanceof
// Float32Array` holds) that remember their block, so that `subarray` views share its lifetime.
// `slice`, `map` and the like build arrays of their own (block -1).
class ResidentFloat32Array extends Float32Array implements BlockView {
  block = -1;
  owner: TensorStorage | null = null;
  override subarray(begin?: number, end?: number): ResidentFloat32Array {
    const view = super.subarray(begin, end) as ResidentFloat32Array;
    if (this.owner !== null) this.owner.adopt(view, this.block);
    return view;
  }
}

class ResidentFloat64Array extends Float64Array implements BlockView {
  block = -1;
  owner: TensorStorage | null = null;
  override subarray(begin?: number, end?: number): ResidentFloat64Array {
    const view = super.subarray(begin, end) as ResidentFloat64Array;
    if (this.owner !== null) this.owner.adopt(view, this.block);
    return view;
  }
}

class ResidentInt32Array extends Int32Array implements BlockView {
  block = -1;
  owner: TensorStorage | null = null;
  override subarray(begin?: number, end?: number): ResidentInt32Array {
    const view = super.subarray(begin, end) as ResidentInt32Array;
    if (this.owner !== null) this.owner.adopt(view, this.block);
    return view;
  }
}

/**
 * Tensor storage in the WebAssembly memory of the kernels: `allocate` hands out zero-filled
 * typed arrays that are views on blocks of the heap, so every kernel runs on them in place (no
 * copy in, no copy out; see Staging).
 *
 * Ownership rules:
 * - A block belongs to the views made on it: the view `allocate` returned and every `subarray`
 *   of a resident view (tracked through the subclasses above). It returns to the heap when the
 *   last of them is released.
 * - A view is released either explicitly with `release(view)`, by code that knows nobody else
 *   holds that very view object (the autograd engine does it for the gradients it made and
 *   consumed, on the hot path), or by the garbage collector through a FinalizationRegistry (the
 *   safety net for everything else: tensors the user dropped). Releasing a view twice, or one
 *   not made here, does nothing.
 * - Values are never read through a released view. A view that escapes to user code is never
 *   released explicitly.
 * - The garbage collector's callbacks run only between tasks: a long synchronous loop that drops
 *   many tensors may reach `limit`; arrays are then made on the JavaScript heap (correct, staged
 *   by the kernels) until the callbacks ran.
 * Only a shared memory can hold tensors: growing an unshared one detaches every view on it.
 */
export class TensorStorage {
  private readonly heap: WasmHeap;
  private readonly limit: number;
  /** Live views per block. */
  private readonly views = new Map<number, number>();
  private readonly registry: FinalizationRegistry<number>;
  /** The views not yet released (so a second release does nothing). */
  private readonly tracked = new WeakSet<object>();
  /** Bytes in blocks of tensor storage. */
  bytes = 0;

  constructor(heap: WasmHeap, limit = DEFAULT_STORAGE_LIMIT) {
    this.heap = heap;
    this.limit = limit;
    this.registry = new FinalizationRegistry((block) => this.drop(block));
  }

  /** A zero-filled array of n elements in the heap, or null when it should stay on the JavaScript heap. */
  allocate(dtype: DType, n: number): TypedArray | null {
    const size = dtype === "float64" ? 8 : 4;
    const bytes = n * size;
    if (bytes < MIN_BYTES || this.bytes + bytes > this.limit) return null;
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
    if (reused) view.fill(0); // a fresh block of grown memory is zero already
    this.track(view, block);
    return view;
  }

  /** Releases `view` (see the ownership rules); its block returns when no view of it is left. */
  release(view: TypedArray): void {
    const block = (view as Partial<BlockView>).block;
    if (block === undefined || block < 0) return;
    if (!this.tracked.delete(view)) return;
    this.registry.unregister(view);
    this.drop(block);
  }

  /** Views of the heap that are live, for tests and the bench. */
  liveBlocks(): number {
    return this.views.size;
  }

  /** Tracks a view made from a view of `block` (a subarray): it shares the block's life. */
  adopt(view: TypedArray & BlockView, block: number): void {
    this.track(view, block);
    noteView(view);
  }

  private track(view: TypedArray & BlockView, block: number): void {
    view.block = block;
    view.owner = this;
    this.tracked.add(view);
    this.views.set(block, (this.views.get(block) ?? 0) + 1);
    this.registry.register(view, block, view);
  }

  private drop(block: number): void {
    const left = (this.views.get(block) ?? 0) - 1;
    if (left > 0) {
      this.views.set(block, left);
      return;
    }
    this.views.delete(block);
    this.bytes -= this.heap.sizeOf(block);
    this.heap.release(block);
  }
}
