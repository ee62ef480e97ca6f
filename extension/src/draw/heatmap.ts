/**
 * Heat-map traces and their axes, with labelled hover text, the payload's category ticks, the text
 * roles of seqgrad/payloads (category labels in the text ink, colour-bar ticks muted, as the static
 * drawing prints them), and the placement of a grid of heat maps from the payload's frame.
 */
import type { Box, CategoryTicks, ColorScale, HeatFrame, Matrix, Point, TextRoleName } from "seqgrad/payloads";
import { HEATMAP_FRAME, axisTitlePlaces, categoryTickSpace, categoryTickWidth } from "seqgrad/payloads";
import { colorFields, colorbarTicks, formatValue, plotValue } from "./colors";
import { axis } from "./layout";
import { plotlyText, type PlotObject } from "./plotly";
import { roleFont, type Theme } from "./theme";

/** What a heat map shows and how its cells are described on hover. */
export interface HeatmapSpec {
  matrix: Matrix;
  scale: ColorScale;
  /** Hover lines of cell (row, col) of the shown matrix; plain text, escaped here. */
  hover: (row: number, col: number, value: string) => string[];
  xaxis?: string;
  yaxis?: string;
  showScale?: boolean;
  colorbarX?: number;
  /** The theme, for the colour bar's text (its tick labels and title as the text roles say). */
  theme?: Theme;
  /** Whether plotly prints the scale's title on the colour bar (default true; a frame's chart prints it apart, `frameColorbarTitle`). */
  colorbarTitle?: boolean;
}

/**
 * A heat-map trace. Cells sit at integer positions (tick labels come from `heatmapAxes`), so equal
 * labels such as a repeated token never merge into one category. The colour bar carries the
 * scale's ticks and title.
 */
export function heatmapTrace(spec: HeatmapSpec): PlotObject {
  const { matrix, theme } = spec;
  const text = matrix.z.map((row, r) =>
    row.map((v, c) => spec.hover(r, c, formatValue(v)).map(plotlyText).join("<br>"))
  );
  const fonts = theme === undefined ? {} : { tickfont: roleFont(theme, "tickLabel"), outlinecolor: theme.muted };
  const title = spec.scale.title.length > 0 && theme !== undefined && spec.colorbarTitle !== false ? { title: { text: plotlyText(spec.scale.title), side: "top", font: roleFont(theme, "colorBarTitle") } } : {};
  return {
    type: "heatmap",
    z: matrix.z.map((row) => row.map(plotValue)),
    x: matrix.colIndex.map((_, c) => c),
    y: matrix.rowIndex.map((_, r) => r),
    text,
    hovertemplate: "%{text}<extra></extra>",
    hoverongaps: false,
    xgap: 0,
    ygap: 0,
    showscale: spec.showScale ?? true,
    colorbar: { thickness: 14, x: spec.colorbarX, outlinewidth: 0.5, ...fonts, ...title, ...colorbarTicks(spec.scale) },
    xaxis: spec.xaxis ?? "x",
    yaxis: spec.yaxis ?? "y",
    ...colorFields(spec.scale),
  };
}

/** A category axis's ticks exactly as the payload decided them (the static SVG prints the same). */
export function ticks(t: CategoryTicks): PlotObject {
  return { tickmode: "array", tickvals: t.at, ticktext: t.text.map(plotlyText), tickangle: t.angle };
}

/**
 * The x and y axes of a heat map: row 0 at the top, the payload's category ticks in the category
 * label's role, no tick marks, axis titles in the axis title's role, and the cells framed as the
 * static drawing frames them.
 */
export function heatmapAxes(
  theme: Theme,
  xTitle: string,
  yTitle: string,
  xTicks: CategoryTicks,
  yTicks: CategoryTicks,
  extra: { x?: PlotObject; y?: PlotObject } = {}
): { x: PlotObject; y: PlotObject } {
  const common = {
    showgrid: false,
    zeroline: false,
    ticks: "",
    tickfont: roleFont(theme, "categoryLabel"),
    showline: true,
    mirror: true,
    linecolor: HEATMAP_FRAME.color,
    linewidth: HEATMAP_FRAME.width,
  };
  // the title close under (beside) the labels, as the static drawing prints it
  const titled = (title: string): PlotObject => ({ title: { text: plotlyText(title), font: roleFont(theme, "axisTitle"), standoff: 6 } });
  return {
    x: axis(theme, xTitle, { ...ticks(xTicks), ...common, ...titled(xTitle), ...extra.x }),
    y: axis(theme, yTitle, { ...ticks(yTicks), ...common, ...titled(yTitle), autorange: "reversed", ...extra.y }),
  };
}

/** Index labels of a (possibly downsampled) matrix dimension: "0", "1", ... or block starts. */
export function indexLabels(index: readonly number[]): string[] {
  return index.map((i) => String(i));
}

/** Room the x labels of `ticks` need under the cells, measured from their glyphs as the static drawing measures it. */
export function tickSpace(t: CategoryTicks): number {
  return Math.ceil(categoryTickSpace(t));
}

/** Room the y labels of `ticks` need beside the cells, measured from their glyphs. */
export function tickWidth(t: CategoryTicks): number {
  return Math.ceil(categoryTickWidth(t));
}

/**
 * The fixed plotly size of a grid drawn in the payload's frame: the chart is `frame.width` x
 * `frame.height` px with no margins, so paper coordinates are the frame's pixels.
 */
export function frameLayout(frame: HeatFrame): PlotObject {
  return { width: Math.ceil(frame.width), height: Math.ceil(frame.height), autosize: false, margin: { l: 0, r: 0, t: 0, b: 0, pad: 0 } };
}

/** Plotly domains (paper fractions, y up) of box `b` in `frame`. */
export function frameDomains(frame: HeatFrame, b: Box): { x: [number, number]; y: [number, number] } {
  const W = Math.ceil(frame.width);
  const H = Math.ceil(frame.height);
  return { x: [b.x / W, (b.x + b.width) / W], y: [1 - (b.y + b.height) / H, 1 - b.y / H] };
}

/** The colour bar placed in the frame's colour-bar box (its title above it, in the room the frame left). */
export function frameColorbar(frame: HeatFrame): PlotObject {
  const W = Math.ceil(frame.width);
  const H = Math.ceil(frame.height);
  const b = frame.colorBar;
  return { x: b.x / W, xanchor: "left", xpad: 0, y: 1 - b.y / H, yanchor: "top", ypad: 0, len: b.height, lenmode: "pixels", thickness: b.width, thicknessmode: "pixels" };
}

/** Name of the annotation that prints a frame's colour-bar title (the side-by-side test reads it). */
export const COLORBAR_TITLE_NAME = "colorbar-title";

/**
 * The colour bar's title as an annotation above the frame's colour-bar box, where the static drawing
 * prints it (plotly's own colour-bar title would take its room from the bar's length).
 */
export function frameColorbarTitle(theme: Theme, frame: HeatFrame, scale: ColorScale): PlotObject[] {
  if (scale.title.length === 0) return [];
  const b = frame.colorBar;
  return [{
    name: COLORBAR_TITLE_NAME,
    text: plotlyText(scale.title),
    showarrow: false,
    xref: "paper",
    yref: "paper",
    x: b.x / Math.ceil(frame.width),
    xanchor: "left",
    y: 1 - (b.y - 3) / Math.ceil(frame.height),
    yanchor: "bottom",
    borderpad: 0,
    font: roleFont(theme, "colorBarTitle"),
  }];
}

/** Names of the annotations that print a frame's axis and panel titles (the side-by-side test reads them). */
export const AXIS_TITLE_NAME = "axis-title";
export const PANEL_TITLE_NAME = "panel-title";

/**
 * How far above its baseline a line of text has the middle of its box, in em: (ascent - descent) / 2
 * of DejaVu Sans. The static drawing places text by its baseline, plotly an annotation by its box.
 */
const MIDDLE_ABOVE_BASELINE = 0.346;

/**
 * An annotation of `role` printing `text` whose baseline passes through `at` (frame pixels), as the
 * static drawing's `<text>` at that point: centred on it or starting at it (`anchor`), or turned a
 * quarter left (`turned`), the baseline then vertical. Named `name` so tests can find it.
 */
export function frameText(theme: Theme, frame: HeatFrame, name: string, role: TextRoleName, text: string, at: Point, turned = false, anchor: "center" | "left" = "center"): PlotObject {
  const font = roleFont(theme, role);
  const lift = font.size * MIDDLE_ABOVE_BASELINE;
  const x = turned ? at.x - lift : at.x;
  const y = turned ? at.y : at.y - lift;
  return {
    name,
    text: plotlyText(text),
    showarrow: false,
    xref: "paper",
    yref: "paper",
    x: x / Math.ceil(frame.width),
    xanchor: anchor,
    y: 1 - y / Math.ceil(frame.height),
    yanchor: "middle",
    borderpad: 0,
    textangle: turned ? -90 : 0,
    font,
  };
}

/**
 * The axis titles of the panel whose cells fill `box`, where the static drawing prints them
 * (`axisTitlePlaces` of seqgrad/payloads): `col` under the x labels, `row` left of the y labels,
 * each left out when empty.
 */
export function frameAxisTitles(theme: Theme, frame: HeatFrame, box: Box, titles: { col: string; row: string }, xTicks: CategoryTicks, yTicks: CategoryTicks): PlotObject[] {
  const at = axisTitlePlaces(box, xTicks, yTicks);
  const out: PlotObject[] = [];
  if (titles.col.length > 0) out.push(frameText(theme, frame, AXIS_TITLE_NAME, "axisTitle", titles.col, at.col));
  if (titles.row.length > 0) out.push(frameText(theme, frame, AXIS_TITLE_NAME, "axisTitle", titles.row, at.row, true));
  return out;
}

/** A panel's title over its cells (baseline 6 px above them), centred or from their left edge, as the static drawing prints it. */
export function framePanelTitle(theme: Theme, frame: HeatFrame, box: Box, title: string, anchor: "center" | "left" = "center"): PlotObject[] {
  if (title.length === 0) return [];
  return [frameText(theme, frame, PANEL_TITLE_NAME, "panelTitle", title, { x: anchor === "left" ? box.x : box.x + box.width / 2, y: box.y - 6 }, false, anchor)];
}
