import type { TypedArray } from "../../tensor/dtype";
import type { Arena } from "./arena";
import type { PinnedCopies } from "./pins";

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
 * Moves float32 operands between JavaScript arrays and the arena of the kernels module, for
 * kernels that run on the module's memory: copies in (`put`, `copy`), reads of pinned arrays'
 * resident copies (`operand`, `opB`), copies out (`get`, `getRows`), which mark a pinned
 * destination's resident copy stale. Every call of a kernel wrapper starts with `Arena.reset`,
 * then `opB` (it may keep new memory for packed panels), then the scratch of the call.
 */
export class Staging {
  readonly arena: Arena;
  readonly pins: PinnedCopies;

  constructor(arena: Arena, pins: PinnedCopies) {
    this.arena = arena;
    this.pins = pins;
  }

  /** Copies n values at src[off] into fresh scratch as float32; returns its byte offset. */
  put(src: TypedArray, off: number, n: number): number {
    const at = this.arena.alloc(n * 4);
    this.arena.f32.set(src.subarray(off, off + n), at >> 2);
    return at;
  }

  /** Copies n floats at byte offset `at` out to dst[off]. */
  get(at: number, n: number, dst: TypedArray, off: number): void {
    dst.set(this.arena.f32.subarray(at >> 2, (at >> 2) + n), off);
    this.pins.written(dst);
  }

  /** Copies the rows x cols matrix at byte offset `at`, row stride ldFrom, to dst[off], row stride ld. */
  getRows(at: number, ldFrom: number, rows: number, cols: number, dst: TypedArray, off: number, ld: number): void {
    const heap = this.arena.f32;
    const base = at >> 2;
    if (ld === cols && ldFrom === cols) dst.set(heap.subarray(base, base + rows * cols), off);
    else for (let r = 0; r < rows; r++) dst.set(heap.subarray(base + r * ldFrom, base + r * ldFrom + cols), off + r * ld);
    this.pins.written(dst);
  }

  /**
   * Copies the stored rows x cols matrix at src[off], row stride ld, into the arena: as one span
   * when rows are contiguous or nearly so (the stride kept), else row by row (stride cols).
   */
  copy(src: TypedArray, off: number, rows: number, cols: number, ld: number): Staged {
    const span = (rows - 1) * ld + cols;
    if (ld === cols || span <= 2 * rows * cols) return { at: this.put(src, off, span), ld };
    const at = this.arena.alloc(rows * cols * 4);
    const heap = this.arena.f32;
    for (let r = 0; r < rows; r++) {
      const from = off + r * ld;
      heap.set(src.subarray(from, from + cols), (at >> 2) + r * cols);
    }
    return { at, ld: cols };
  }

  /** The stored matrix at src[off] in wasm memory: the resident copy of a pinned `src`, else a copy. */
  operand(src: TypedArray, off: number, rows: number, cols: number, ld: number): Staged {
    const pinned = src instanceof Float32Array ? this.pins.lookup(src) : -1;
    return pinned < 0 ? this.copy(src, off, rows, cols, ld) : { at: pinned + off * 4, ld };
  }

  /**
   * op(B) [k, n] of a GEMM (B^T when `trans`; B stored at src[off], row stride ld): the panels of
   * a pinned `src`, packed once per scope and shape (mode B_PACKED), else `operand`. Call right
   * after `Arena.reset`, before any scratch: packing may keep new memory.
   */
  opB(src: TypedArray, trans: boolean, off: number, ld: number, k: number, n: number): StagedB {
    const packed = src instanceof Float32Array ? this.pins.packedB(src, trans, off, ld, k, n) : -1;
    if (packed >= 0) return { at: packed, ld, mode: B_PACKED };
    const b = trans ? this.operand(src, off, n, k, ld) : this.operand(src, off, k, n, ld);
    return { at: b.at, ld: b.ld, mode: trans ? B_TRANSPOSED : B_PLAIN };
  }
}
