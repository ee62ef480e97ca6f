/** The one-line text of a run's progress: bar, count, rate, ETA and current metrics. */
import { decodeNumber } from "./payloads";
import type { Progress } from "./payloads";
import { formatValue } from "./svg/scale";

const BAR = 24;

/** `h:mm:ss` or `m:ss`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${r}` : `${m}:${r}`;
}

/**
 * `[#########...............]  45/120  12.3 it/s  0:07 < 0:09  loss 1.234  lr 0.001`
 * (no bar without a known total).
 */
export function progressLine(p: Progress): string {
  const parts: string[] = [];
  if (p.total !== null && p.total > 0) {
    const filled = Math.round((BAR * Math.min(p.step, p.total)) / p.total);
    parts.push(`[${"#".repeat(filled)}${".".repeat(BAR - filled)}]`, `${p.step}/${p.total}`);
  } else parts.push(`step ${p.step}`);
  if (p.epoch !== null) parts.push(`epoch ${p.epoch}`);
  if (p.stepsPerSecond !== null) parts.push(`${formatValue(p.stepsPerSecond)} it/s`);
  parts.push(p.etaSeconds === null ? formatDuration(p.elapsedSeconds) : `${formatDuration(p.elapsedSeconds)} < ${formatDuration(p.etaSeconds)}`);
  for (const [name, v] of Object.entries(p.metrics)) parts.push(`${name} ${formatValue(decodeNumber(v))}`);
  if (p.state !== "running") parts.push(`(${p.state})`);
  return parts.join("  ");
}
