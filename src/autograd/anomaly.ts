/** Anomaly mode: reports the first op that makes NaN or Inf, in forward or backward. */
let enabled = false;
/** True while an op's backward runs: its inner ops are checked as that op's gradient instead. */
let inBackward = false;

/** True inside `detectAnomaly`. */
export function isAnomalyEnabled(): boolean {
  return enabled;
}

/** True inside `detectAnomaly` and outside a backward closure: forward outputs are checked. */
export function checksForward(): boolean {
  return enabled && !inBackward;
}

/**
 * Runs one op's backward closure. The ops it uses internally are not checked one by one; the
 * caller checks the gradients it returns, so a NaN is reported under the op being differentiated.
 */
export function inBackwardOf<T>(fn: () => T): T {
  const previous = inBackward;
  inBackward = true;
  try {
    return fn();
  } finally {
    inBackward = previous;
  }
}

/**
 * Runs `fn` with anomaly detection on (PyTorch's `torch.autograd.detect_anomaly`): the first op
 * whose output (or, during backward, whose input gradient) holds NaN or Inf throws an
 * `AnomalyError` naming the op and its input shapes.
 *
 * @example detectAnomaly(() => loss.backward());
 */
export function detectAnomaly<T>(fn: () => T): T {
  const previous = enabled;
  enabled = true;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}

/** Index of the first NaN or Inf in `data`, or -1. */
export function firstNonFinite(data: ArrayLike<number>): number {
  for (let i = 0; i < data.length; i++) {
    const v = data[i] ?? 0;
    if (v - v !== 0) return i;
  }
  return -1;
}
