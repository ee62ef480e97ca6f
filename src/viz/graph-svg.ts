/** Static drawing of the computation graph, exactly as the payload lays it out: boxes, their lines, edges. */
import type { GraphEdge, GraphNode, GraphPayload } from "./payloads";
import { MONO_FAMILY } from "./payloads";
import { INK, headingHeight, svgDocument } from "./svg/document";
import { el, polyline, text, tooltip } from "./svg/element";
import { legend, legendHeight } from "./svg/legend";

/** The SVG of a graph payload: the title and subtitle, the drawing, then the note and the legend under it. */
export function renderGraph(p: GraphPayload): string {
  const top = headingHeight(p.title, p.subtitle);
  const entries = p.legend.map((k) => ({ name: k.name, color: k.fill, symbol: "box" as const }));
  const width = Math.max(p.width, 360);
  const legendH = legendHeight(entries, width - 24);
  const body: string[] = [];
  for (const e of p.edges) body.push(edge(e, p.edgeColor));
  for (const n of p.nodes) body.push(node(n));
  let y = top + p.height;
  const parts = [el("g", { class: "graph", transform: top > 0 ? `translate(0,${top})` : undefined }, body)];
  if (p.note.length > 0) {
    parts.push(text(12, y + 4, p.note, { fill: INK.muted }));
    y += 18;
  }
  parts.push(...legend(entries, 12, y, width - 24));
  return svgDocument(width, y + legendH + 6, parts, p.title, p.subtitle);
}

function edge(e: GraphEdge, color: string): string {
  const line = polyline(e.points.map((q) => [q.x, q.y] as const), { stroke: color, "stroke-width": 1.3, class: "edge" });
  const head = e.head.length === 3 ? el("polygon", { points: e.head.map((q) => `${q.x},${q.y}`).join(" "), fill: color }) : "";
  return el("g", { class: "link" }, [line, head]);
}

function node(n: GraphNode): string {
  const parts = [tooltip(n.tooltip.join("\n")), el("rect", { x: n.x, y: n.y, width: n.width, height: n.height, rx: n.rx, fill: n.fill, stroke: n.stroke, "stroke-width": 1.4 })];
  for (const l of n.lines) {
    parts.push(text(n.x + n.width / 2, n.y + l.y, l.text, { "text-anchor": "middle", "font-size": l.size, "font-weight": l.bold ? "600" : undefined, "font-family": l.mono ? MONO_FAMILY : undefined, fill: l.color }));
  }
  return el("g", { class: `node ${n.kind}` }, parts);
}
