/** Static drawing of attention: a heat-map grid with tokens on both axes and one colour bar. */
import type { AttentionPayload } from "./payloads";
import { categoryTickSpace, categoryTickWidth } from "./data/category-ticks";
import { categoryLabels } from "./svg/axes";
import { COLORBAR_WIDTH, colorBar } from "./svg/colorbar";
import { headingHeight, svgDocument } from "./svg/document";
import { text } from "./svg/element";
import { heatmapCells } from "./svg/heatmap";
import { formatValue } from "./svg/scale";

/** The SVG of an attention payload. */
export function renderAttention(p: AttentionPayload): string {
  const top = headingHeight(p.title, p.subtitle) + 8;
  const S = p.source.length;
  const T = p.target.length;
  const cell = p.cell;
  const left = categoryTickWidth(p.targetTicks) + 14;
  const below = categoryTickSpace(p.sourceTicks);
  const panelW = left + S * cell + 16;
  const panelH = 20 + T * cell + below + 8;
  const body: string[] = [];
  p.panels.forEach((panel, k) => {
    const x0 = (k % p.columns) * panelW;
    const y0 = top + Math.floor(k / p.columns) * panelH;
    const box = { x: x0 + left, y: y0 + 20, width: S * cell, height: T * cell };
    if (panel.title.length > 0) body.push(text(box.x + box.width / 2, y0 + 14, panel.title, { "text-anchor": "middle", "font-weight": "600" }));
    const values = panel.values === null ? undefined : { text: panel.values.text, ink: panel.values.ink, size: panel.values.size };
    body.push(...heatmapCells(panel.matrix, p.colorScale, box, { label: (i, j, v) => `${p.target[i] ?? i} \u2192 ${p.source[j] ?? j}: ${formatValue(v)}`, annotate: false, values }));
    body.push(...categoryLabels(p.targetTicks, box.y, cell, box.x, "left"));
    body.push(...categoryLabels(p.sourceTicks, box.x, cell, box.y + box.height, "bottom"));
  });
  const rows = Math.ceil(p.panels.length / p.columns);
  const gridW = p.columns * panelW;
  body.push(...colorBar(p.colorScale, { x: gridW + 6, y: top + 20, width: 14, height: Math.max(90, Math.min(rows * panelH - below - 30, 300)) }, "weight"));
  body.push(text(12, top + rows * panelH + 4, "rows: target tokens; columns: source tokens", { fill: "#666666", "font-size": 11 }));
  return svgDocument(Math.max(gridW + 6 + 14 + COLORBAR_WIDTH, 300), top + rows * panelH + 12, body, p.title, p.subtitle);
}
