import { TypedArray, observeAllocations, releaseStorage } from "../tensor/dtype";
import type { Tensor } from "../tensor/tensor";

/**
 * The storage of the gradients a backward pass makes, given back as soon as the pass has used
 * them (explicit release on the hot path; see backend/wasm/storage.ts for the ownership rules).
 *
 * The pass may release an array only when it made it (allocated while the pass ran), no pending
 * gradient holds it any more (`hold` / `drop` count the gradients-map entries per array object),
 * and it never reached code outside the engine: a hook, a captured result of `grad()`, or a
 * `.grad` (which gets a copy). A backward function that returns its incoming gradient (or a
 * reshape of it: the same array object) to an input simply keeps the count up.
 * Nothing is released in a pass that records itself (`createGraph`).
 */
export class PassStorage {
  private readonly made = new Set<TypedArray>();
  private readonly holds = new Map<TypedArray, number>();
  private readonly kept = new Set<TypedArray>();
  private readonly enabled: boolean;
  private previous: Set<TypedArray> | null = null;

  constructor(enabled: boolean) {
    this.enabled = enabled;
  }

  /** Runs `body` with the pass's allocations observed. */
  run<T>(body: () => T): T {
    if (!this.enabled) return body();
    this.previous = observeAllocations(this.made);
    try {
      return body();
    } finally {
      observeAllocations(this.previous);
      // a nested pass's arrays are the outer pass's too: never release them there
      if (this.previous !== null) for (const x of this.made) this.previous.delete(x);
    }
  }

  /** A gradients-map entry now holds `g`. */
  hold(g: Tensor): void {
    if (!this.enabled) return;
    this.holds.set(g.data, (this.holds.get(g.data) ?? 0) + 1);
  }

  /** A gradients-map entry let go of `g` (consumed or summed): release it when nothing else holds it. */
  drop(g: Tensor): void {
    if (!this.enabled) return;
    const data = g.data;
    const left = (this.holds.get(data) ?? 0) - 1;
    if (left > 0) {
      this.holds.set(data, left);
      return;
    }
    this.holds.delete(data);
    if (!this.made.has(data) || this.kept.has(data)) return;
    this.made.delete(data);
    releaseStorage(data);
  }

  /**
   * True when `g`'s array may become a `.grad` as it is, instead of a copy: the pass made it, the
   * gradients map holds it once (the entry being consumed) and it never left the engine. It is
   * then kept (never released).
   */
  adopt(g: Tensor): boolean {
    if (!this.enabled) return false;
    const data = g.data;
    if (!this.made.has(data) || this.kept.has(data) || this.holds.get(data) !== 1) return false;
    this.kept.add(data);
    return true;
  }

  /** `g` reached code outside the engine (a hook, a captured result): never release it. */
  keep(g: Tensor): void {
    if (this.enabled) this.kept.add(g.data);
  }
}
