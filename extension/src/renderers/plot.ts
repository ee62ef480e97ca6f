/** `application/vnd.seqgrad.plot.v1+json`: generic line, scatter, heat-map and bar plots (`viz.line`, ...). */
import type { BarPlot, HeatmapPlot, PlotPayload } from "seqgrad/payloads";
import { FONT_FAMILY } from "seqgrad/payloads";
import { plotValue } from "../draw/colors";
import { heading } from "../draw/dom";
import { heatmapAxes, heatmapTrace, indexLabels, tickSpace, tickWidth, ticks } from "../draw/heatmap";
import { axis, baseLayout, boxAxis, boxLegends, domainOf, fixedLayout, wholeSize, frame } from "../draw/layout";
import { plotlyText, type PlotFigure, type PlotObject } from "../draw/plotly";
import { roleFont, type Theme } from "../draw/theme";
import { PlotWidget } from "../plot-widget";

export const PLOT_MIME = "application/vnd.seqgrad.plot.v1+json";

export class PlotRenderer extends PlotWidget<"plot"> {
  protected readonly kind = "plot";

  protected async draw(p: PlotPayload): Promise<void> {
    this.topNode.replaceChildren(heading(p.title ?? "", p.subtitle ?? "", FONT_FAMILY));
    await this.plot((theme) => plotFigure(theme, p), { fit: true });
  }
}

/** The figure of a generic plot: axes, ticks, colours and (line, scatter) the layout as the payload carries them. */
export function plotFigure(theme: Theme, p: PlotPayload): PlotFigure {
  if (p.type === "heatmap") return heatmapFigure(theme, p);
  if (p.type === "bar") return barFigure(theme, p);
  const { width, height } = wholeSize(p.layout);
  const legend = p.layout.legend === null ? null : boxLegends(theme, p.layout.legend, width, height, 0);
  const data: PlotObject[] = p.series.map((s, k) => ({
    type: "scatter",
    mode: p.type === "line" ? (s.x.length <= 2 ? "lines+markers" : "lines") : "markers",
    name: plotlyText(s.name),
    x: s.x,
    y: s.y.map(plotValue),
    line: { color: s.color, width: 2 },
    marker: { color: s.color, size: 7 },
    hovertemplate: `${plotlyText(s.name)}<br>${plotlyText(p.xAxis.label)} %{x:.4g}<br>${plotlyText(p.yAxis.label)} %{y:.4g}<extra></extra>`,
    ...(legend === null ? { showlegend: false } : { showlegend: true, legend: legend.ids[k] }),
  }));
  const d = domainOf(p.layout.plot, width, height);
  return {
    data,
    layout: {
      ...fixedLayout(theme, width, height),
      ...(legend?.layout ?? {}),
      showlegend: legend !== null,
      xaxis: boxAxis(theme, "x", p.xAxis, d.x, frame(theme)),
      yaxis: boxAxis(theme, "y", p.yAxis, d.y, frame(theme)),
    },
  };
}

/** Room right of a heat map for its colour bar and tick labels, in pixels. */
const COLORBAR_ROOM = 110;

/**
 * A heat map of square cells of the payload's `cell` pixels, not stretched to the output's width:
 * the plotted area is cols x cell by rows x cell, as in the static drawing.
 */
function heatmapFigure(theme: Theme, p: HeatmapPlot): PlotFigure {
  const m = p.matrix;
  const xs = p.xTicks ?? indexLabels(m.colIndex);
  const ys = p.yTicks ?? indexLabels(m.rowIndex);
  const trace = heatmapTrace({ matrix: m, scale: p.colorScale, hover: (r, c, v) => [`${p.yLabel} ${ys[r] ?? ""}`, `${p.xLabel} ${xs[c] ?? ""}`, `value ${v}`] });
  const axes = heatmapAxes(theme, p.xLabel, p.yLabel, p.colTicks, p.rowTicks);
  const margin = {
    l: tickWidth(p.rowTicks) + (p.yLabel.length > 0 ? 40 : 16),
    r: COLORBAR_ROOM,
    t: 12,
    b: tickSpace(p.colTicks) + (p.xLabel.length > 0 ? 34 : 10),
  };
  const plotW = m.colIndex.length * p.cell;
  const plotH = m.rowIndex.length * p.cell;
  // the colour bar needs some height: a map of few rows sits at the top of a taller plot area
  const areaH = Math.max(plotH, MIN_AREA_HEIGHT);
  const layout = {
    ...baseLayout(theme, margin.t + areaH + margin.b),
    width: margin.l + plotW + margin.r,
    autosize: false,
    margin,
    xaxis: { ...axes.x, automargin: false, anchor: "y" },
    yaxis: { ...axes.y, automargin: false, domain: [1 - plotH / areaH, 1] },
  };
  return { data: [trace], layout };
}

/** Least height of a heat map's plot area (room for its colour bar). */
const MIN_AREA_HEIGHT = 100;

/** How much nearer the bars plotly puts rotated category labels, to start where the static drawing starts them (px). */
const ROTATED_LABEL_SHIFT = -3;

/** The x title's standoff from the category labels, as far under them as the static drawing prints it. */
const BAR_TITLE_STANDOFF = 13;

/**
 * Grouped bars in bands of the payload's `band` pixels, in the payload's layout (plotted area and
 * legend), not stretched to the output's width, as in the static drawing.
 */
function barFigure(theme: Theme, p: BarPlot): PlotFigure {
  const { width, height } = wholeSize(p.layout);
  const legend = p.layout.legend === null ? null : boxLegends(theme, p.layout.legend, width, height, 0);
  const categories = p.categories.map(plotlyText);
  const data: PlotObject[] = p.series.map((s, k) => ({
    type: "bar",
    name: plotlyText(s.name),
    x: categories.map((_, j) => j),
    y: s.values.map(plotValue),
    marker: { color: s.color },
    text: categories,
    hovertemplate: `${plotlyText(s.name)}<br>%{text}: %{y:.4g}<extra></extra>`,
    textposition: "none",
    ...(legend === null ? { showlegend: false } : { showlegend: true, legend: legend.ids[k] }),
  }));
  const n = p.categories.length;
  const d = domainOf(p.layout.plot, width, height);
  // bars fill 80% of their band, as the static drawing draws them; category names in their role's ink, as there
  // no vertical grid and no line at category 0, as in the static drawing: its y axis line and the zero line under the bars
  const x = axis(theme, p.xLabel, { ...ticks(p.categoryTicks), tickfont: roleFont(theme, "categoryLabel"), range: [-0.5, n - 0.5], domain: d.x, automargin: false, anchor: "y", showgrid: false, zeroline: false, ticklabelstandoff: p.categoryTicks.angle === 0 ? 0 : ROTATED_LABEL_SHIFT });
  const layout = {
    ...fixedLayout(theme, width, height),
    ...(legend?.layout ?? {}),
    showlegend: legend !== null,
    barmode: "group",
    bargap: 0.2,
    bargroupgap: 0,
    xaxis: { ...x, title: { ...(x.title as PlotObject), standoff: BAR_TITLE_STANDOFF } },
    yaxis: boxAxis(theme, "y", p.yAxis, d.y, { anchor: "x", showline: true, linecolor: theme.muted }),
    // the line at zero under (or between) the bars, also when zero is the range's end (plotly hides its zero line there)
    shapes: [{ type: "line", layer: "above", xref: "x domain", yref: "y", x0: 0, x1: 1, y0: 0, y1: 0, line: { color: theme.text, width: 1 } }],
  };
  return { data, layout };
}
