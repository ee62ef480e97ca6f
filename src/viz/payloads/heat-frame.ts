/**
 * Where the heat maps of a grid sit (attention panels, gate panels, tensor heat maps and slices),
 * decided once for both drawings: each panel's cells, the room beside and under them that its labels
 * and axis titles need (measured from the labels' glyphs), the axis titles' places and the colour
 * bar. The static drawing and the lab renderer place everything from this frame, so cells are the
 * payload's size in both and no label is cut.
 *
 * The frame of a payload is a function of the payload's other fields (`attentionFrame`,
 * `gatesFrame`, `tensorFrame`), so the lab can also place a payload saved before it carried one.
 */
import type { AttentionPayload, CellGrid, GatesPayload, HeatFrame } from "./figures";
import type { Box, CategoryTicks, ColorScale, Matrix, Point } from "./shared";
import { categoryTickSpace, categoryTickWidth, colorBarWidth } from "./measure";

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
/** Widest a grid of several panels may be (px): as many panels per row as fit, at most 4. */
export const GRID_WIDTH = 880;
/** The axis and colour-bar titles of each heat-map figure. */
export const HEAT_TITLES = {
  attention: { row: "target tokens", col: "source tokens", colorBar: "weight" },
  gates: { row: "unit", colorBar: "activation" },
  tensor: { colorBar: "value" },
} as const;
/** Gates: a gate panel's title row, the gap under its token labels, the colour bar's largest length (px). */
export const GATES_GRID = { titleH: 22, gap: 10, barMax: 220 } as const;

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

/** Panels per row that fit `GRID_WIDTH` (the colour bar's room counted once), at most 4 and at most `count`. */
export function gridColumns(spec: Omit<GridSpec, "columns">): number {
  const one = gridFrame({ ...spec, columns: 1 });
  const fit = Math.max(1, Math.floor((GRID_WIDTH - (one.width - one.colorBar.x)) / Math.max(1, one.colorBar.x)));
  return Math.max(1, Math.min(4, fit, spec.count));
}

/**
 * Where the axis titles of the panel whose cells fill `box` print: the column title centred under
 * the x labels (`col`, its baseline), the row title turned a quarter left of the y labels (`row`,
 * the point its baseline passes through at the middle of the cells). Both drawings print there.
 */
export function axisTitlePlaces(box: Box, xTicks: CategoryTicks, yTicks: CategoryTicks): { col: Point; row: Point } {
  return {
    col: { x: box.x + box.width / 2, y: box.y + box.height + categoryTickSpace(xTicks) + 14 },
    row: { x: box.x - categoryTickWidth(yTicks) - 16, y: box.y + box.height / 2 },
  };
}

/** The frame of an attention payload: its panels in rows of `columns`, square cells of `cell` px. */
export function attentionFrame(p: Omit<AttentionPayload, "frame">): HeatFrame {
  const m = p.panels[0]?.matrix;
  const titleH = p.panels.some((panel) => panel.title.length > 0) ? PANEL_TITLE_H : 0;
  return gridFrame({
    count: p.panels.length,
    columns: p.columns,
    width: (m?.colIndex.length ?? 0) * p.cell,
    height: (m?.rowIndex.length ?? 0) * p.cell,
    yTicks: p.targetTicks,
    xTicks: p.sourceTicks,
    yTitle: p.rowTitle,
    xTitle: p.colTitle,
    titleH,
    rowGap: 8,
    scale: p.colorScale,
  });
}

/** The frame of a gates payload: one gate a row, cells of `cellWidth` x `cellHeight` px. */
export function gatesFrame(p: Omit<GatesPayload, "frame">): HeatFrame {
  const m = p.gates[0]?.matrix;
  return gridFrame({
    count: p.gates.length,
    columns: 1,
    width: (m?.colIndex.length ?? 0) * p.cellWidth,
    height: (m?.rowIndex.length ?? 0) * p.cellHeight,
    yTicks: p.unitTicks,
    xTicks: p.tokenTicks,
    yTitle: p.rowTitle,
    xTitle: "",
    titleH: GATES_GRID.titleH,
    rowGap: GATES_GRID.gap,
    scale: p.gates[0]?.colorScale ?? { scheme: "blues", min: 0, max: 1, ticks: [], tickText: [], title: "" },
    barMax: GATES_GRID.barMax,
  });
}

/**
 * The frame of a tensor's heat map (one panel) or slices (one panel each, titled by its slice label,
 * as many a row as fit): cells of the grid's size, its index labels and axis titles, one colour bar.
 */
export function tensorFrame(panels: ReadonlyArray<{ matrix: Matrix; grid: CellGrid }>, titled: boolean, scale: ColorScale): HeatFrame {
  const first = panels[0];
  const spec = {
    count: panels.length,
    width: (first?.matrix.colIndex.length ?? 0) * (first?.grid.width ?? 0),
    height: (first?.matrix.rowIndex.length ?? 0) * (first?.grid.height ?? 0),
    yTicks: first?.grid.rowTicks ?? { at: [], text: [], angle: 0 },
    xTicks: first?.grid.colTicks ?? { at: [], text: [], angle: 0 },
    yTitle: first?.grid.rowTitle ?? "",
    xTitle: first?.grid.colTitle ?? "",
    titleH: titled ? PANEL_TITLE_H : 0,
    rowGap: 8,
    scale,
  };
  return gridFrame({ ...spec, columns: gridColumns(spec) });
}
