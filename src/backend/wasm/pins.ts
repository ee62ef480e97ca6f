import { ValueError } from "../../errors";
import type { TypedArray } from "../../tensor/dtype";
import type { PinnedOperand } from "../pinned";
import type { WasmHeap } from "./heap";
import type { Transfers } from "./transfers";
import type { WasmKernels } from "./module";

/** op(B) of a resident copy for one GEMM shape, packed into panels at `at` (sgemm's bMode 2). */
interface Packed {
  readonly trans: boolean;
  readonly off: number;
  readonly ld: number;
  readonly k: number;
  readonly n: number;
  readonly at: number;
  /** False once the resident copy changed: pack again before the next use. */
  valid: boolean;
}

/** Packed shapes kept per pinned array at most (W_hh needs two: forward and backward). */
const MAX_PACKED = 4;
/** Columns per panel (NR of assembly/kernel.as). */
const NR = 8;

/** One resident copy: `data` (as pinned, `length` floats) at byte offset `at` of the heap. */
interface Resident {
  readonly data: Float32Array;
  readonly length: number;
  readonly at: number;
  /** True when `at` is a block of its own (a copy); false when `data` already lives in the heap. */
  readonly copied: boolean;
  readonly packed: Packed[];
  /** Live handles on this copy. */
  count: number;
  /** True after a kernel of this backend wrote into `data`: copy again before the next use. */
  stale: boolean;
}

/**
 * The pinned operands of the WebAssembly backend: float32 arrays copied once into a block of the
 * heap (an array that already lives in the heap, see storage.ts, is used where it is) and looked up by identity and length when a GEMM stages
 * its A or B operand (see `PinnedOperand` for the contract). As a B operand, a pinned array is
 * also packed into the micro-kernel's panels once per shape (transposition, offset, stride, k,
 * n) and scope, so later products skip the packing too. Few arrays are pinned at once (one
 * W_hh per running direction), so the lookup is a scan of a short list.
 */
export class PinnedCopies {
  private readonly kernels: WasmKernels;
  private readonly heap: WasmHeap;
  private readonly transfers: Transfers;
  private readonly residents: Resident[] = [];
  private readonly live = new Set<PinnedOperand>();

  constructor(kernels: WasmKernels, heap: WasmHeap, transfers: Transfers) {
    this.kernels = kernels;
    this.heap = heap;
    this.transfers = transfers;
  }

  /** Copies `data` in (again, if already pinned: each pin sees the current contents); returns a handle. */
  pin(data: TypedArray): PinnedOperand {
    const handle: PinnedOperand = { data, length: data.length };
    this.live.add(handle);
    if (!(data instanceof Float32Array) || data.length === 0) return handle;
    let r = this.find(data);
    if (r === null) {
      const inHeap = this.heap.owns(data.buffer);
      const at = inHeap ? data.byteOffset : this.heap.alloc(data.length * 4);
      r = { data, length: data.length, at, copied: !inHeap, packed: [], count: 0, stale: false };
      this.residents.push(r);
    }
    r.count++;
    this.copyIn(r);
    return handle;
  }

  /** Releases a handle; the copy goes with the last handle on it, and the kept region shrinks. */
  unpin(handle: PinnedOperand): void {
    if (!this.live.delete(handle)) {
      throw new ValueError(`unpin: the operand is not pinned; expected a handle from pin not yet released, got one of length ${handle.length}`);
    }
    const data = handle.data;
    if (!(data instanceof Float32Array) || handle.length === 0) return;
    const i = this.residents.findIndex((r) => r.data === data && r.length === handle.length);
    const r = this.residents[i];
    if (r === undefined) return;
    r.count--;
    if (r.count > 0) return;
    this.residents.splice(i, 1);
    if (r.copied) this.heap.release(r.at);
    for (const p of r.packed) this.heap.release(p.at);
  }

  /**
   * The byte offset of the resident copy of `src` (element i at offset + 4 i), or -1 when `src`
   * is not pinned or no longer has its pinned length. A copy made stale by a kernel is refreshed.
   */
  lookup(src: Float32Array): number {
    return this.fresh(src)?.at ?? -1;
  }

  /**
   * The byte offset of op(B) of a pinned `src` packed into panels for sgemm's bMode 2 (op(B) is
   * the k x n matrix at src[off], row stride ld, transposed when `trans`), packed now if this
   * shape was not yet packed in this scope; -1 when `src` is not pinned or has too many shapes.
   */
  packedB(src: Float32Array, trans: boolean, off: number, ld: number, k: number, n: number): number {
    const r = this.fresh(src);
    if (r === null) return -1;
    let p = r.packed.find((x) => x.trans === trans && x.off === off && x.ld === ld && x.k === k && x.n === n);
    if (p === undefined) {
      if (r.packed.length >= MAX_PACKED) return -1;
      const at = this.heap.alloc(k * Math.ceil(n / NR) * NR * 4);
      p = { trans, off, ld, k, n, at, valid: false };
      r.packed.push(p);
    }
    if (!p.valid) {
      this.kernels.packBPanels(trans, r.at + off * 4, ld, k, n, p.at);
      p.valid = true;
    }
    return p.at;
  }

  /** Marks the resident copy of `dst`, if any, out of date: a kernel of this backend wrote into it. */
  written(dst: TypedArray): void {
    for (const r of this.residents) if (r.data === dst) r.stale = true;
  }

  /** The resident copy of `src`, copied again first if a kernel made it stale; null if not pinned. */
  private fresh(src: Float32Array): Resident | null {
    const r = this.find(src);
    if (r !== null && r.stale) this.copyIn(r);
    return r;
  }

  private find(data: Float32Array): Resident | null {
    for (const r of this.residents) if (r.data === data && r.length === data.length) return r;
    return null;
  }

  private copyIn(r: Resident): void {
    if (r.copied) {
      this.heap.f32.set(r.data, r.at >>> 2);
      this.transfers.count(r.length * 4);
    }
    r.stale = false;
    for (const p of r.packed) p.valid = false;
  }
}
