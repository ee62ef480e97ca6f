/**
 * `application/vnd.seqgrad.spectrum.v1+json`: eigenvalues of a recurrent matrix in the complex plane
 * with the unit circle and the spectral-radius circle; |lambda| > 1 directions grow along time,
 * |lambda| < 1 directions vanish. Several matrices (a payload with a grid) are a panel each, on the
 * shared axes, under one legend.
 */
import { SPECTRUM_COLORS, type SpectrumPayload } from "seqgrad/payloads";
import { FONT_FAMILY } from "seqgrad/payloads";
import { heading } from "../draw/dom";
import { axisId, axisKey, boxAxis, boxLegends, domainOf, fixedLayout, frame, panelTitle, wholeSize } from "../draw/layout";
import { plotlyText, type PlotFigure, type PlotObject } from "../draw/plotly";
import type { Theme } from "../draw/theme";
import { PlotWidget } from "../plot-widget";

export const SPECTRUM_MIME = "application/vnd.seqgrad.spectrum.v1+json";

export class SpectrumRenderer extends PlotWidget<"spectrum"> {
  protected readonly kind = "spectrum";

  protected async draw(p: SpectrumPayload): Promise<void> {
    this.topNode.replaceChildren(heading(p.title ?? "", p.subtitle ?? "", FONT_FAMILY));
    await this.plot((theme) => spectrumFigure(theme, p), { fit: true });
  }
}

function circle(r: number): { x: number[]; y: number[] } {
  const angles = Array.from({ length: 129 }, (_, k) => (2 * Math.PI * k) / 128);
  return { x: angles.map((a) => r * Math.cos(a)), y: angles.map((a) => r * Math.sin(a)) };
}

type Eigenvalue = { re: number; im: number };

/** The traces of one complex plane on subplot `i`: the unit circle (dashed), the spectral-radius circle, the eigenvalues; `ids` the legend of each (null: not in a legend). */
function planeTraces(names: readonly string[], rho: number, values: readonly Eigenvalue[], i: number, ids: ReadonlyArray<string | null>): PlotObject[] {
  const axes = { xaxis: axisId("x", i), yaxis: axisId("y", i) };
  // one legend entry toggles that part in every panel
  const entry = (k: number): PlotObject => {
    const id = ids[k] ?? null;
    return { legendgroup: `part${k}`, ...(id === null ? { showlegend: false } : { showlegend: true, legend: id }) };
  };
  const line = (k: number, r: number, color: string, dash: string): PlotObject => ({ type: "scatter", mode: "lines", name: plotlyText(names[k] ?? ""), ...circle(r), line: { color, dash, width: 1.5 }, hoverinfo: "skip", ...entry(k), ...axes });
  return [
    line(0, 1, SPECTRUM_COLORS.unit, "dash"),
    line(1, rho, SPECTRUM_COLORS.radius, "solid"),
    {
      type: "scatter",
      mode: "markers",
      name: plotlyText(names[2] ?? ""),
      x: values.map((e) => e.re),
      y: values.map((e) => e.im),
      customdata: values.map((e) => Math.hypot(e.re, e.im)),
      marker: { size: 7, color: SPECTRUM_COLORS.eigenvalues, line: { width: 0 } },
      hovertemplate: "λ = %{x:.4g} %{y:+.4g}i<br>|λ| = %{customdata:.4g}<extra></extra>",
      ...entry(2),
      ...axes,
    },
  ];
}

/** Eigenvalues, the unit circle (dashed) and the spectral-radius circle, on equal axes: square plots at the payload's size, a panel per matrix of a grid. */
export function spectrumFigure(theme: Theme, p: SpectrumPayload): PlotFigure {
  const { width, height } = wholeSize(p.layout);
  const legend = p.layout.legend === null ? null : boxLegends(theme, p.layout.legend, width, height, 0);
  const ids = legend?.ids ?? [];
  const zero = { zeroline: true, zerolinecolor: "#bbbbbb" };
  const layout: PlotObject = { ...fixedLayout(theme, width, height), ...(legend?.layout ?? {}), showlegend: legend !== null };
  // the plotted boxes are square and the ranges equal: the payload's range is drawn as is
  const axesAt = (i: number, box: { x: number; y: number; width: number; height: number }): void => {
    const d = domainOf(box, width, height);
    layout[axisKey("x", i)] = boxAxis(theme, "x", p.xAxis, d.x, { ...frame(theme), ...zero, anchor: axisId("y", i) });
    layout[axisKey("y", i)] = boxAxis(theme, "y", p.yAxis, d.y, { ...frame(theme), ...zero, anchor: axisId("x", i) });
  };
  if (p.grid === null) {
    axesAt(0, p.layout.plot);
    return { data: planeTraces(p.legend, p.spectralRadius, p.eigenvalues, 0, ids), layout };
  }
  const g = p.grid;
  const columns = Math.max(1, g.columns);
  const data: PlotObject[] = [];
  const annotations: PlotObject[] = [];
  g.panels.forEach((q, i) => {
    const at = { x: p.layout.plot.x + (i % columns) * g.panelWidth, y: p.layout.plot.y + Math.floor(i / columns) * g.panelHeight };
    axesAt(i, { ...q.layout.plot, x: at.x + q.layout.plot.x, y: at.y + q.layout.plot.y });
    if (q.layout.title !== null) annotations.push(panelTitle(theme, q.title, { x: at.x + q.layout.title.x, y: at.y + q.layout.title.y }, width, height));
    // the shared legend's entries come from the first panel's traces
    data.push(...planeTraces(p.legend, q.spectralRadius, q.eigenvalues, i, i === 0 ? ids : []));
  });
  layout.annotations = annotations;
  return { data, layout };
}
