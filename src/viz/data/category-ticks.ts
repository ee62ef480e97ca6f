/**
 * Which labels of a category axis show, decided once for both drawings: every one when they fit
 * their cells, else every k-th, so neighbouring labels never overlap; x labels wider than their
 * cell turn to -60 degrees (then only the line height has to fit). Long labels are cut with `…`.
 */
import type { CategoryTicks } from "../payloads";
import { LABEL_LINE_H, labelWidth } from "../payloads/measure";

export { categoryTickSpace, categoryTickWidth, labelWidth } from "../payloads/measure";

/** Longest label printed in full, in characters. */
export const MAX_LABEL_CHARS = 14;
/** Angle of x labels too wide for their cells. */
const ROTATED = -60;

/** Options of `categoryTicks`. */
export interface CategoryTickOptions {
  /** Label at most every `minEvery`-th category, even when more would fit (default 1). */
  minEvery?: number;
}

/**
 * The ticks of `labels`, one category per `band` pixels along an `axis` ("x" under the cells, "y"
 * beside them).
 *
 * @example categoryTicks(["the", "cat"], 24, "x") // { at: [0, 1], text: ["the", "cat"], angle: -60 }
 */
export function categoryTicks(labels: readonly string[], band: number, axis: "x" | "y", options: CategoryTickOptions = {}): CategoryTicks {
  const minEvery = Math.max(1, options.minEvery ?? 1);
  const longest = Math.max(1, ...labels.map((l) => labelWidth(cut(l))));
  const rotate = axis === "x" && longest + 2 > band * minEvery;
  const needed = axis === "y" || rotate ? LABEL_LINE_H : longest + 4;
  const every = Math.max(minEvery, Math.ceil(needed / Math.max(band, 1e-9)), 1);
  const at: number[] = [];
  const text: string[] = [];
  labels.forEach((label, i) => {
    if (i % every !== 0) return;
    at.push(i);
    text.push(cut(label));
  });
  return { at, text, angle: rotate ? ROTATED : 0 };
}

/** `label` cut to `MAX_LABEL_CHARS` characters with a `…`. */
function cut(label: string): string {
  const chars = [...label];
  return chars.length > MAX_LABEL_CHARS ? `${chars.slice(0, MAX_LABEL_CHARS - 1).join("")}\u2026` : label;
}
