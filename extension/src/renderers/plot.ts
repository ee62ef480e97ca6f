/** `application/vnd.seqgrad.plot.v1+json`: generic line, scatter, heat-map and bar plots (`viz.line`, ...). */
import type { PlotPayload } from "seqgrad/payloads";
import { plotValue } from "../draw/colors";
import { header } from "../draw/dom";
import { heatmapAxes, heatmapTrace, indexLabels, ticks } from "../draw/heatmap";
import { axis, baseLayout, payloadAxis } from "../draw/layout";
import { plotlyText, type PlotFigure, type PlotObject } from "../draw/plotly";
import type { Theme } from "../draw/theme";
import { PlotWidget } from "../plot-widget";

export const PLOT_MIME = "application/vnd.seqgrad.plot.v1+json";

export class PlotRenderer extends PlotWidget<"plot"> {
  protected readonly kind = "plot";

  protected async draw(p: PlotPayload): Promise<void> {
    this.topNode.replaceChildren(header(p.title ?? "", ""));
    await this.plot((theme) => plotFigure(theme, p));
  }
}

/** The figure of a generic plot: axes, ticks and colours as the payload carries them. */
export function plotFigure(theme: Theme, p: PlotPayload): PlotFigure {
  const base = baseLayout(theme, 360);
  if (p.type === "heatmap") {
    const m = p.matrix;
    const xs = p.xTicks ?? indexLabels(m.colIndex);
    const ys = p.yTicks ?? indexLabels(m.rowIndex);
    const trace = heatmapTrace({ matrix: m, scale: p.colorScale, hover: (r, c, v) => [`${p.yLabel} ${ys[r] ?? ""}`, `${p.xLabel} ${xs[c] ?? ""}`, `value ${v}`] });
    const axes = heatmapAxes(theme, p.xLabel, p.yLabel, p.colTicks, p.rowTicks);
    return { data: [trace], layout: { ...base, height: Math.min(560, Math.max(220, m.rowIndex.length * 22 + 100)), xaxis: axes.x, yaxis: axes.y } };
  }
  if (p.type === "bar") {
    const categories = p.categories.map(plotlyText);
    const data: PlotObject[] = p.series.map((s) => ({
      type: "bar",
      name: plotlyText(s.name),
      x: categories.map((_, j) => j),
      y: s.values.map(plotValue),
      marker: { color: s.color },
      text: categories,
      hovertemplate: `${plotlyText(s.name)}<br>%{text}: %{y:.4g}<extra></extra>`,
      textposition: "none",
    }));
    return {
      data,
      layout: { ...base, showlegend: p.series.length > 1, legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" }, barmode: "group", xaxis: axis(theme, p.xLabel, ticks(p.categoryTicks)), yaxis: payloadAxis(theme, p.yAxis) },
    };
  }
  const data: PlotObject[] = p.series.map((s) => ({
    type: "scatter",
    mode: p.type === "line" ? (s.x.length <= 2 ? "lines+markers" : "lines") : "markers",
    name: plotlyText(s.name),
    x: s.x,
    y: s.y.map(plotValue),
    line: { color: s.color, width: 2 },
    marker: { color: s.color, size: 7 },
    hovertemplate: `${plotlyText(s.name)}<br>${plotlyText(p.xAxis.label)} %{x:.4g}<br>${plotlyText(p.yAxis.label)} %{y:.4g}<extra></extra>`,
  }));
  return {
    data,
    layout: { ...base, showlegend: p.series.length > 1, legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" }, xaxis: payloadAxis(theme, p.xAxis), yaxis: payloadAxis(theme, p.yAxis) },
  };
}
