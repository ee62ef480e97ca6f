/** Static drawing of gate activations: one heat map per gate, tokens under the time axis. */
import type { GatesPayload } from "./payloads";
import { categoryLabels } from "./svg/axes";
import { COLORBAR_WIDTH, colorBar } from "./svg/colorbar";
import { INK, headingHeight, svgDocument } from "./svg/document";
import { el, text } from "./svg/element";
import { heatmapCells } from "./svg/heatmap";
import { formatValue } from "./svg/scale";
import { colorScale } from "./data/color-scale";

/** The SVG of a gates payload. */
export function renderGates(p: GatesPayload): string {
  const top = headingHeight(p.title, p.subtitle) + 6;
  const T = p.tokens.length;
  const H = p.gates[0]?.matrix.z.length ?? 0;
  const cw = p.cellWidth;
  const ch = p.cellHeight;
  const left = 70;
  const panelH = p.panelHeight;
  const body: string[] = [];
  p.gates.forEach((g, k) => {
    const y0 = top + k * panelH;
    const box = { x: left, y: y0 + 20, width: T * cw, height: H * ch };
    body.push(text(left, y0 + 14, g.label, { "font-weight": "600" }));
    body.push(...heatmapCells(g.matrix, g.colorScale, box, { annotate: false, label: (i, j, v) => `${g.label}, unit ${g.matrix.rowIndex[i] ?? i}, t=${j} (${p.tokens[j] ?? ""}): ${formatValue(v)}` }));
    const x = box.x - 34;
    const y = box.y + box.height / 2;
    body.push(text(x, y, "unit", { "text-anchor": "middle", transform: `rotate(-90 ${x} ${y})`, fill: INK.muted }));
    body.push(...categoryLabels(p.unitTicks, box.y, ch, box.x, "left"));
    body.push(...categoryLabels(p.tokenTicks, box.x, cw, box.y + box.height, "bottom"));
    body.push(el("rect", { x: box.x, y: box.y, width: box.width, height: box.height, fill: "none", stroke: INK.axis, "stroke-width": 0.6 }));
  });
  const height = top + p.gates.length * panelH;
  const barX = left + T * cw + 16;
  const scale = p.gates[0]?.colorScale ?? colorScale("blues", 0, 1);
  body.push(...colorBar(scale, { x: barX, y: top + 20, width: 14, height: Math.min(220, height - top - 40) }, "activation"));
  return svgDocument(barX + 14 + COLORBAR_WIDTH, height + 6, body, p.title, p.subtitle);
}
