/**
 * `application/vnd.seqgrad.graph.v1+json`: the autograd graph exactly as the library laid it out
 * and wrote it (title and subtitle, boxes, colours, every text line, edges, arrow heads, legend); this renderer only
 * draws. Hover a node for its op, shape, time step, value and gradient; drag or scroll to pan,
 * Ctrl/⌘ + wheel or the buttons to zoom.
 */
import type { GraphEdge, GraphNode, GraphPayload } from "seqgrad/payloads";
import { FONT_FAMILY, MONO_FAMILY } from "seqgrad/payloads";
import { el, heading, svg } from "../draw/dom";
import type { Tooltip } from "../draw/tooltip";
import { SvgWidget } from "../svg-widget";

export const GRAPH_MIME = "application/vnd.seqgrad.graph.v1+json";

/** A polyline's `points` attribute. */
export function pointsAttr(points: ReadonlyArray<{ x: number; y: number }>): string {
  return points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
}

export class GraphRenderer extends SvgWidget<"graph"> {
  protected readonly kind = "graph";

  protected async draw(p: GraphPayload): Promise<void> {
    // the labels are 11 px and more in the layout: the first view never shrinks them
    const { top, view, tooltip } = this.start(p.width, p.height, { readableScale: 1 });
    top.appendChild(heading(p.title ?? "", p.subtitle, FONT_FAMILY, Math.max(p.width, 360)));
    const g = view.content;
    g.setAttribute("font-family", FONT_FAMILY);
    g.appendChild(svg("rect", { x: 0, y: 0, width: p.width, height: p.height, fill: "#ffffff", class: "jp-seqgrad-paper" }));
    for (const e of p.edges) g.appendChild(edge(e, p.edgeColor));
    for (const n of p.nodes) g.appendChild(node(n, tooltip));
    this.node.appendChild(legend(p));
  }
}

function edge(e: GraphEdge, color: string): SVGGElement {
  const group = svg("g", { class: "jp-seqgrad-link" });
  group.appendChild(svg("polyline", { points: pointsAttr(e.points), fill: "none", stroke: color, "stroke-width": 1.3, class: "jp-seqgrad-graph-edge" }));
  if (e.head.length === 3) group.appendChild(svg("polygon", { points: pointsAttr(e.head), fill: color }));
  return group;
}

function node(n: GraphNode, tooltip: Tooltip): SVGGElement {
  const group = svg("g", { class: `jp-seqgrad-node jp-seqgrad-node-${n.kind}`, "data-node-id": n.id });
  group.appendChild(svg("rect", { x: n.x, y: n.y, width: n.width, height: n.height, rx: n.rx, fill: n.fill, stroke: n.stroke, "stroke-width": 1.4 }));
  for (const l of n.lines) {
    const text = svg("text", { x: n.x + n.width / 2, y: n.y + l.y, "text-anchor": "middle", "font-size": l.size, fill: l.color, class: "jp-seqgrad-node-line" });
    if (l.bold) text.setAttribute("font-weight", "600");
    if (l.mono) text.setAttribute("font-family", MONO_FAMILY);
    text.textContent = l.text;
    group.appendChild(text);
  }
  group.addEventListener("pointermove", (event) => tooltip.show(n.tooltip, event));
  group.addEventListener("pointerleave", () => tooltip.hide());
  return group;
}

/** The note (what was left out) and the legend of node kinds, under the drawing. */
function legend(p: GraphPayload): HTMLElement {
  const box = el("div", "jp-seqgrad-graph-legend");
  box.style.fontFamily = FONT_FAMILY;
  if (p.note.length > 0) box.appendChild(el("div", "jp-seqgrad-caption", p.note));
  const row = el("div", "jp-seqgrad-legend-row");
  for (const k of p.legend) {
    const item = el("span", "jp-seqgrad-legend-item");
    const swatch = el("span", "jp-seqgrad-swatch");
    swatch.style.background = k.fill;
    swatch.style.borderColor = k.stroke;
    item.append(swatch, el("span", "", k.name));
    row.appendChild(item);
  }
  box.appendChild(row);
  return box;
}
