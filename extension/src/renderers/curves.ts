/**
 * `application/vnd.seqgrad.curves.v1+json`: live training curves and progress. The kernel sends
 * `update_display_data` as training runs; each update redraws in place with `Plotly.react` and
 * keeps the user's zoom (`uirevision`), so the chart grows without flicker.
 *
 * Everything drawn comes from the payload: the panel grid, each panel's axes (range, ticks and
 * their text), series colours and the smoothed series. The progress bar is a live element: it shows
 * only while the run is `running`, so a saved notebook keeps the curves without it.
 */
import { formatDuration, type CurvesPayload, type CurvesSeries, type Progress } from "seqgrad/payloads";
import { formatValue, plotValue } from "../draw/colors";
import { el, header } from "../draw/dom";
import { axisId, axisKey, baseLayout, frame, payloadAxis } from "../draw/layout";
import { plotlyText, type PlotFigure, type PlotObject } from "../draw/plotly";
import type { Theme } from "../draw/theme";
import { PlotWidget } from "../plot-widget";

export const CURVES_MIME = "application/vnd.seqgrad.curves.v1+json";

/** Height of one row of panels, legend above them, in pixels. */
const ROW_HEIGHT = 260;
const LEGEND_HEIGHT = 40;

export class CurvesRenderer extends PlotWidget<"curves"> {
  protected readonly kind = "curves";

  protected async draw(p: CurvesPayload): Promise<void> {
    const top = this.topNode;
    top.replaceChildren(header(p.title ?? "Training", ""));
    if (p.progress !== null && p.progress.state === "running") top.appendChild(progressBar(p.progress));
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
  node.append(bar, el("div", "jp-seqgrad-progress-text", parts.join("  ·  ")));
  return node;
}

function seriesTraces(s: CurvesSeries, panel: number): PlotObject[] {
  const name = plotlyText(s.name);
  const axes = { xaxis: axisId("x", panel), yaxis: axisId("y", panel) };
  const smoothed = s.smoothed !== null;
  const raw: PlotObject = {
    type: "scatter",
    mode: s.x.length <= 2 ? "lines+markers" : "lines",
    name,
    legendgroup: name,
    x: s.x,
    y: s.y.map(plotValue),
    line: { color: s.color, width: smoothed ? 1 : 2 },
    marker: { color: s.color, size: 7 },
    opacity: smoothed ? 0.35 : 1,
    showlegend: !smoothed,
    hovertemplate: `${name} %{y:.4g}<extra></extra>`,
    ...axes,
  };
  if (s.smoothed === null) return [raw];
  const line: PlotObject = { type: "scatter", mode: "lines", name, legendgroup: name, x: s.x, y: s.smoothed.map(plotValue), line: { color: s.color, width: 2.2 }, hovertemplate: `${name} (smoothed) %{y:.4g}<extra></extra>`, ...axes };
  return [raw, line];
}

/** One subplot per panel in the payload's grid, the legend above the grid (never over a label). */
export function curvesFigure(theme: Theme, p: CurvesPayload): PlotFigure {
  const n = Math.max(1, p.panels.length);
  const columns = Math.max(1, Math.min(p.columns, n));
  const rows = Math.ceil(n / columns);
  const data: PlotObject[] = [];
  for (const s of p.series) data.push(...seriesTraces(s, Math.max(0, p.panels.findIndex((q) => q.id === s.panel))));
  const base = baseLayout(theme, rows * ROW_HEIGHT + LEGEND_HEIGHT);
  const layout: PlotObject = {
    ...base,
    margin: { l: 64, r: 24, t: LEGEND_HEIGHT + 24, b: 48 },
    // as in the static drawing: a legend only where a panel's title does not name its one series
    showlegend: p.panels.some((q) => q.title.length === 0 || p.series.filter((s) => s.panel === q.id).length > 1),
    legend: { orientation: "h", x: 0, xanchor: "left", y: 1, yanchor: "top", yref: "container", font: { color: theme.text } },
    uirevision: "seqgrad-curves",
    hovermode: "x unified",
    grid: { rows, columns, pattern: "independent", xgap: 0.2, ygap: 0.35 },
  };
  const annotations: PlotObject[] = [];
  p.panels.forEach((q, i) => {
    layout[axisKey("x", i)] = payloadAxis(theme, q.xAxis, frame(theme));
    layout[axisKey("y", i)] = payloadAxis(theme, q.yAxis, frame(theme));
    annotations.push({ text: plotlyText(q.title), showarrow: false, xref: `${axisId("x", i)} domain`, yref: `${axisId("y", i)} domain`, x: 0.5, y: 1.02, yanchor: "bottom", font: { color: theme.text, size: 12 } });
  });
  layout.annotations = annotations;
  return { data, layout };
}
