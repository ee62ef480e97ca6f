/** Static drawing of a spectrum: eigenvalues as dots, the unit circle, the spectral-radius circle; one panel per matrix of a grid. */
import type { Axis, ChartLayout, SpectrumPayload } from "./payloads";
import { xyChart, type ChartSeries } from "./svg/chart";
import { SPECTRUM_COLORS } from "./payloads/style";
import { headingHeight, svgDocument } from "./svg/document";
import { el } from "./svg/element";
import { legend } from "./svg/legend";

function circle(r: number): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  for (let k = 0; k <= 128; k++) {
    x.push(r * Math.cos((2 * Math.PI * k) / 128));
    y.push(r * Math.sin((2 * Math.PI * k) / 128));
  }
  return { x, y };
}

/** The unit circle (dashed), the circle of radius `rho` and the eigenvalues, named as `names` says. */
function spectrumSeries(names: readonly string[], rho: number, values: ReadonlyArray<{ re: number; im: number }>): ChartSeries[] {
  return [
    { name: names[0] ?? "", ...circle(1), color: SPECTRUM_COLORS.unit, mode: "line", dashed: true, width: 1.5 },
    { name: names[1] ?? "", ...circle(rho), color: SPECTRUM_COLORS.radius, mode: "line", width: 1.5 },
    { name: names[2] ?? "", x: values.map((v) => v.re), y: values.map((v) => v.im), color: SPECTRUM_COLORS.eigenvalues, mode: "markers" },
  ];
}

/** One complex plane at `at`, laid out as `layout` says, with the axes through 0. */
function plane(at: { x: number; y: number }, layout: ChartLayout, axes: { xAxis: Axis; yAxis: Axis }, series: ChartSeries[], title?: string): string[] {
  return xyChart({
    at,
    layout,
    ...(title === undefined ? {} : { title }),
    ...axes,
    series,
    underlay: (sx, sy) => [
      el("line", { x1: sx.map(sx.domain[0]), y1: sy.map(0), x2: sx.map(sx.domain[1]), y2: sy.map(0), stroke: "#bbbbbb" }),
      el("line", { x1: sx.map(0), y1: sy.map(sy.domain[0]), x2: sx.map(0), y2: sy.map(sy.domain[1]), stroke: "#bbbbbb" }),
    ],
  }).svg;
}

/** The SVG of a spectrum payload. */
export function renderSpectrum(p: SpectrumPayload): string {
  const top = headingHeight(p.title, p.subtitle);
  const axes = { xAxis: p.xAxis, yAxis: p.yAxis };
  if (p.grid === null) {
    const chart = plane({ x: 0, y: top }, p.layout, axes, spectrumSeries(p.legend, p.spectralRadius, p.eigenvalues));
    return svgDocument(p.layout.width, top + p.layout.height, chart, p.title, p.subtitle);
  }
  const g = p.grid;
  const columns = Math.max(1, g.columns);
  const body: string[] = [];
  const shared = spectrumSeries(p.legend, 1, []);
  const box = p.layout.legend;
  if (box !== null) body.push(...legend(shared.map((s) => ({ name: s.name, color: s.color, symbol: s.mode === "markers" ? "marker" : s.dashed === true ? "dashed" : "line" })), box.x, top + box.y, box.width));
  g.panels.forEach((q, k) => {
    const at = { x: p.layout.plot.x + (k % columns) * g.panelWidth, y: top + p.layout.plot.y + Math.floor(k / columns) * g.panelHeight };
    body.push(...plane(at, q.layout, axes, spectrumSeries(p.legend, q.spectralRadius, q.eigenvalues), q.title));
  });
  return svgDocument(p.layout.width, top + p.layout.height, body, p.title, p.subtitle);
}
