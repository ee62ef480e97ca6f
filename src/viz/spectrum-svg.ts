/** Static drawing of a spectrum: eigenvalues as dots, the unit circle, the spectral-radius circle. */
import type { SpectrumPayload } from "./payloads";
import { xyChart } from "./svg/chart";
import { SPECTRUM_COLORS } from "./payloads/style";
import { headingHeight, svgDocument } from "./svg/document";
import { el } from "./svg/element";
import { formatValue } from "./svg/scale";

const SIZE = 460;

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
  const chart = xyChart({
    box: { x: 0, y: top, width: SIZE, height: SIZE + 40 },
    xAxis: p.xAxis,
    yAxis: p.yAxis,
    equalAspect: true,
    series: [
      { name: "unit circle |\u03bb| = 1", ...unit, color: SPECTRUM_COLORS.unit, mode: "line", dashed: true, width: 1.5 },
      { name: `spectral radius \u03c1 = ${formatValue(rho)}`, ...spectral, color: SPECTRUM_COLORS.radius, mode: "line", width: 1.5 },
      { name: `eigenvalues (${p.size})`, x: p.eigenvalues.map((v) => v.re), y: p.eigenvalues.map((v) => v.im), color: SPECTRUM_COLORS.eigenvalues, mode: "markers" },
    ],
    underlay: (sx, sy) => [
      el("line", { x1: sx.map(sx.domain[0]), y1: sy.map(0), x2: sx.map(sx.domain[1]), y2: sy.map(0), stroke: "#bbbbbb" }),
      el("line", { x1: sx.map(0), y1: sy.map(sy.domain[0]), x2: sx.map(0), y2: sy.map(sy.domain[1]), stroke: "#bbbbbb" }),
    ],
  });
  return svgDocument(chart.plot.x + chart.plot.width + 24, chart.plot.y + chart.plot.height + 50, chart.svg, p.title, p.subtitle);
}
