/**
 * `application/vnd.seqgrad.tensor.v1+json`: a tensor's values. 0-D shows the value, 1-D a bar strip,
 * 2-D a heat map, 3-D and above a heat map per slice (every slice the payload carries, laid out by
 * its frame); a small matrix (up to 8 x 8) prints its values in cells of the payload's size. Hover
 * gives the index and value; the heading (the payload's title and subtitle) gives shape, dtype,
 * grad_fn and statistics.
 */
import type { TensorPayload, TensorView } from "seqgrad/payloads";
import { formatValue, plotValue } from "../draw/colors";
import { FONT_FAMILY, seriesColor } from "seqgrad/payloads";
import { el, heading } from "../draw/dom";
import { frameAxisTitles, frameColorbar, frameColorbarTitle, frameDomains, frameLayout, framePanelTitle, heatmapAxes, heatmapTrace } from "../draw/heatmap";
import { axisId, axisKey, baseLayout, payloadAxis } from "../draw/layout";
import { plotlyText, type PlotFigure, type PlotObject } from "../draw/plotly";
import type { Theme } from "../draw/theme";
import { PlotWidget } from "../plot-widget";

export const TENSOR_MIME = "application/vnd.seqgrad.tensor.v1+json";

export class TensorRenderer extends PlotWidget<"tensor"> {
  protected readonly kind = "tensor";

  protected async draw(p: TensorPayload): Promise<void> {
    const top = this.topNode;
    top.replaceChildren(heading(p.title ?? "", p.subtitle ?? "", FONT_FAMILY));
    const view = p.view;
    if (view.type === "scalar") {
      top.appendChild(el("div", "jp-seqgrad-scalar", formatValue(view.value)));
      return;
    }
    if (view.type === "bars") {
      await this.plot((theme) => barsFigure(theme, view), { fit: true });
      return;
    }
    await this.plot((theme) => heatGridFigure(theme, view), { fit: true });
  }
}

function barsFigure(theme: Theme, view: Extract<TensorView, { type: "bars" }>): PlotFigure {
  const y = view.values.map(plotValue);
  // bars centred on their block of the source, as the static drawing places them
  const band = view.sourceLength / Math.max(1, view.values.length);
  const index = view.values.map((_, i) => (i + 0.5) * band);
  return {
    data: [{
      type: "bar",
      x: index,
      y,
      // one colour, the payload palette's first, as the static drawing fills them (a value-coloured bar near 0 was white on a light page)
      marker: { color: seriesColor(0), line: { width: 0 } },
      hovertemplate: "index %{x}<br>value %{y:.4g}<extra></extra>",
    }],
    layout: { ...baseLayout(theme, 220), bargap: 0.05, xaxis: payloadAxis(theme, view.xAxis), yaxis: payloadAxis(theme, view.yAxis) },
  };
}

/**
 * A tensor's heat map, or every slice carried (each titled by its label), where the payload's frame
 * puts them, as the static drawing draws them: cells of the payload's size (a small matrix prints
 * its values in them), index labels, axis titles under the bottom row and beside the first column,
 * one colour bar with its title. Hover gives each cell's index and value.
 */
function heatGridFigure(theme: Theme, view: Extract<TensorView, { type: "heatmap" | "slices" }>): PlotFigure {
  const panels = view.type === "heatmap" ? [{ matrix: view.matrix, grid: view.grid, label: "" }] : view.slices.map((matrix, k) => ({ matrix, grid: view.grids[k], label: view.labels[k] ?? "" }));
  const frame = view.frame;
  const bottom = Math.max(...frame.panels.map((b) => b.y));
  const left = Math.min(...frame.panels.map((b) => b.x));
  const data: PlotObject[] = [];
  const annotations: PlotObject[] = [];
  const layout: PlotObject = { ...baseLayout(theme, frame.height), ...frameLayout(frame) };
  panels.forEach(({ matrix, grid, label }, i) => {
    const box = frame.panels[i];
    if (box === undefined || grid === undefined) return;
    const downsampled = matrix.sourceRows > matrix.rowIndex.length || matrix.sourceCols > matrix.colIndex.length;
    const where = label.length > 0 ? `${label} ` : "";
    data.push(heatmapTrace({
      matrix,
      scale: view.colorScale,
      xaxis: axisId("x", i),
      yaxis: axisId("y", i),
      showScale: i === 0,
      theme,
      colorbarTitle: false,
      hover: (r, c, v) => [`${where}[${matrix.rowIndex[r]}, ${matrix.colIndex[c]}]${downsampled ? " (block mean)" : ""}`, `value ${v}`],
    }));
    const axes = heatmapAxes(theme, "", "", grid.colTicks, grid.rowTicks);
    const domain = frameDomains(frame, box);
    layout[axisKey("x", i)] = { ...axes.x, automargin: false, range: [-0.5, matrix.colIndex.length - 0.5], anchor: axisId("y", i), domain: domain.x };
    layout[axisKey("y", i)] = { ...axes.y, automargin: false, autorange: false, range: [matrix.rowIndex.length - 0.5, -0.5], anchor: axisId("x", i), domain: domain.y };
    annotations.push(...frameAxisTitles(theme, frame, box, { col: box.y === bottom ? grid.colTitle : "", row: box.x === left ? grid.rowTitle : "" }, grid.colTicks, grid.rowTicks));
    annotations.push(...framePanelTitle(theme, frame, box, label));
    // the values the library printed in the cells, in its text and ink
    const text = grid.text;
    const ink = grid.ink;
    if (text !== null && ink !== null) {
      matrix.z.forEach((row, r) => row.forEach((_, c) => annotations.push({ x: c, y: r, xref: axisId("x", i), yref: axisId("y", i), text: plotlyText(text[r]?.[c] ?? ""), showarrow: false, font: { size: grid.fontSize, color: ink[r]?.[c] ?? theme.text } })));
    }
  });
  const first = data[0];
  if (first !== undefined) first.colorbar = { ...(first.colorbar as PlotObject), ...frameColorbar(frame) };
  annotations.push(...frameColorbarTitle(theme, frame, view.colorScale));
  layout.annotations = annotations;
  return { data, layout };
}
