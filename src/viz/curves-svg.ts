/**
 * Static drawing of training curves: one chart per panel in the payload's grid, raw series faint
 * under their smoothed copy. The progress bar is a live element of the lab only: a saved notebook
 * and a handout show the curves without it.
 */
import { decodeNumber } from "./payloads";
import type { CurvesPayload } from "./payloads";
import { xyChart } from "./svg/chart";
import type { ChartSeries } from "./svg/chart";
import { headingHeight, svgDocument } from "./svg/document";
import { role, text } from "./svg/element";

/** The SVG of a curves payload. */
export function renderCurves(p: CurvesPayload): string {
  const top = headingHeight(p.title, p.subtitle);
  const columns = Math.max(1, p.columns);
  const { panelWidth: W, panelHeight: H } = p;
  const body: string[] = [];
  p.panels.forEach((panel, k) => {
    const box = { x: (k % columns) * W, y: top + Math.floor(k / columns) * H };
    const series: ChartSeries[] = [];
    for (const s of p.series.filter((q) => q.panel === panel.id)) {
      const smoothed = s.smoothed !== null;
      const y = s.y.map(decodeNumber);
      series.push({ name: s.name, x: s.x, y, color: s.color, mode: s.x.length <= 2 ? "line+markers" : "line", width: smoothed ? 1 : 2, opacity: smoothed ? 0.35 : 1, legend: !smoothed });
      if (s.smoothed !== null) series.push({ name: s.name, x: s.x, y: s.smoothed.map(decodeNumber), color: s.color, mode: "line", width: 2.2 });
    }
    body.push(...xyChart({ at: box, layout: panel.layout, title: panel.title, xAxis: panel.xAxis, yAxis: panel.yAxis, series }).svg);
  });
  const rows = Math.max(1, Math.ceil(p.panels.length / columns));
  // nothing logged yet: the payload's note instead of an empty chart
  if (p.note !== null) body.push(text(p.note.x, top + p.note.y, p.note.text, { "text-anchor": p.note.anchor, ...role(p.note.role), class: "note" }));
  return svgDocument(Math.min(columns, Math.max(1, p.panels.length)) * W, top + rows * H + 6, body, p.title, p.subtitle);
}
