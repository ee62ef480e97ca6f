/**
 * Where the heat maps of a grid sit (attention panels, gate panels), decided once for both drawings:
 * each panel's cells, the room beside and under them that its labels and axis titles need (measured
 * from the labels' glyphs), and the colour bar. The static drawing and the lab renderer place
 * everything from this frame, so cells are the payload's size in both and no label is cut.
 */
import type { Box, CategoryTicks, ColorScale, HeatFrame } from "../payloads";
import { categoryTickSpace, categoryTickWidth, colorBarWidth } from "../payloads/measure";

/** Height of a panel's title row (px), when panels have titles. */
export const PANEL_TITLE_H = 20;
/** Room for an axis title beside or under the labels (px). */
export const AXIS_TITLE_ROOM = 20;
/** Gap between the labels of a panel and the next panel or the colour bar (px). */
const GAP = 16;
/** Room above the colour bar for its title (px). */
const COLORBAR_TITLE_ROOM = 20;
/** Width of the colour bar (px), and its least and largest length. */
const COLORBAR = { width: 14, min: 90, max: 300 } as const;

/** What the frame of a grid of equal heat maps depends on. */
export interface GridSpec {
  /** Panels and panels per row. */
  count: number;
  columns: number;
  /** Size of one panel's cells (px). */
  width: number;
  height: number;
  /** Labels beside (y) and under (x) the cells. */
  yTicks: CategoryTicks;
  xTicks: CategoryTicks;
  yTitle: string;
  xTitle: string;
  /** Whether panels carry a title row (then `titleH` px above the cells). */
  titleH: number;
  /** Room under a panel's labels before the next row (px). */
  rowGap: number;
  scale: ColorScale;
  /** Longest colour bar (px). */
  barMax?: number;
}

/** Room left of the cells: the y labels, their gap and the axis title. */
export function labelRoomLeft(yTicks: CategoryTicks, yTitle: string): number {
  return Math.ceil(categoryTickWidth(yTicks) + 10 + (yTitle.length > 0 ? AXIS_TITLE_ROOM : 0));
}

/** Room under the cells: the x labels and the axis title. */
export function labelRoomBelow(xTicks: CategoryTicks, xTitle: string): number {
  return Math.ceil(categoryTickSpace(xTicks) + (xTitle.length > 0 ? AXIS_TITLE_ROOM : 0));
}

/**
 * The frame of `count` heat maps of equal size in rows of `columns`, each with its labels, and the
 * colour bar right of the grid (its title above it).
 */
export function gridFrame(g: GridSpec): HeatFrame {
  const left = labelRoomLeft(g.yTicks, g.yTitle);
  const below = labelRoomBelow(g.xTicks, g.xTitle);
  const panelW = left + g.width + GAP;
  const panelH = g.titleH + g.height + below + g.rowGap;
  const top = g.scale.title.length > 0 ? Math.max(0, COLORBAR_TITLE_ROOM - g.titleH) : 4;
  const rows = Math.max(1, Math.ceil(g.count / g.columns));
  const panels: Box[] = Array.from({ length: g.count }, (_, k) => ({
    x: (k % g.columns) * panelW + left,
    y: top + Math.floor(k / g.columns) * panelH + g.titleH,
    width: g.width,
    height: g.height,
  }));
  const barH = Math.max(COLORBAR.min, Math.min(rows * panelH - below - g.titleH - g.rowGap, g.barMax ?? COLORBAR.max));
  const colorBar: Box = { x: g.columns * panelW, y: top + g.titleH, width: COLORBAR.width, height: barH };
  return {
    width: Math.ceil(colorBar.x + colorBarWidth(g.scale, COLORBAR.width)),
    height: Math.ceil(Math.max(top + rows * panelH, colorBar.y + barH + 8)),
    panels,
    colorBar,
  };
}
