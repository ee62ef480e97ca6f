import type { WasmMemory } from "./module";

const PAGE = 65536;

/**
 * A bump allocator over the kernels module's linear memory, reset before each kernel call.
 *
 * Layout: [base, floor) holds the kept blocks (pinned operands, see pins.ts), which survive
 * `reset`; [floor, top) the per-call scratch. Memory only grows (by at least half again, so
 * repeated calls of rising size reallocate a logarithmic number of times) and is never returned;
 * the typed-array views are rebuilt only after a growth detaches the old buffer.
 */
export class Arena {
  private readonly memory: WasmMemory;
  private readonly base: number;
  private floor: number;
  private top: number;
  /** A float32 view of the whole memory (valid until the next `alloc` or `keep` that grows it). */
  f32: Float32Array;
  /** A float64 view of the whole memory (the same validity). */
  f64: Float64Array;

  constructor(memory: WasmMemory, base: number) {
    this.memory = memory;
    this.base = (base + 63) & ~63;
    this.floor = this.base;
    this.top = this.base;
    this.f32 = new Float32Array(memory.buffer);
    this.f64 = new Float64Array(memory.buffer);
  }

  /** Frees everything allocated since construction or the last reset, except the kept blocks. */
  reset(): void {
    this.top = this.floor;
  }

  /** Reserves `bytes` (64-byte aligned) of scratch and returns their byte offset; may grow the memory. */
  alloc(bytes: number): number {
    const at = this.top;
    this.top = this.ensure(at + ((bytes + 63) & ~63));
    return at;
  }

  /**
   * Reserves `bytes` (64-byte aligned) that survive `reset` until `trimKept` drops them; returns
   * their byte offset. Call between kernel calls only: it moves the scratch region up.
   */
  keep(bytes: number): number {
    const at = this.floor;
    this.floor = this.ensure(at + ((bytes + 63) & ~63));
    this.top = this.floor;
    return at;
  }

  /** The end (byte offset) of the kept blocks. */
  keptEnd(): number {
    return this.floor;
  }

  /** Drops the kept blocks that end after `end` (every one when `end` is 0); between kernel calls only. */
  trimKept(end: number): void {
    this.floor = Math.max(this.base, (end + 63) & ~63);
    this.top = this.floor;
  }

  /** Grows the memory to hold `end` bytes; returns `end`. */
  private ensure(end: number): number {
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const want = Math.max(end, Math.ceil(have * 1.5));
      this.memory.grow(Math.ceil((want - have) / PAGE));
      this.f32 = new Float32Array(this.memory.buffer);
      this.f64 = new Float64Array(this.memory.buffer);
    }
    return end;
  }
}
