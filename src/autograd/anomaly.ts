/** Anomaly mode: reports the first op that makes NaN or Inf, in forward or backward. */
let enabled = false;

/** True inside `detectAnomaly`. */
export function isAnomalyEnabled(): boolean {
  return enabled;
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
