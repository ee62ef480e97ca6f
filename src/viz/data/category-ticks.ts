/**
 * Which labels of a category axis show, decided once for both drawings: every one when they fit
 * their cells, else every k-th, so neighbouring labels never overlap; x labels wider than their
 * cell turn to -60 degrees (then only the line height has to fit). Long labels are cut with `…`.
 */
import type { CategoryTicks } from "../payloads";

/** Longest label printed in full, in characters. */
export const MAX_LABEL_CHARS = 14;
/** Estimated width of one label character (11 px tick font), and the height of a label line. */
const LABEL_CHAR_W = 6.8;
const LABEL_LINE_H = 13;
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
  const longest = Math.max(1, ...labels.map((l) => Math.min([...l].length, MAX_LABEL_CHARS)));
  const rotate = axis === "x" && longest * LABEL_CHAR_W > band * minEvery;
  const needed = axis === "y" || rotate ? LABEL_LINE_H : longest * LABEL_CHAR_W;
  const every = Math.max(minEvery, Math.ceil(needed / Math.max(band, 1e-9)), 1);
  const at: number[] = [];
  const text: string[] = [];
  labels.forEach((label, i) => {
    if (i % every !== 0) return;
    const chars = [...label];
    at.push(i);
    text.push(chars.length > MAX_LABEL_CHARS ? `${chars.slice(0, MAX_LABEL_CHARS - 1).join("")}\u2026` : label);
  });
  return { at, text, angle: rotate ? ROTATED : 0 };
}

/** Room the x labels of `ticks` need under their cells (rotated ones reach further down). */
export function categoryTickSpace(ticks: CategoryTicks): number {
  const longest = Math.max(1, ...ticks.text.map((t) => [...t].length));
  return ticks.angle !== 0 ? longest * 6.1 + 14 : 22;
}

/** Room the y labels of `ticks` need beside their cells. */
export function categoryTickWidth(ticks: CategoryTicks): number {
  return Math.max(1, ...ticks.text.map((t) => [...t].length)) * LABEL_CHAR_W;
}
