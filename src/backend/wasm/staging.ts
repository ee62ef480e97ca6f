import type { TypedArray } from "../../tensor/dtype";
import type { Arena } from "./arena";
import type { WasmHeap } from "./heap";
import type { PinnedCopies } from "./pins";
import type { Transfers } from "./transfers";

/** sgemm's bMode (see assembly/gemm.as): op(B) is B, B^T, or prepacked panels. */
export const B_PLAIN = 0;
export const B_TRANSPOSED = 1;
export const B_PACKED = 2;

/** A matrix in wasm memory: byte offset `at`, row stride `ld` (elements) there. */
export interface Staged {
  readonly at: number;
  readonly ld: number;
}

/** op(B) of a GEMM in wasm memory, with sgemm's `mode` for it. */
export interface StagedB extends Staged {
  readonly mode: number;
}

/**
 * Where the kernels find their operands in the module's memory.
 *
 * Ownership: an array that lives in the heap (tensor storage, see storage.ts; `resident`) is
 * used in place: its element i is at byte `byteOffset + 4 i`, kernels read it there and write
 * their results straight into it. No copy, no count. An array on the JavaScript heap is staged:
 * copied into scratch of the arena (`input`, `inout`, `copy`) and its result copied back out
 * (`output` gives the place to write, `done` / `doneRows` copy out when that place was scratch);
 * every such copy is counted in `transfers`. Pinned arrays (pins.ts) are read from their kept
 * copy. Every call of a kernel wrapper starts with `Arena.reset`; offsets into scratch are valid
 * until the next reset. A kernel may write only to places got from `output` / `inout` / scratch:
 * an `input` place may be the caller's own array.
 * Byte offsets go up to 4 GiB (the memory's limit): an element index is `at >>> 2` (unsigned);
 * a signed `at >> 2` turns negative past 2 GiB.
 */
export class Staging {
  readonly arena: Arena;
  readonly heap: WasmHeap;
  readonly pins: PinnedCopies;
  readonly transfers: Transfers;

  constructor(arena: Arena, pins: PinnedCopies, transfers: Transfers) {
    this.arena = arena;
    this.heap = arena.heap;
    this.pins = pins;
    this.transfers = transfers;
  }

  /** True when `x` is float32 and lives in this module's memory (its kernels use it in place). */
  resident(x: TypedArray): boolean {
    return x instanceof Float32Array && this.heap.owns(x.buffer);
  }

  /** Byte offset of element `off` of `x`: its own place when resident, else a fresh copy of n values. */
  input(x: TypedArray, off: number, n: number): number {
    return this.resident(x) ? x.byteOffset + off * 4 : this.put(x, off, n);
  }

  /** The same as `input`, for a place the kernel also writes (finish with `done`). */
  inout(x: TypedArray, off: number, n: number): number {
    return this.input(x, off, n);
  }

  /** The place a kernel writes n values of `dst` at `off`: in place when resident, else scratch (then `done`). */
  output(dst: TypedArray, off: number, n: number): number {
    return this.resident(dst) ? dst.byteOffset + off * 4 : this.arena.alloc(n * 4);
  }

  /**
   * Makes n floats at byte offset `at` the values of dst[off..]: nothing when `at` is already that
   * place, a move inside the memory when dst is resident elsewhere, else a copy out.
   */
  done(at: number, n: number, dst: TypedArray, off: number): void {
    if (this.resident(dst)) {
      const to = dst.byteOffset + off * 4;
      if (to !== at) this.heap.f32.copyWithin(to >>> 2, at >>> 2, (at >>> 2) + n);
    } else {
      dst.set(this.arena.f32.subarray(at >>> 2, (at >>> 2) + n), off);
      this.transfers.count(n * 4);
    }
    this.pins.written(dst);
  }

  /**
   * Fills rows x cols floats at byte offset `at` with copies of the row `row` [cols]: the first
   * row (a move inside the memory when `row` is resident, else one counted copy), then copies
   * that double the filled part.
   */
  broadcastRows(row: TypedArray, at: number, rows: number, cols: number): void {
    const heap = this.heap.f32;
    const base = at >>> 2;
    if (this.resident(row)) heap.copyWithin(base, row.byteOffset >>> 2, (row.byteOffset >>> 2) + cols);
    else {
      heap.set(row.subarray(0, cols), base);
      this.transfers.count(cols * 4);
    }
    for (let filled = 1; filled < rows; filled *= 2) {
      const more = Math.min(filled, rows - filled);
      heap.copyWithin(base + filled * cols, base, base + more * cols);
    }
  }

  /** Copies n values at src[off] into fresh scratch as float32 (counted); returns its byte offset. */
  put(src: TypedArray, off: number, n: number): number {
    const at = this.arena.alloc(n * 4);
    this.arena.f32.set(src.subarray(off, off + n), at >>> 2);
    this.transfers.count(n * 4);
    return at;
  }

  /** The same as `done` (kept for the kernels that always wrote into scratch). */
  get(at: number, n: number, dst: TypedArray, off: number): void {
    this.done(at, n, dst, off);
  }

  /** Makes the rows x cols matrix at byte offset `at` (row stride ldFrom) the values of dst at off, row stride ld. */
  getRows(at: number, ldFrom: number, rows: number, cols: number, dst: TypedArray, off: number, ld: number): void {
    if (ld === cols && ldFrom === cols) {
      this.done(at, rows * cols, dst, off);
      return;
    }
    if (this.resident(dst)) {
      const heap = this.heap.f32;
      const to = (dst.byteOffset >>> 2) + off;
      if (to !== at >>> 2 || ld !== ldFrom) {
        for (let r = 0; r < rows; r++) heap.copyWithin(to + r * ld, (at >>> 2) + r * ldFrom, (at >>> 2) + r * ldFrom + cols);
      }
    } else {
      const heap = this.arena.f32;
      const base = at >>> 2;
      for (let r = 0; r < rows; r++) dst.set(heap.subarray(base + r * ldFrom, base + r * ldFrom + cols), off + r * ld);
      this.transfers.count(rows * cols * 4);
    }
    this.pins.written(dst);
  }

  /**
   * The stored rows x cols matrix at src[off], row stride ld, in the memory: in place when
   * resident, else copied into the arena as one span when rows are contiguous or nearly so (the
   * stride kept), else row by row (stride cols).
   */
  copy(src: TypedArray, off: number, rows: number, cols: number, ld: number): Staged {
    if (this.resident(src)) return { at: src.byteOffset + off * 4, ld };
    const span = (rows - 1) * ld + cols;
    if (ld === cols || span <= 2 * rows * cols) return { at: this.put(src, off, span), ld };
    const at = this.arena.alloc(rows * cols * 4);
    const heap = this.arena.f32;
    for (let r = 0; r < rows; r++) {
      const from = off + r * ld;
      heap.set(src.subarray(from, from + cols), (at >>> 2) + r * cols);
    }
    this.transfers.count(rows * cols * 4);
    return { at, ld: cols };
  }

  /** The stored matrix at src[off] in wasm memory: in place when resident, the kept copy of a pinned `src`, else a copy. */
  operand(src: TypedArray, off: number, rows: number, cols: number, ld: number): Staged {
    if (this.resident(src)) return { at: src.byteOffset + off * 4, ld };
    const pinned = src instanceof Float32Array ? this.pins.lookup(src) : -1;
    return pinned < 0 ? this.copy(src, off, rows, cols, ld) : { at: pinned + off * 4, ld };
  }

  /**
   * op(B) [k, n] of a GEMM (B^T when `trans`; B stored at src[off], row stride ld): the panels of
   * a pinned `src`, packed once per scope and shape (mode B_PACKED), else `operand`.
   */
  opB(src: TypedArray, trans: boolean, off: number, ld: number, k: number, n: number): StagedB {
    const packed = src instanceof Float32Array ? this.pins.packedB(src, trans, off, ld, k, n) : -1;
    if (packed >= 0) return { at: packed, ld, mode: B_PACKED };
    const b = trans ? this.operand(src, off, n, k, ld) : this.operand(src, off, k, n, ld);
    return { at: b.at, ld: b.ld, mode: trans ? B_TRANSPOSED : B_PLAIN };
  }
}
