/**
 * Static drawing of the unrolled graph, exactly as the payload lays it out and colours it: step and
 * row labels, edges with their arrow heads and labels, boxes with their text (and gates when the
 * payload says expanded), the colour bar, then the caption and the legend under the drawing.
 */
import type { GraphTextLine, PlacedText, UnrolledCell, UnrolledColorBar, UnrolledEdge, UnrolledPayload } from "./payloads";
import { INK, headingHeight, svgDocument } from "./svg/document";
import { el, polyline, text, tooltip } from "./svg/element";
import { legend, legendHeight } from "./svg/legend";

/** The SVG of an unrolled payload. */
export function renderUnrolled(p: UnrolledPayload): string {
  const top = headingHeight(p.title, p.subtitle);
  const body: string[] = [];
  for (const t of p.stepLabels) body.push(placedText(t));
  for (const r of p.rows) body.push(placedText(r.text));
  for (const e of p.edges) body.push(edge(e));
  for (const c of p.cells) body.push(cell(c, p.expanded));
  if (p.colorBar !== null) body.push(...colorBar(p.colorBar));
  const parts = [el("g", { class: "unrolled", transform: top > 0 ? `translate(0,${top})` : undefined }, body)];
  const width = Math.max(p.width, 420);
  let y = top + p.height;
  const entries = p.legend.map((q) => ({ name: q.name, color: q.color }));
  if (p.caption.length > 0) {
    parts.push(text(12, y + 2, p.caption, { fill: INK.muted, class: "caption" }));
    y += 8;
  }
  if (entries.length > 0) {
    parts.push(...legend(entries, 12, y, width - 24));
    y += 6 + legendHeight(entries, width - 24);
  }
  return svgDocument(width, y + 6, parts, p.title, p.subtitle);
}

/** A label placed by the payload. */
export function placedText(t: PlacedText, cls?: string): string {
  return text(t.x, t.y, t.text, { "text-anchor": t.anchor === "start" ? undefined : t.anchor, "font-size": t.size, "font-weight": t.bold ? "600" : undefined, fill: t.color, class: cls });
}

/** A text line centred in a box whose top-left is (x, y) and width `w`. */
function boxLine(l: GraphTextLine, x: number, y: number, w: number): string {
  return text(x + w / 2, y + l.y, l.text, { "text-anchor": "middle", "font-size": l.size, "font-weight": l.bold ? "600" : undefined, fill: l.color });
}

function edge(e: UnrolledEdge): string {
  const parts = [tooltip(e.tooltip.join("\n")), polyline(e.points.map((q) => [q.x, q.y] as const), { stroke: e.color, "stroke-width": e.width })];
  if (e.head.length === 3) parts.push(el("polygon", { points: e.head.map((q) => `${q.x},${q.y}`).join(" "), fill: e.color }));
  if (e.label !== null) parts.push(placedText(e.label, "edge-label"));
  return el("g", { class: `edge ${e.kind}` }, parts);
}

function cell(c: UnrolledCell, expanded: boolean): string {
  const open = expanded && c.gates.length > 0;
  const parts = [tooltip(c.tooltip.join("\n")), el("rect", { x: c.x, y: c.y, width: c.width, height: c.height, rx: c.rx, fill: c.fill, stroke: c.stroke, "stroke-width": 1.2 })];
  for (const l of open ? c.openLines : c.lines) parts.push(boxLine(l, c.x, c.y, c.width));
  if (open) {
    for (const g of c.gates) {
      const gate = [el("rect", { x: g.x, y: g.y, width: g.width, height: g.height, rx: 3, fill: g.fill, stroke: g.stroke }), ...g.lines.map((l) => boxLine(l, g.x, g.y, g.width))];
      parts.push(el("g", { class: "gate" }, gate));
    }
  }
  return el("g", { class: `cell ${c.row.startsWith("h:") ? "h" : c.row}`, "data-cell-id": c.id }, parts);
}

function colorBar(b: UnrolledColorBar): string[] {
  const out: string[] = [];
  const h = b.height / Math.max(1, b.stops.length);
  b.stops.forEach((color, i) => out.push(el("rect", { x: b.x, y: b.y + b.height - (i + 1) * h, width: b.width, height: h + 0.5, fill: color })));
  out.push(el("rect", { x: b.x, y: b.y, width: b.width, height: b.height, fill: "none", stroke: b.stroke, "stroke-width": 0.5 }));
  for (const t of b.ticks) {
    out.push(el("line", { x1: b.x + b.width, y1: t.y, x2: b.x + b.width + 3, y2: t.y, stroke: b.stroke }));
    out.push(placedText(t.label, "tick"));
  }
  out.push(placedText(b.label));
  return [el("g", { class: "colorbar" }, out)];
}
