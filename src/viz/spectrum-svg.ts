/** Static drawing of a spectrum: eigenvalues as dots, the unit circle, the spectral-radius circle. */
import type { SpectrumPayload } from "./payloads";
import { xyChart } from "./svg/chart";
import { SPECTRUM_COLORS } from "./payloads/style";
import { headingHeight, svgDocument } from "./svg/document";
import { el } from "./svg/element";

function circle(r: number): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  for (let k = 0; k <= 128; k++) {
    x.push(r * Math.cos((2 * Math.PI * k) / 128));
    y.push(r * Math.sin((2 * Math.PI * k) / 128));
  }
  return { x, y };
}

/** The SVG of a spectrum payload. */
export function renderSpectrum(p: SpectrumPayload): string {
  const top = headingHeight(p.title, p.subtitle);
  const rho = p.spectralRadius;
  const unit = circle(1);
  const spectral = circle(rho);
  const names = p.legend;
  const chart = xyChart({
    at: { x: 0, y: top },
    layout: p.layout,
    xAxis: p.xAxis,
    yAxis: p.yAxis,
    series: [
      { name: names[0] ?? "", ...unit, color: SPECTRUM_COLORS.unit, mode: "line", dashed: true, width: 1.5 },
      { name: names[1] ?? "", ...spectral, color: SPECTRUM_COLORS.radius, mode: "line", width: 1.5 },
      { name: names[2] ?? "", x: p.eigenvalues.map((v) => v.re), y: p.eigenvalues.map((v) => v.im), color: SPECTRUM_COLORS.eigenvalues, mode: "markers" },
    ],
    underlay: (sx, sy) => [
      el("line", { x1: sx.map(sx.domain[0]), y1: sy.map(0), x2: sx.map(sx.domain[1]), y2: sy.map(0), stroke: "#bbbbbb" }),
      el("line", { x1: sx.map(0), y1: sy.map(sy.domain[0]), x2: sx.map(0), y2: sy.map(sy.domain[1]), stroke: "#bbbbbb" }),
    ],
  });
  return svgDocument(p.layout.width, top + p.layout.height, chart.svg, p.title, p.subtitle);
}
