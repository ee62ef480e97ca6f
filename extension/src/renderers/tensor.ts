/**
 * `application/vnd.seqgrad.tensor.v1+json`: a tensor's values. 0-D shows the value, 1-D a bar strip,
 * 2-D a heat map, 3-D and above a heat map per slice with a slice selector; a small matrix (up to
 * 8 x 8) prints its values in cells of the payload's size. Hover gives the index and value; the heading
 * (the payload's title and subtitle) gives shape, dtype, grad_fn and statistics.
 */
import type { CellGrid, ColorScale, Matrix, TensorPayload, TensorView } from "seqgrad/payloads";
import { colorFields, formatValue, plotValue } from "../draw/colors";
import { FONT_FAMILY } from "seqgrad/payloads";
import { el, heading } from "../draw/dom";
import { heatmapAxes, heatmapTrace, tickSpace, tickWidth } from "../draw/heatmap";
import { baseLayout, payloadAxis } from "../draw/layout";
import { plotlyText, type PlotFigure } from "../draw/plotly";
import type { Theme } from "../draw/theme";
import { PlotWidget } from "../plot-widget";

export const TENSOR_MIME = "application/vnd.seqgrad.tensor.v1+json";

export class TensorRenderer extends PlotWidget<"tensor"> {
  protected readonly kind = "tensor";
  private slice = 0;

  protected async draw(p: TensorPayload): Promise<void> {
    const top = this.topNode;
    top.replaceChildren(heading(p.title ?? "", p.subtitle ?? "", FONT_FAMILY));
    const view = p.view;
    if (view.type === "scalar") {
      top.appendChild(el("div", "jp-seqgrad-scalar", formatValue(view.value)));
      return;
    }
    if (view.type === "bars") {
      await this.plot((theme) => barsFigure(theme, view));
      return;
    }
    if (view.type === "heatmap") {
      await this.plot((theme) => matrixFigure(theme, view.matrix, view.grid, view.colorScale));
      return;
    }
    const slices = view.slices;
    this.slice = Math.min(this.slice, slices.length - 1);
    const select = el("select", "jp-seqgrad-slice-select");
    select.setAttribute("aria-label", "slice");
    view.labels.forEach((label, i) => {
      const option = el("option", "", label);
      option.value = String(i);
      select.appendChild(option);
    });
    select.value = String(this.slice);
    const note = view.sliceCount > slices.length ? ` (first ${slices.length} of ${view.sliceCount})` : "";
    const controls = el("label", "jp-seqgrad-controls", `slice${note} `);
    controls.appendChild(select);
    top.appendChild(controls);
    const drawSlice = (): Promise<void> => {
      const matrix = slices[this.slice];
      const grid = view.grids[this.slice];
      if (matrix === undefined || grid === undefined) return Promise.resolve();
      return this.plot((theme) => matrixFigure(theme, matrix, grid, view.colorScale));
    };
    select.addEventListener("change", () => {
      this.slice = Number(select.value);
      void drawSlice();
    });
    await drawSlice();
  }
}

function barsFigure(theme: Theme, view: Extract<TensorView, { type: "bars" }>): PlotFigure {
  const y = view.values.map(plotValue);
  const fields = colorFields(view.colorScale);
  // bars centred on their block of the source, as the static drawing places them
  const band = view.sourceLength / Math.max(1, view.values.length);
  const index = view.values.map((_, i) => (i + 0.5) * band);
  return {
    data: [{
      type: "bar",
      x: index,
      y,
      marker: { color: y.map((v) => v ?? 0), colorscale: fields.colorscale, cmin: fields.zmin, cmax: fields.zmax, line: { width: 0 } },
      hovertemplate: "index %{x}<br>value %{y:.4g}<extra></extra>",
    }],
    layout: { ...baseLayout(theme, 220), bargap: 0.05, xaxis: payloadAxis(theme, view.xAxis), yaxis: payloadAxis(theme, view.yAxis) },
  };
}

/** Room right of a heat map for its colour bar and tick labels, and above it. */
const COLORBAR_ROOM = 110;
const TOP_ROOM = 12;
const MIN_PLOT_HEIGHT = 80;

/**
 * A heat map of cells of the payload's size (small or large, never stretched to the output's width),
 * with the payload's index labels and axis titles; a small matrix prints its values in the cells.
 */
function matrixFigure(theme: Theme, matrix: Matrix, grid: CellGrid, scale: ColorScale): PlotFigure {
  const rows = matrix.rowIndex.length;
  const cols = matrix.colIndex.length;
  const downsampled = matrix.sourceRows > rows || matrix.sourceCols > cols;
  const trace = heatmapTrace({
    matrix,
    scale,
    theme,
    hover: (r, c, v) => [`[${matrix.rowIndex[r]}, ${matrix.colIndex[c]}]${downsampled ? " (block mean)" : ""}`, `value ${v}`],
  });
  const axes = heatmapAxes(theme, grid.colTitle, grid.rowTitle, grid.colTicks, grid.rowTicks);
  // the values the library printed in the cells, in its text and ink
  const text = grid.text;
  const ink = grid.ink;
  const annotations = text === null || ink === null ? [] : matrix.z.flatMap((row, r) => row.map((_, c) => ({
    x: c,
    y: r,
    xref: "x",
    yref: "y",
    text: plotlyText(text[r]?.[c] ?? ""),
    showarrow: false,
    font: { size: grid.fontSize, color: ink[r]?.[c] ?? theme.text },
  })));
  const margin = {
    l: tickWidth(grid.rowTicks) + (grid.rowTitle.length > 0 ? 40 : 16),
    r: COLORBAR_ROOM,
    t: TOP_ROOM,
    b: tickSpace(grid.colTicks) + (grid.colTitle.length > 0 ? 34 : 10),
  };
  // the colour bar needs some height: a matrix of few rows sits at the top of a taller plot area
  const cellsH = rows * grid.height;
  const plotH = Math.max(cellsH, MIN_PLOT_HEIGHT);
  // the colour bar as the static drawing draws it: from the top of the cells, as long as they are (at least the plot's least height)
  trace.colorbar = { ...(trace.colorbar as Record<string, unknown>), y: 1, yanchor: "top", ypad: 0, len: plotH, lenmode: "pixels" };
  const layout = {
    ...baseLayout(theme, margin.t + plotH + margin.b),
    width: margin.l + cols * grid.width + margin.r,
    autosize: false,
    margin,
    xaxis: { ...axes.x, automargin: false, anchor: "y" },
    yaxis: { ...axes.y, automargin: false, domain: [1 - cellsH / plotH, 1] },
    annotations,
  };
  return { data: [trace], layout };
}
