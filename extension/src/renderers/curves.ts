/**
 * `application/vnd.seqgrad.curves.v1+json`: live training curves and progress. The kernel sends
 * `update_display_data` as training runs; each update redraws in place with `Plotly.react` and
 * keeps the user's zoom (`uirevision`), so the chart grows without flicker.
 *
 * Smoothing s draws the debiased exponential moving average over the faint raw series:
 * m_k = s m_{k-1} + (1 - s) y_k,  shown as m_k / (1 - s^k).
 */
import type { CurvesPayload, CurvesSeries, Progress } from "../../../src/viz/payloads";
import { formatValue, plotValue } from "../draw/colors";
import { formatDuration, smooth } from "../draw/smoothing";
import { el, header } from "../draw/dom";
import { axis, axisId, axisKey, baseLayout } from "../draw/layout";
import { plotlyText, type PlotFigure, type PlotObject } from "../draw/plotly";
import { seriesColor, type Theme } from "../draw/theme";
import { PlotWidget } from "../plot-widget";

export const CURVES_MIME = "application/vnd.seqgrad.curves.v1+json";

export class CurvesRenderer extends PlotWidget<"curves"> {
  protected readonly kind = "curves";

  protected async draw(p: CurvesPayload): Promise<void> {
    const top = this.topNode;
    top.replaceChildren(header(p.title ?? "Training", ""));
    if (p.progress !== null) top.appendChild(progressBar(p.progress));
    await this.plot((theme) => curvesFigure(theme, p));
  }
}

/** The progress bar and its status line (step, epoch, rate, ETA, current metrics). */
export function progressBar(g: Progress): HTMLElement {
  const node = el("div", `jp-seqgrad-progress jp-seqgrad-progress-${g.state}`);
  const bar = el("div", "jp-seqgrad-progress-bar");
  const fill = el("div", "jp-seqgrad-progress-fill");
  const fraction = g.total !== null && g.total > 0 ? Math.min(1, g.step / g.total) : g.state === "finished" ? 1 : 0;
  fill.style.width = `${(fraction * 100).toFixed(1)}%`;
  bar.setAttribute("role", "progressbar");
  bar.setAttribute("aria-valuenow", String(g.step));
  if (g.total !== null) bar.setAttribute("aria-valuemax", String(g.total));
  bar.appendChild(fill);
  const parts = [g.total !== null ? `step ${g.step}/${g.total}` : `step ${g.step}`];
  if (g.epoch !== null) parts.push(`epoch ${g.epoch}`);
  if (g.stepsPerSecond !== null) parts.push(`${formatValue(g.stepsPerSecond)} steps/s`);
  parts.push(`elapsed ${formatDuration(g.elapsedSeconds)}`);
  if (g.etaSeconds !== null && g.state === "running") parts.push(`ETA ${formatDuration(g.etaSeconds)}`);
  for (const [name, value] of Object.entries(g.metrics)) parts.push(`${name} ${formatValue(value)}`);
  parts.push(g.state);
  node.append(bar, el("div", "jp-seqgrad-progress-text", parts.join("  ·  ")));
  return node;
}

function seriesTraces(s: CurvesSeries, i: number, panel: number, smoothing: number): PlotObject[] {
  const color = seriesColor(i);
  const y = s.y.map(plotValue);
  const name = plotlyText(s.name);
  const axes = { xaxis: axisId("x", panel), yaxis: axisId("y", panel) };
  const raw: PlotObject = {
    type: "scatter",
    mode: s.x.length === 1 ? "markers" : "lines",
    name,
    x: s.x,
    y,
    line: { color, width: smoothing > 0 ? 1 : 2 },
    opacity: smoothing > 0 ? 0.3 : 1,
    showlegend: smoothing === 0,
    hovertemplate: `${name} %{y:.4g}<extra></extra>`,
    ...axes,
  };
  if (smoothing === 0) return [raw];
  return [raw, { type: "scatter", mode: "lines", name, x: s.x, y: smooth(y, smoothing), line: { color, width: 2 }, hovertemplate: `${name} (smoothed) %{y:.4g}<extra></extra>`, ...axes }];
}

/** One subplot per panel, side by side (two per row beyond three panels). */
export function curvesFigure(theme: Theme, p: CurvesPayload): PlotFigure {
  const n = Math.max(1, p.panels.length);
  const columns = n <= 3 ? n : 2;
  const rows = Math.ceil(n / columns);
  const data: PlotObject[] = [];
  p.series.forEach((s, i) => {
    const panel = Math.max(0, p.panels.findIndex((q) => q.id === s.panel));
    data.push(...seriesTraces(s, i, panel, p.smoothing));
  });
  const layout: PlotObject = {
    ...baseLayout(theme, rows * 260 + 40),
    showlegend: true,
    uirevision: "seqgrad-curves",
    hovermode: "x unified",
    grid: { rows, columns, pattern: "independent", xgap: 0.15, ygap: 0.3 },
  };
  const annotations: PlotObject[] = [];
  p.panels.forEach((q, i) => {
    layout[axisKey("x", i)] = axis(theme, p.xLabel);
    layout[axisKey("y", i)] = axis(theme, q.yLabel, { type: q.yScale, exponentformat: "power" });
    annotations.push({ text: plotlyText(q.title), showarrow: false, xref: `${axisId("x", i)} domain`, yref: `${axisId("y", i)} domain`, x: 0.5, y: 1.02, yanchor: "bottom", font: { color: theme.text } });
  });
  layout.annotations = annotations;
  return { data, layout };
}
