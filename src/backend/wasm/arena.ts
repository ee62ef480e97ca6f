import type { WasmMemory } from "./module";

const PAGE = 65536;

/**
 * A bump allocator over the kernels module's linear memory, reset before each kernel call.
 * Memory only grows (by at least half again, so repeated calls of rising size reallocate a
 * logarithmic number of times) and is never returned; the typed-array views are rebuilt only
 * after a growth detaches the old buffer.
 */
export class Arena {
  private readonly memory: WasmMemory;
  private readonly base: number;
  private top: number;
  /** A float32 view of the whole memory (valid until the next `alloc` that grows it). */
  f32: Float32Array;

  constructor(memory: WasmMemory, base: number) {
    this.memory = memory;
    this.base = (base + 63) & ~63;
    this.top = this.base;
    this.f32 = new Float32Array(memory.buffer);
  }

  /** Frees everything allocated since construction or the last reset. */
  reset(): void {
    this.top = this.base;
  }

  /** Reserves `bytes` (64-byte aligned) and returns their byte offset; may grow the memory. */
  alloc(bytes: number): number {
    const at = this.top;
    const end = at + ((bytes + 63) & ~63);
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const want = Math.max(end, Math.ceil(have * 1.5));
      this.memory.grow(Math.ceil((want - have) / PAGE));
      this.f32 = new Float32Array(this.memory.buffer);
    }
    this.top = end;
    return at;
  }
}
