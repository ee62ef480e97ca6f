/**
 * `application/vnd.seqgrad.graph.v1+json`: the autograd graph as the library laid it out, inputs on
 * the left and the output on the right. Hover a node for its op, shape, value and gradient summary;
 * drag to pan, Ctrl/⌘ + wheel or the buttons to zoom.
 */
import type { GraphNode, GraphPayload } from "seqgrad/payloads";
import { formatShape } from "../draw/colors";
import { header, svg } from "../draw/dom";
import { summaryLine } from "../draw/summary";
import { SvgWidget } from "../svg-widget";

export const GRAPH_MIME = "application/vnd.seqgrad.graph.v1+json";

/** Hover lines of a graph node. */
export function nodeDetails(n: GraphNode): string[] {
  const lines = [n.label, `${n.kind}  ${formatShape(n.shape)}  ${n.dtype}`];
  const scope = n.scope;
  if (scope !== null) {
    const parts = [scope.module !== undefined ? `module ${scope.module}` : "", scope.step !== undefined ? `t=${scope.step}` : "", scope.role !== undefined ? `role ${scope.role}` : ""].filter((s) => s !== "");
    if (parts.length > 0) lines.push(parts.join("  "));
  }
  lines.push(summaryLine("value", n.value), summaryLine("grad", n.grad));
  if (n.hiddenInputs > 0) lines.push(`${n.hiddenInputs} input${n.hiddenInputs === 1 ? "" : "s"} not drawn`);
  return lines;
}

/** A polyline's `points` attribute. */
export function pointsAttr(points: ReadonlyArray<{ x: number; y: number }>): string {
  return points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
}

/** The arrow-head marker shared by the edges of one drawing. */
export function arrowMarker(id: string): SVGDefsElement {
  const defs = svg("defs");
  const marker = svg("marker", { id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
  marker.appendChild(svg("path", { d: "M 0 0 L 10 5 L 0 10 z", class: "jp-seqgrad-arrow" }));
  defs.appendChild(marker);
  return defs;
}

let drawings = 0;

export class GraphRenderer extends SvgWidget<"graph"> {
  protected readonly kind = "graph";

  protected async draw(p: GraphPayload): Promise<void> {
    const { top, view, tooltip } = this.start(p.width, p.height);
    const truncated = p.totalNodes > p.nodes.length ? `  ·  showing ${p.nodes.length} of ${p.totalNodes} nodes` : "";
    top.appendChild(header(p.title ?? "Computation graph", `${p.nodes.length} nodes  ·  ${p.edges.length} edges${truncated}`));
    const markerId = `jp-seqgrad-arrow-${++drawings}`;
    const g = view.content;
    g.appendChild(arrowMarker(markerId));
    for (const e of p.edges) {
      g.appendChild(svg("polyline", { points: pointsAttr(e.points), class: "jp-seqgrad-edge", "marker-end": `url(#${markerId})` }));
    }
    for (const n of p.nodes) {
      const group = svg("g", { class: `jp-seqgrad-node jp-seqgrad-node-${n.kind}`, "data-node-id": n.id });
      const rx = n.kind === "op" ? Math.min(n.height / 2, 12) : 3;
      group.appendChild(svg("rect", { x: n.x, y: n.y, width: n.width, height: n.height, rx }));
      const label = svg("text", { x: n.x + n.width / 2, y: n.y + n.height / 2 - (n.kind === "op" ? 0 : 6), "text-anchor": "middle", "dominant-baseline": "central", class: "jp-seqgrad-node-label" });
      label.textContent = n.label;
      group.appendChild(label);
      if (n.kind !== "op") {
        const shape = svg("text", { x: n.x + n.width / 2, y: n.y + n.height / 2 + 8, "text-anchor": "middle", "dominant-baseline": "central", class: "jp-seqgrad-node-shape" });
        shape.textContent = formatShape(n.shape);
        group.appendChild(shape);
      }
      const lines = nodeDetails(n);
      group.addEventListener("pointermove", (event) => tooltip.show(lines, event));
      group.addEventListener("pointerleave", () => tooltip.hide());
      g.appendChild(group);
    }
  }
}
