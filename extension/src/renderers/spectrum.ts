/**
 * `application/vnd.seqgrad.spectrum.v1+json`: eigenvalues of a recurrent matrix in the complex plane
 * with the unit circle and the spectral-radius circle; |lambda| > 1 directions grow along time,
 * |lambda| < 1 directions vanish.
 */
import { SPECTRUM_COLORS, type SpectrumPayload } from "seqgrad/payloads";
import { formatValue } from "../draw/colors";
import { FONT_FAMILY } from "seqgrad/payloads";
import { heading } from "../draw/dom";
import { baseLayout, frame, payloadAxis } from "../draw/layout";
import type { PlotFigure, PlotObject } from "../draw/plotly";
import type { Theme } from "../draw/theme";
import { PlotWidget } from "../plot-widget";

export const SPECTRUM_MIME = "application/vnd.seqgrad.spectrum.v1+json";

export class SpectrumRenderer extends PlotWidget<"spectrum"> {
  protected readonly kind = "spectrum";

  protected async draw(p: SpectrumPayload): Promise<void> {
    this.topNode.replaceChildren(heading(p.title ?? "", p.subtitle ?? "", FONT_FAMILY));
    await this.plot((theme) => spectrumFigure(theme, p));
  }
}

function circle(r: number): { x: number[]; y: number[] } {
  const angles = Array.from({ length: 129 }, (_, k) => (2 * Math.PI * k) / 128);
  return { x: angles.map((a) => r * Math.cos(a)), y: angles.map((a) => r * Math.sin(a)) };
}

/** Eigenvalues, the unit circle (dashed) and the spectral-radius circle, on equal axes. */
export function spectrumFigure(theme: Theme, p: SpectrumPayload): PlotFigure {
  const rho = p.spectralRadius;
  const line = (name: string, r: number, color: string, dash: string): PlotObject => ({ type: "scatter", mode: "lines", name, ...circle(r), line: { color, dash, width: 1.5 }, hoverinfo: "skip" });
  return {
    data: [
      line("unit circle |λ| = 1", 1, SPECTRUM_COLORS.unit, "dash"),
      line(`spectral radius ρ = ${formatValue(rho)}`, rho, SPECTRUM_COLORS.radius, "solid"),
      {
        type: "scatter",
        mode: "markers",
        name: `eigenvalues (${p.size})`,
        x: p.eigenvalues.map((e) => e.re),
        y: p.eigenvalues.map((e) => e.im),
        customdata: p.eigenvalues.map((e) => Math.hypot(e.re, e.im)),
        marker: { size: 7, color: SPECTRUM_COLORS.eigenvalues, line: { width: 0 } },
        hovertemplate: "λ = %{x:.4g} %{y:+.4g}i<br>|λ| = %{customdata:.4g}<extra></extra>",
      },
    ],
    layout: {
      ...baseLayout(theme, 480),
      width: 480,
      autosize: false,
      showlegend: true,
      legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" },
      margin: { l: 64, r: 24, t: 64, b: 48 },
      xaxis: payloadAxis(theme, p.xAxis, { ...frame(theme), zeroline: true, zerolinecolor: "#bbbbbb" }),
      yaxis: payloadAxis(theme, p.yAxis, { ...frame(theme), zeroline: true, zerolinecolor: "#bbbbbb", scaleanchor: "x", scaleratio: 1 }),
    },
  };
}
