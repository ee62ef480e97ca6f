/** Heat-map traces and their axes, with labelled hover text and the payload's category ticks. */
import type { CategoryTicks, ColorScale, Matrix } from "seqgrad/payloads";
import { FONT_SIZE, textWidth } from "seqgrad/payloads";
import { colorFields, colorbarTicks, formatValue, plotValue } from "./colors";
import { axis } from "./layout";
import { plotlyText, type PlotObject } from "./plotly";
import type { Theme } from "./theme";

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
}

/**
 * A heat-map trace. Cells sit at integer positions (tick labels come from `heatmapAxes`), so equal
 * labels such as a repeated token never merge into one category.
 */
export function heatmapTrace(spec: HeatmapSpec): PlotObject {
  const { matrix } = spec;
  const text = matrix.z.map((row, r) =>
    row.map((v, c) => spec.hover(r, c, formatValue(v)).map(plotlyText).join("<br>"))
  );
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
    colorbar: { thickness: 14, x: spec.colorbarX, outlinewidth: 0, ...colorbarTicks(spec.scale) },
    xaxis: spec.xaxis ?? "x",
    yaxis: spec.yaxis ?? "y",
    ...colorFields(spec.scale),
  };
}

/** A category axis's ticks exactly as the payload decided them (the static SVG prints the same). */
export function ticks(t: CategoryTicks): PlotObject {
  return { tickmode: "array", tickvals: t.at, ticktext: t.text.map(plotlyText), tickangle: t.angle };
}

/** The x and y axes of a heat map: row 0 at the top, square-ish cells, the payload's category ticks. */
export function heatmapAxes(
  theme: Theme,
  xTitle: string,
  yTitle: string,
  xTicks: CategoryTicks,
  yTicks: CategoryTicks,
  extra: { x?: PlotObject; y?: PlotObject } = {}
): { x: PlotObject; y: PlotObject } {
  return {
    x: axis(theme, xTitle, { ...ticks(xTicks), showgrid: false, zeroline: false, ...extra.x }),
    y: axis(theme, yTitle, { ...ticks(yTicks), showgrid: false, zeroline: false, autorange: "reversed", ...extra.y }),
  };
}

/** Index labels of a (possibly downsampled) matrix dimension: "0", "1", ... or block starts. */
export function indexLabels(index: readonly number[]): string[] {
  return index.map((i) => String(i));
}

/** Room the x labels of `ticks` need under the cells (a label at -60 degrees reaches sin 60 of its width down). */
export function tickSpace(t: CategoryTicks): number {
  const longest = Math.max(1, ...t.text.map((s) => textWidth(s, FONT_SIZE.tick)));
  return Math.ceil(t.angle !== 0 ? longest * Math.sin((Math.abs(t.angle) * Math.PI) / 180) + 16 : 22);
}

/** Room the y labels of `ticks` need beside the cells. */
export function tickWidth(t: CategoryTicks): number {
  return Math.ceil(Math.max(1, ...t.text.map((s) => textWidth(s, FONT_SIZE.tick))));
}
