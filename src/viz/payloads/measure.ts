/**
 * The width of label text, measured once for both drawings from the glyph advances of the figures'
 * font: which category labels rotate and how many show (src/viz/data/category-ticks.ts), and the
 * room beside and under heat-map cells that the static drawing and the lab renderer leave for them.
 */
import type { CategoryTicks, ColorScale } from "./shared";
import { FONT_SIZE, TEXT_ROLES } from "./style";

/** Height of a label line (px) at the tick size. */
export const LABEL_LINE_H = 13;

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
 * Width (px) of `label` at `size` px (default the tick size), summed from DejaVu Sans advances: the
 * measure that decides which labels rotate, how many show and the room both drawings leave for them.
 *
 * @example labelWidth("2\u2423@0") // about 34 (an "@" is a whole em wide)
 */
export function labelWidth(label: string, size: number = FONT_SIZE.tick): number {
  let em = 0;
  for (const ch of label) em += advance(ch);
  return em * size;
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

/** Width (px) a colour bar of `scale`, `barWidth` wide, takes with its tick labels and its title. */
export function colorBarWidth(scale: ColorScale, barWidth = 14): number {
  const ticks = barWidth + 5 + Math.max(0, ...scale.tickText.map((t) => labelWidth(t)));
  return Math.ceil(Math.max(ticks, labelWidth(scale.title, TEXT_ROLES.colorBarTitle.size)) + 4);
}
