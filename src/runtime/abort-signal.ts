/**
 * The abort signal seqgrad's loops read, written out so the package's declarations need neither
 * Node's types nor the DOM's: both environments' `AbortSignal` (from an `AbortController`) is one.
 */
export interface AbortSignalLike {
  /** True once the signal was aborted. */
  readonly aborted: boolean;
  /** Why it was aborted (what `controller.abort(reason)` was given). */
  readonly reason: unknown;
  addEventListener(type: "abort", listener: () => void): void;
  removeEventListener(type: "abort", listener: () => void): void;
}
