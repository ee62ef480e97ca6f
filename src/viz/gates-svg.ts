/**
 * Static drawing of gate activations: one heat map per gate, tokens under the time axis, placed
 * where the payload's frame says, with the payload's axis title and colour-bar title.
 */
import type { GatesPayload } from "./payloads";
import { axisTitlePlaces } from "./payloads/heat-frame";
import { categoryLabels } from "./svg/axes";
import { colorBar } from "./svg/colorbar";
import { headingHeight, svgDocument } from "./svg/document";
import { role, text } from "./svg/element";
import { heatmapCells } from "./svg/heatmap";
import { formatValue } from "./svg/scale";

/** The SVG of a gates payload. */
export function renderGates(p: GatesPayload): string {
  const top = headingHeight(p.title, p.subtitle) + 6;
  const body: string[] = [];
  p.gates.forEach((g, k) => {
    const f = p.frame.panels[k];
    if (f === undefined) return;
    const box = { ...f, y: f.y + top };
    body.push(text(box.x, box.y - 6, g.label, { ...role("panelTitle"), class: "panel-title" }));
    body.push(...heatmapCells(g.matrix, g.colorScale, box, { annotate: false, label: (i, j, v) => `${g.label}, unit ${g.matrix.rowIndex[i] ?? i}, t=${j} (${p.tokens[j] ?? ""}): ${formatValue(v)}` }));
    if (p.rowTitle.length > 0) {
      const { x, y } = axisTitlePlaces(box, p.tokenTicks, p.unitTicks).row;
      body.push(text(x, y, p.rowTitle, { "text-anchor": "middle", transform: `rotate(-90 ${x} ${y})`, ...role("axisTitle"), class: "axis-label" }));
    }
    body.push(...categoryLabels(p.unitTicks, box.y, p.cellHeight, box.x, "left"));
    body.push(...categoryLabels(p.tokenTicks, box.x, p.cellWidth, box.y + box.height, "bottom"));
  });
  const scale = p.gates[0]?.colorScale;
  if (scale !== undefined) body.push(...colorBar(scale, { ...p.frame.colorBar, y: p.frame.colorBar.y + top }));
  return svgDocument(p.frame.width, top + p.frame.height + 6, body, p.title, p.subtitle);
}
