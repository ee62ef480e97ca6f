import { ValueError } from "../../errors";
import type { TypedArray } from "../../tensor/dtype";
import type { PinnedOperand } from "../pinned";
import type { Arena } from "./arena";

/** One resident copy: `data` (as pinned, `length` floats) at byte offset `at` of the arena. */
interface Resident {
  readonly data: Float32Array;
  readonly length: number;
  readonly at: number;
  readonly end: number;
  /** Live handles on this copy. */
  count: number;
  /** True after a kernel of this backend wrote into `data`: copy again before the next use. */
  stale: boolean;
}

/**
 * The pinned operands of the WebAssembly backend: float32 arrays copied once into the kept
 * region of the arena (`Arena.keep`) and looked up by identity and length when a GEMM stages
 * its A or B operand (see `PinnedOperand` for the contract). Few arrays are pinned at once (one
 * W_hh per running direction), so the lookup is a scan of a short list.
 */
export class PinnedCopies {
  private readonly arena: Arena;
  private readonly residents: Resident[] = [];
  private readonly live = new Set<PinnedOperand>();

  constructor(arena: Arena) {
    this.arena = arena;
  }

  /** Copies `data` in (again, if already pinned: each pin sees the current contents); returns a handle. */
  pin(data: TypedArray): PinnedOperand {
    const handle: PinnedOperand = { data, length: data.length };
    this.live.add(handle);
    if (!(data instanceof Float32Array) || data.length === 0) return handle;
    let r = this.find(data);
    if (r === null) {
      const at = this.arena.keep(data.length * 4);
      r = { data, length: data.length, at, end: at + data.length * 4, count: 0, stale: false };
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
    this.arena.trimKept(this.residents.reduce((end, x) => Math.max(end, x.end), 0));
  }

  /**
   * The byte offset of the resident copy of `src` (element i at offset + 4 i), or -1 when `src`
   * is not pinned or no longer has its pinned length. A copy made stale by a kernel is refreshed.
   */
  lookup(src: Float32Array): number {
    const r = this.find(src);
    if (r === null) return -1;
    if (r.stale) this.copyIn(r);
    return r.at;
  }

  /** Marks the resident copy of `dst`, if any, out of date: a kernel of this backend wrote into it. */
  written(dst: TypedArray): void {
    for (const r of this.residents) if (r.data === dst) r.stale = true;
  }

  private find(data: Float32Array): Resident | null {
    for (const r of this.residents) if (r.data === data && r.length === data.length) return r;
    return null;
  }

  private copyIn(r: Resident): void {
    this.arena.f32.set(r.data, r.at >> 2);
    r.stale = false;
  }
}
