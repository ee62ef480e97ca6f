/**
 * Clean-up work that must run when a backward pass ends, whether it finished or failed.
 *
 * An op's backward may hold a resource across the backward functions of several nodes: the fused
 * recurrence keeps W_hh resident in the backend's memory (`Backend.pin`) from the backward of its
 * last step to that of its first. If a hook or a later node throws in between, the nodes that
 * would release it never run; `whenBackwardEnds` registers the release with the pass instead.
 */
interface Pass {
  cleanups: Array<() => void>;
  /** The tensors whose gradients the pass hands out (`grad()` inputs, `backward({ inputs })`), if named. */
  targets: ReadonlySet<object> | undefined;
}

const passes: Pass[] = [];

/**
 * Runs `fn` when the backward pass now running ends (in reverse order of registration);
 * returns false, without keeping `fn`, when no backward pass is running.
 */
export function whenBackwardEnds(fn: () => void): boolean {
  const current = passes[passes.length - 1];
  if (current === undefined) return false;
  current.cleanups.push(fn);
  return true;
}

/**
 * True when the backward pass now running hands out the gradient of `t` by name (captured by
 * `grad()` or accumulated by `backward({ inputs })`), so it must be whole where `t` is not a leaf.
 */
export function passHandsOut(t: object): boolean {
  return passes[passes.length - 1]?.targets?.has(t) ?? false;
}

/** Runs one backward pass `body` (naming `targets`), then everything it registered with `whenBackwardEnds`. */
export function asBackwardPass<T>(body: () => T, targets?: ReadonlySet<object>): T {
  const cleanups: Array<() => void> = [];
  passes.push({ cleanups, targets });
  try {
    return body();
  } finally {
    passes.pop();
    for (let i = cleanups.length - 1; i >= 0; i--) cleanups[i]?.();
  }
}
