/**
 * `application/vnd.seqgrad.spectrum.v1+json`: eigenvalues of a recurrent matrix in the complex plane
 * with the unit circle and the spectral-radius circle; |lambda| > 1 directions grow along time,
 * |lambda| < 1 directions vanish.
 */
import { SPECTRUM_COLORS, type SpectrumPayload } from "seqgrad/payloads";
import { FONT_FAMILY } from "seqgrad/payloads";
import { heading } from "../draw/dom";
import { boxAxis, boxLegends, domainOf, fixedLayout, wholeSize, frame } from "../draw/layout";
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

/** Eigenvalues, the unit circle (dashed) and the spectral-radius circle, on equal axes: a square plot at the payload's size. */
export function spectrumFigure(theme: Theme, p: SpectrumPayload): PlotFigure {
  const rho = p.spectralRadius;
  const { width, height } = wholeSize(p.layout);
  const legend = p.layout.legend === null ? null : boxLegends(theme, p.layout.legend, width, height, 0);
  const entry = (k: number): PlotObject => (legend === null ? { showlegend: false } : { showlegend: true, legend: legend.ids[k] });
  const line = (k: number, r: number, color: string, dash: string): PlotObject => ({ type: "scatter", mode: "lines", name: plotlyText(p.legend[k] ?? ""), ...circle(r), line: { color, dash, width: 1.5 }, hoverinfo: "skip", ...entry(k) });
  const d = domainOf(p.layout.plot, width, height);
  const zero = { zeroline: true, zerolinecolor: "#bbbbbb" };
  return {
    data: [
      line(0, 1, SPECTRUM_COLORS.unit, "dash"),
      line(1, rho, SPECTRUM_COLORS.radius, "solid"),
      {
        type: "scatter",
        mode: "markers",
        name: plotlyText(p.legend[2] ?? ""),
        x: p.eigenvalues.map((e) => e.re),
        y: p.eigenvalues.map((e) => e.im),
        customdata: p.eigenvalues.map((e) => Math.hypot(e.re, e.im)),
        marker: { size: 7, color: SPECTRUM_COLORS.eigenvalues, line: { width: 0 } },
        hovertemplate: "λ = %{x:.4g} %{y:+.4g}i<br>|λ| = %{customdata:.4g}<extra></extra>",
        ...entry(2),
      },
    ],
    layout: {
      ...fixedLayout(theme, width, height),
      ...(legend?.layout ?? {}),
      showlegend: legend !== null,
      // the plotted box is square and the ranges equal: the payload's range is drawn as is
      xaxis: boxAxis(theme, "x", p.xAxis, d.x, { ...frame(theme), ...zero }),
      yaxis: boxAxis(theme, "y", p.yAxis, d.y, { ...frame(theme), ...zero }),
    },
  };
}
