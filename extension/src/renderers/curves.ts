/**
 * `application/vnd.seqgrad.curves.v1+json`: live training curves and progress. The kernel sends
 * `update_display_data` as training runs; each update redraws in place with `Plotly.react` and
 * keeps the user's zoom (`uirevision`), so the chart grows without flicker.
 *
 * Everything drawn comes from the payload: the panel grid, each panel's axes (range, ticks and
 * their text), series colours and the smoothed series. The progress bar is a live element: it shows
 * only while the run is `running`, so a saved notebook keeps the curves without it.
 */
import { FONT_FAMILY, formatDuration, type CurvesPayload, type CurvesSeries, type Progress } from "seqgrad/payloads";
import { formatValue, plotValue } from "../draw/colors";
import { el, heading } from "../draw/dom";
import { axisId, axisKey, boxAxis, boxLegends, chartNote, domainOf, fixedLayout, frame, panelTitle } from "../draw/layout";
import { plotlyText, type PlotFigure, type PlotObject } from "../draw/plotly";
import type { Theme } from "../draw/theme";
import { PlotWidget } from "../plot-widget";

export const CURVES_MIME = "application/vnd.seqgrad.curves.v1+json";

export class CurvesRenderer extends PlotWidget<"curves"> {
  protected readonly kind = "curves";

  protected async draw(p: CurvesPayload): Promise<void> {
    const top = this.topNode;
    // the heading the static drawing prints: the payload's title (none without one), centred over the panels
    top.replaceChildren(heading(p.title ?? "", p.subtitle ?? "", FONT_FAMILY));
    if (p.progress !== null && p.progress.state === "running") top.appendChild(progressBar(p.progress));
    await this.plot((theme) => curvesFigure(theme, p), { fit: true });
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

function seriesTraces(s: CurvesSeries, panel: number, legend: string | null): PlotObject[] {
  const name = plotlyText(s.name);
  const axes = { xaxis: axisId("x", panel), yaxis: axisId("y", panel) };
  const smoothed = s.smoothed !== null;
  // the legend entry is the bold line: the smoothed one, or the raw one when not smoothed
  const entry = (shown: boolean): PlotObject => (legend !== null && shown ? { showlegend: true, legend } : { showlegend: false });
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
    hovertemplate: `${name} %{y:.4g}<extra></extra>`,
    ...entry(!smoothed),
    ...axes,
  };
  if (s.smoothed === null) return [raw];
  const line: PlotObject = { type: "scatter", mode: "lines", name, legendgroup: name, x: s.x, y: s.smoothed.map(plotValue), line: { color: s.color, width: 2.2 }, hovertemplate: `${name} (smoothed) %{y:.4g}<extra></extra>`, ...entry(true), ...axes };
  return [raw, line];
}

/**
 * One subplot per panel in the payload's grid, each in its cell at the payload's size, with its title,
 * and its legend where the payload gives it one (above its plot, never over a label).
 */
export function curvesFigure(theme: Theme, p: CurvesPayload): PlotFigure {
  const n = Math.max(1, p.panels.length);
  const columns = Math.max(1, Math.min(p.columns, n));
  const rows = Math.ceil(n / columns);
  const width = columns * p.panelWidth;
  // as the static drawing: the rows of panels and a little room under them
  const height = rows * p.panelHeight + 6;
  const data: PlotObject[] = [];
  const layout: PlotObject = { ...fixedLayout(theme, width, height), showlegend: true, uirevision: "seqgrad-curves", hovermode: "x unified" };
  const annotations: PlotObject[] = [];
  let legends = 0;
  p.panels.forEach((q, i) => {
    const at = { x: (i % columns) * p.panelWidth, y: Math.floor(i / columns) * p.panelHeight };
    const plot = { ...q.layout.plot, x: at.x + q.layout.plot.x, y: at.y + q.layout.plot.y };
    const d = domainOf(plot, width, height);
    layout[axisKey("x", i)] = boxAxis(theme, "x", q.xAxis, d.x, { ...frame(theme), anchor: axisId("y", i) });
    layout[axisKey("y", i)] = boxAxis(theme, "y", q.yAxis, d.y, { ...frame(theme), anchor: axisId("x", i) });
    if (q.layout.title !== null) annotations.push(panelTitle(theme, q.title, { x: at.x + q.layout.title.x, y: at.y + q.layout.title.y }, width, height));
    const series = p.series.filter((s) => s.panel === q.id);
    let ids: Array<string | null> = series.map(() => null);
    if (q.layout.legend !== null) {
      const box = { ...q.layout.legend, x: at.x + q.layout.legend.x, y: at.y + q.layout.legend.y };
      const placed = boxLegends(theme, box, width, height, legends);
      Object.assign(layout, placed.layout);
      ids = placed.ids;
      legends += placed.count;
    }
    series.forEach((s, k) => data.push(...seriesTraces(s, i, ids[k] ?? null)));
  });
  layout.showlegend = legends > 0;
  if (p.panels.length === 0) {
    // nothing logged yet: no empty axes, the payload's note where the static drawing prints it
    layout.xaxis = { visible: false };
    layout.yaxis = { visible: false };
    if (p.note !== null) annotations.push(chartNote(theme, p.note, width, height));
  }
  layout.annotations = annotations;
  return { data, layout };
}
