import { observeAllocations, releaseStorage, storageKey } from "../tensor/dtype";
import type { Tensor } from "../tensor/tensor";

/**
 * The storage of the gradients a backward pass makes, given back as soon as the pass has used
 * them (explicit release on the hot path; see backend/wasm/storage.ts for the ownership rules).
 *
 * Everything is counted per block of storage (`storageKey`: a gradient and the views of it that
 * a backward makes, e.g. one slice per step, are one block). The pass may release a block only
 * when it made it (allocated while the pass ran, or handed over by an op), no pending gradient
 * holds a view of it any more (`hold` / `drop` count the gradients-map entries per block), and
 * it never reached code outside the engine: a hook, a captured result of `grad()`, or a `.grad`
 * (adopted whole or copied). A backward function that returns its incoming gradient (or a view of
 * it) to an input simply keeps the count up. Nothing is released in a pass that records itself
 * (`createGraph`).
 */
export class PassStorage {
  private readonly made = new Set<object>();
  private readonly holds = new Map<object, number>();
  private readonly kept = new Set<object>();
  private readonly enabled: boolean;
  private previous: Set<object> | null = null;

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
    const key = storageKey(g.data);
    this.holds.set(key, (this.holds.get(key) ?? 0) + 1);
  }

  /** A gradients-map entry let go of `g` (consumed or summed): release it when nothing else holds it. */
  drop(g: Tensor): void {
    if (!this.enabled) return;
    const key = storageKey(g.data);
    const left = (this.holds.get(key) ?? 0) - 1;
    if (left > 0) {
      this.holds.set(key, left);
      return;
    }
    this.holds.delete(key);
    if (!this.made.has(key) || this.kept.has(key)) return;
    this.made.delete(key);
    releaseStorage(g.data);
  }

  /**
   * True when `g`'s array may become a `.grad` as it is, instead of a copy: the pass made it, the
   * gradients map holds it once (the entry being consumed) and it never left the engine. It is
   * then kept (never released).
   */
  adopt(g: Tensor): boolean {
    if (!this.enabled) return false;
    const key = storageKey(g.data);
    if (!this.made.has(key) || this.kept.has(key) || this.holds.get(key) !== 1) return false;
    this.kept.add(key);
    return true;
  }

  /** `g` reached code outside the engine (a hook, a captured result): never release it. */
  keep(g: Tensor): void {
    if (this.enabled) this.kept.add(storageKey(g.data));
  }
}
