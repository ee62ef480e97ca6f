/** The smoothing of training curves and their one-line text. */
import type { CurvesPayload } from "./payloads";
import { formatValue } from "./payloads/style";
import { decodeNumber } from "./payloads";
import { progressLine } from "./progress-text";

/** Debiased exponential moving average: m_k = s m_{k-1} + (1 - s) y_k, divided by 1 - s^k (NaN and Inf stay gaps). */
export function smooth(y: readonly number[], s: number): number[] {
  let m = 0;
  let k = 0;
  return y.map((v) => {
    if (!Number.isFinite(v)) return NaN;
    k += 1;
    m = s * m + (1 - s) * v;
    return m / (1 - Math.pow(s, k));
  });
}

/**
 * The `text/plain` line of a curves figure: the progress line while the run is going, then what a
 * saved notebook keeps: `Training curves: 200 steps (finished); train_loss 0.52, grad_norm 1.3`.
 */
export function curvesSummary(p: CurvesPayload): string {
  const g = p.progress;
  if (g !== null && g.state === "running") return progressLine(g);
  const last = p.series.map((s) => {
    const v = s.y.length === 0 ? NaN : decodeNumber(s.y[s.y.length - 1] ?? "NaN");
    return `${s.name} ${formatValue(v)}`;
  });
  const steps = g === null ? "" : ` ${g.step} steps${g.state === "running" ? "" : ` (${g.state})`}`;
  return `Training curves:${steps}${last.length > 0 ? `; ${last.join(", ")}` : ""}`;
}
