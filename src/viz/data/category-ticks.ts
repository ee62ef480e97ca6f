/**
 * Which labels of a category axis show, decided once for both drawings: every one when they fit
 * their cells, else every k-th, so neighbouring labels never overlap; x labels wider than their
 * cell turn to -60 degrees (then only the line height has to fit). Long labels are cut with `…`.
 */
import type { CategoryTicks } from "../payloads";

/** Longest label printed in full, in characters. */
export const MAX_LABEL_CHARS = 14;
/** Size of the tick font (px), and the height of a label line. */
const LABEL_SIZE = 11;
const LABEL_LINE_H = 13;

/**
 * Advances of DejaVu Sans (the figures' font, bundled for the raster copy) in em, by glyph group;
 * any other character (accents, arrows, the visible space, CJK) is taken as a wide 0.8 em so a label
 * is never measured narrower than it prints.
 */
const ADVANCE: ReadonlyArray<readonly [string, number]> = [
  ["iljIJ'|", 0.3],
  [" .,:;!`ftr/()[]{}-", 0.4],
  ["\"*^_szc", 0.55],
  ["0123456789abdeghnopquvxykL?$FPTZY", 0.64],
  ["ABEKRSVX&", 0.7],
  ["CDGHNOQU", 0.79],
  ["mMwW%@#<>=+~", 1],
];
const OTHER_ADVANCE = 0.8;

function advance(ch: string): number {
  for (const [group, em] of ADVANCE) if (group.includes(ch)) return em;
  return OTHER_ADVANCE;
}

/**
 * Width (px) of `label` in the tick font, summed from DejaVu Sans advances: the measure that decides
 * which labels rotate, how many show and the room the static drawing leaves for them.
 *
 * @example labelWidth("2\u2423@0") // about 34 (an "@" is a whole em wide)
 */
export function labelWidth(label: string, size: number = LABEL_SIZE): number {
  let em = 0;
  for (const ch of label) em += advance(ch);
  return em * size;
}
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

/** Room the x labels of `ticks` need under their cells (rotated ones reach further down). */
export function categoryTickSpace(ticks: CategoryTicks): number {
  const longest = Math.max(1, ...ticks.text.map((t) => labelWidth(t)));
  // a label at -60 degrees reaches sin(60) of its length down
  return ticks.angle !== 0 ? longest * Math.sin((Math.abs(ticks.angle) * Math.PI) / 180) + 16 : 22;
}

/** Room the y labels of `ticks` need beside their cells. */
export function categoryTickWidth(ticks: CategoryTicks): number {
  return Math.max(1, ...ticks.text.map((t) => labelWidth(t)));
}
