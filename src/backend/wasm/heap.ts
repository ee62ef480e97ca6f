import type { WasmMemory } from "./module";

const PAGE = 65536;
/** Smallest block, and the alignment of every block (a cache line; SIMD loads want 16). */
const MIN_BLOCK = 64;

/**
 * The allocator of the kernels module's linear memory: blocks in size classes, freed blocks
 * kept on a free list per class and handed out again, new ones cut from the top (the memory
 * grows by at least half again, so a rising demand grows it a logarithmic number of times).
 * Memory is never returned to the system: a freed block stays mapped and warm, so the large
 * per-step buffers of a training loop do not page-fault again.
 *
 * Size classes: 64 bytes, then four classes per doubling (s, 1.25 s, 1.5 s, 1.75 s for s a power
 * of two), so a block wastes at most a fifth of its size.
 *
 * Views: `f32`, `f64`, `i32` cover the whole memory and are rebuilt after a growth. On a shared
 * memory (SharedArrayBuffer) a growth never detaches the views made before it, so typed arrays
 * over a block stay valid for the block's life; on an unshared one they are detached, which is
 * why tensors live here only when the memory is shared (see storage.ts).
 */
export class WasmHeap {
  readonly memory: WasmMemory;
  /** True when the memory is a SharedArrayBuffer (the helper threads see it; growth keeps views). */
  readonly shared: boolean;
  private top: number;
  private readonly free = new Map<number, number[]>();
  private readonly sizes = new Map<number, number>();
  private readonly buffers = new WeakSet<object>();
  /** A float32 view of the whole memory (valid until the next growth). */
  f32: Float32Array;
  /** A float64 view of the whole memory (the same validity). */
  f64: Float64Array;
  /** Bytes in blocks handed out and not freed (figures for the bench and tests). */
  inUse = 0;
  /** True when the last `alloc` handed out a freed block (which holds old values), false for fresh (zero) memory. */
  reused = false;

  /** `base`: the first byte the heap may use (after the module's data and any control block). */
  constructor(memory: WasmMemory, base: number) {
    this.memory = memory;
    this.top = Math.ceil(base / MIN_BLOCK) * MIN_BLOCK;
    this.shared = typeof SharedArrayBuffer !== "undefined" && memory.buffer instanceof SharedArrayBuffer;
    this.f32 = new Float32Array(memory.buffer);
    this.f64 = new Float64Array(memory.buffer);
    this.buffers.add(memory.buffer);
  }

  /** The byte size of the class a request of `bytes` falls in. */
  static classOf(bytes: number): number {
    if (bytes <= MIN_BLOCK) return MIN_BLOCK;
    const pow = 2 ** Math.floor(Math.log2(bytes));
    const step = pow / 4;
    return Math.ceil(bytes / step) * step;
  }

  /** A block of at least `bytes`, 64-byte aligned; returns its byte offset. May grow the memory. */
  alloc(bytes: number): number {
    const size = WasmHeap.classOf(bytes);
    const list = this.free.get(size);
    const reused = list === undefined ? undefined : list.pop();
    const at = reused ?? this.cut(size);
    this.reused = reused !== undefined;
    this.sizes.set(at, size);
    this.inUse += size;
    return at;
  }

  /** Returns the block at `at` (from `alloc`) to its class's free list. */
  release(at: number): void {
    const size = this.sizes.get(at);
    if (size === undefined) return;
    this.sizes.delete(at);
    this.inUse -= size;
    const list = this.free.get(size);
    if (list === undefined) this.free.set(size, [at]);
    else list.push(at);
  }

  /** The size of the block at `at`, or 0 when no live block starts there. */
  sizeOf(at: number): number {
    return this.sizes.get(at) ?? 0;
  }

  /** True when `buffer` is (one generation of) this memory's buffer: a view on it is resident. */
  owns(buffer: object): boolean {
    if (this.buffers.has(buffer)) return true;
    if (buffer !== this.memory.buffer) return false;
    this.buffers.add(buffer);
    return true;
  }

  /**
   * The memory's current buffer (a new object after each growth of a shared memory), known from
   * now on as this memory's: V8 may replace the buffer object after a growth (when this thread
   * handles the growth's interrupt), so one made after `cut` saw the growth must be noted here,
   * or views on it would not count as resident once the memory grows again.
   */
  buffer(): ArrayBuffer {
    const buffer = this.memory.buffer;
    this.buffers.add(buffer);
    return buffer;
  }

  /** Cuts `size` bytes from the top, growing the memory when needed. */
  private cut(size: number): number {
    const at = this.top;
    const end = at + size;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const want = Math.max(end, Math.ceil(have * 1.5));
      this.memory.grow(Math.ceil((want - have) / PAGE));
      const buffer = this.memory.buffer;
      this.buffers.add(buffer);
      this.f32 = new Float32Array(buffer);
      this.f64 = new Float64Array(buffer);
    }
    this.top = end;
    return at;
  }
}
