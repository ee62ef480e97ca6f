/**
 * Pure helpers of the training-curves figure: the debiased exponential moving average drawn over
 * raw series, m_k = s m_{k-1} + (1 - s) y_k shown as m_k / (1 - s^k), and durations as clock text.
 */

/** Debiased exponential moving average of `y` (NaN and infinities are skipped, kept as gaps). */
export function smooth(y: ReadonlyArray<number | null>, s: number): Array<number | null> {
  let m = 0;
  let k = 0;
  return y.map((v) => {
    if (v === null) return null;
    k += 1;
    m = s * m + (1 - s) * v;
    return m / (1 - s ** k);
  });
}

/** "1:02:03" or "2:03". */
export function formatDuration(seconds: number): string {
  const t = Math.max(0, Math.round(seconds));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const s = String(t % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
