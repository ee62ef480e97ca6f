/**
 * `application/vnd.seqgrad.spectrum.v1+json`: eigenvalues of a recurrent matrix in the complex plane
 * with the unit circle; |lambda| > 1 directions grow along time, |lambda| < 1 directions vanish.
 */
import type { SpectrumPayload } from "../../../src/viz/payloads";
import { formatValue } from "../draw/colors";
import { header } from "../draw/dom";
import { axis, baseLayout } from "../draw/layout";
import type { PlotFigure } from "../draw/plotly";
import type { Theme } from "../draw/theme";
import { PlotWidget } from "../plot-widget";

export const SPECTRUM_MIME = "application/vnd.seqgrad.spectrum.v1+json";

export class SpectrumRenderer extends PlotWidget<"spectrum"> {
  protected readonly kind = "spectrum";

  protected async draw(p: SpectrumPayload): Promise<void> {
    const name = p.name ?? "matrix";
    this.topNode.replaceChildren(header(p.title ?? `Eigenvalues of ${name}`, `${p.size} × ${p.size}  ·  spectral radius ${formatValue(p.spectralRadius)}`));
    await this.plot((theme) => spectrumFigure(theme, p));
  }
}

/** Scatter of eigenvalues, the unit circle, equal axis scales. */
export function spectrumFigure(theme: Theme, p: SpectrumPayload): PlotFigure {
  const extent = Math.max(1.1, p.spectralRadius * 1.1);
  const outside = p.eigenvalues.map((e) => Math.hypot(e.re, e.im) > 1);
  return {
    data: [{
      type: "scatter",
      mode: "markers",
      x: p.eigenvalues.map((e) => e.re),
      y: p.eigenvalues.map((e) => e.im),
      customdata: p.eigenvalues.map((e) => Math.hypot(e.re, e.im)),
      marker: { size: 7, color: outside.map((o) => (o ? "#D55E00" : "#0072B2")), line: { width: 0 } },
      hovertemplate: "λ = %{x:.4g} %{y:+.4g}i<br>|λ| = %{customdata:.4g}<extra></extra>",
    }],
    layout: {
      ...baseLayout(theme, 380),
      xaxis: axis(theme, "Re λ", { range: [-extent, extent], zeroline: true }),
      yaxis: axis(theme, "Im λ", { range: [-extent, extent], zeroline: true, scaleanchor: "x", scaleratio: 1 }),
      shapes: [{ type: "circle", xref: "x", yref: "y", x0: -1, y0: -1, x1: 1, y1: 1, line: { color: theme.muted, dash: "dot", width: 1 } }],
    },
  };
}
