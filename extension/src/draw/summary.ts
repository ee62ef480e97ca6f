/** Plain-text lines describing values and gradients for hover boxes. */
import type { Stats, ValueSummary } from "seqgrad/payloads";
import { formatValue } from "./colors";

/** "mean 0.12  std 0.5  min -1  max 1  ‖·‖ 3.2" plus NaN/inf counts. */
export function statsLine(s: Stats): string {
  if (s.mean === null) return `${s.numel} values, none finite`;
  const parts = [`mean ${formatValue(s.mean)}`, `std ${formatValue(s.std)}`, `min ${formatValue(s.min)}`, `max ${formatValue(s.max)}`, `‖·‖ ${formatValue(s.norm)}`];
  if (s.nanCount > 0) parts.push(`${s.nanCount} NaN`);
  if (s.infCount > 0) parts.push(`${s.infCount} inf`);
  return parts.join("  ");
}

/** "value [0.1, 0.2]" for a few values, else the statistics. */
export function summaryLine(name: string, v: ValueSummary | null): string {
  if (v === null) return `${name}: none`;
  if (v.values !== null) return `${name}: [${v.values.map(formatValue).join(", ")}]`;
  return `${name}: ${statsLine(v.stats)}`;
}
