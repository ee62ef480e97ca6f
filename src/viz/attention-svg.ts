/**
 * Static drawing of attention: a heat-map grid with tokens on both axes and one colour bar, placed
 * where the payload's frame says, with the payload's axis titles and colour-bar title.
 */
import type { AttentionPayload } from "./payloads";
import { axisTitlePlaces } from "./payloads/heat-frame";
import { categoryLabels } from "./svg/axes";
import { colorBar } from "./svg/colorbar";
import { headingHeight, svgDocument } from "./svg/document";
import { role, text } from "./svg/element";
import { heatmapCells } from "./svg/heatmap";
import { formatValue } from "./svg/scale";

/** The SVG of an attention payload. */
export function renderAttention(p: AttentionPayload): string {
  const top = headingHeight(p.title, p.subtitle) + 8;
  const cell = p.cell;
  const rows = Math.ceil(p.panels.length / p.columns);
  const body: string[] = [];
  p.panels.forEach((panel, k) => {
    const f = p.frame.panels[k];
    if (f === undefined) return;
    const box = { ...f, y: f.y + top };
    if (panel.title.length > 0) body.push(text(box.x + box.width / 2, box.y - 6, panel.title, { "text-anchor": "middle", ...role("panelTitle"), class: "panel-title" }));
    const values = panel.values === null ? undefined : { text: panel.values.text, ink: panel.values.ink, size: panel.values.size };
    body.push(...heatmapCells(panel.matrix, p.colorScale, box, { label: (i, j, v) => `${p.target[i] ?? i} \u2192 ${p.source[j] ?? j}: ${formatValue(v)}`, annotate: false, values }));
    body.push(...categoryLabels(p.targetTicks, box.y, cell, box.x, "left"));
    body.push(...categoryLabels(p.sourceTicks, box.x, cell, box.y + box.height, "bottom"));
    // axis titles: under the bottom row's panels, beside the first column's
    const at = axisTitlePlaces(box, p.sourceTicks, p.targetTicks);
    if (p.colTitle.length > 0 && Math.floor(k / p.columns) === rows - 1) {
      body.push(text(at.col.x, at.col.y, p.colTitle, { "text-anchor": "middle", ...role("axisTitle"), class: "axis-label" }));
    }
    if (p.rowTitle.length > 0 && k % p.columns === 0) {
      body.push(text(at.row.x, at.row.y, p.rowTitle, { "text-anchor": "middle", transform: `rotate(-90 ${at.row.x} ${at.row.y})`, ...role("axisTitle"), class: "axis-label" }));
    }
  });
  body.push(...colorBar(p.colorScale, { ...p.frame.colorBar, y: p.frame.colorBar.y + top }));
  return svgDocument(p.frame.width, top + p.frame.height, body, p.title, p.subtitle);
}
