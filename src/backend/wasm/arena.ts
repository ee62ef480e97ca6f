import type { WasmHeap } from "./heap";

/** The first scratch chunk's size; later ones follow the largest demand seen. */
const FIRST_CHUNK = 1 << 20;

/**
 * The per-call scratch of the kernel wrappers: a bump allocator over chunks of the heap, reset
 * before each kernel call. A call that outgrows the current chunk gets another one for the rest
 * (the offsets it already holds stay valid); the next `reset` swaps the chunks for one that fits
 * the whole demand, so a steady loop settles on one chunk and never allocates again.
 */
export class Arena {
  readonly heap: WasmHeap;
  private chunk: number;
  private size: number;
  private top: number;
  /** Extra chunks of the current call, freed at the next reset. */
  private readonly extra: number[] = [];
  /** Bytes the current call asked for, over all chunks. */
  private used = 0;
  private most = 0;

  constructor(heap: WasmHeap) {
    this.heap = heap;
    this.size = FIRST_CHUNK;
    this.chunk = heap.alloc(FIRST_CHUNK);
    this.top = this.chunk;
  }

  /** A float32 view of the whole memory (valid until the next `alloc` that grows it). */
  get f32(): Float32Array {
    return this.heap.f32;
  }

  /** A float64 view of the whole memory (the same validity). */
  get f64(): Float64Array {
    return this.heap.f64;
  }

  /** Frees everything allocated since the last reset. */
  reset(): void {
    this.most = Math.max(this.most, this.used);
    if (this.extra.length > 0) {
      for (const at of this.extra) this.heap.release(at);
      this.extra.length = 0;
      this.heap.release(this.chunk);
      this.size = this.most;
      this.chunk = this.heap.alloc(this.size);
    }
    this.top = this.chunk;
    this.used = 0;
  }

  /** Reserves `bytes` (64-byte aligned) of scratch and returns their byte offset; may grow the memory. */
  alloc(bytes: number): number {
    const want = (bytes + 63) & ~63;
    this.used += want;
    if (this.top + want <= this.chunk + this.size) {
      const at = this.top;
      this.top += want;
      return at;
    }
    const at = this.heap.alloc(want);
    this.extra.push(at);
    return at;
  }
}
