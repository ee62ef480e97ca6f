/**
 * `application/vnd.seqgrad.unrolled.v1+json`: a recurrent network unrolled in time, a column per
 * step and a row per role (x_t, h_t per layer and direction, y_t, L_t), exactly as the library laid
 * it out and coloured it (boxes, text, edges, arrow heads, labels, colour bar, legend, hover text);
 * this renderer only draws. Click a step's cell (or its header) to show or hide its gates; "gates"
 * toggles every step. Hover a cell or an edge for its details.
 */
import type { GraphTextLine, PlacedText, UnrolledCell, UnrolledColorBar, UnrolledEdge, UnrolledPayload } from "seqgrad/payloads";
import { FONT_FAMILY } from "seqgrad/payloads";
import { el, heading, svg } from "../draw/dom";
import type { Tooltip } from "../draw/tooltip";
import { SvgWidget } from "../svg-widget";
import { pointsAttr } from "./graph";

export const UNROLLED_MIME = "application/vnd.seqgrad.unrolled.v1+json";

export class UnrolledRenderer extends SvgWidget<"unrolled"> {
  protected readonly kind = "unrolled";
  private expanded = new Set<number>();
  private allExpanded: boolean | null = null;

  protected async draw(p: UnrolledPayload): Promise<void> {
    if (this.allExpanded === null) this.allExpanded = p.expanded;
    const { top, view, tooltip } = this.start(p.width, p.height, { readableScale: 1 });
    top.appendChild(heading(p.title ?? "", p.subtitle, FONT_FAMILY, Math.max(p.width, 420)));
    if (p.cells.some((c) => c.gates.length > 0)) {
      const toggle = el("button", "jp-seqgrad-button jp-seqgrad-gates-toggle", this.allExpanded ? "hide gates" : "show gates");
      toggle.type = "button";
      toggle.addEventListener("click", () => {
        this.allExpanded = !this.allExpanded;
        this.expanded.clear();
        void this.draw(p);
      });
      view.toolbar.appendChild(toggle);
    }
    const g = view.content;
    g.setAttribute("font-family", FONT_FAMILY);
    g.appendChild(svg("rect", { x: 0, y: 0, width: p.width, height: p.height, fill: "#ffffff", class: "jp-seqgrad-paper" }));
    p.stepLabels.forEach((t, i) => {
      const step = p.steps[i] ?? 0;
      const label = placedText(t, "jp-seqgrad-step-label");
      label.setAttribute("data-step", String(step));
      label.addEventListener("click", () => this.toggleStep(step, p));
      g.appendChild(label);
    });
    for (const r of p.rows) g.appendChild(placedText(r.text, "jp-seqgrad-row-label"));
    for (const e of p.edges) g.appendChild(edge(e, tooltip));
    for (const c of p.cells) {
      const open = c.gates.length > 0 && (this.allExpanded === true ? !this.expanded.has(c.step) : this.expanded.has(c.step));
      const group = cell(c, open, tooltip);
      if (c.gates.length > 0) group.addEventListener("click", () => this.toggleStep(c.step, p));
      g.appendChild(group);
    }
    if (p.colorBar !== null) g.appendChild(colorBar(p.colorBar));
    this.node.appendChild(legend(p));
  }

  private toggleStep(step: number, p: UnrolledPayload): void {
    if (this.expanded.has(step)) this.expanded.delete(step);
    else this.expanded.add(step);
    void this.draw(p);
  }
}

/** A label placed by the payload. */
function placedText(t: PlacedText, className: string): SVGTextElement {
  const node = svg("text", { x: t.x, y: t.y, "text-anchor": t.anchor, "font-size": t.size, fill: t.color, class: `jp-seqgrad-drawn ${className}` });
  if (t.bold) node.setAttribute("font-weight", "600");
  node.textContent = t.text;
  return node;
}

/** A text line centred in a box whose top-left is (x, y) and width `w`. */
function boxLine(l: GraphTextLine, x: number, y: number, w: number): SVGTextElement {
  const node = svg("text", { x: x + w / 2, y: y + l.y, "text-anchor": "middle", "font-size": l.size, fill: l.color, class: "jp-seqgrad-drawn" });
  if (l.bold) node.setAttribute("font-weight", "600");
  node.textContent = l.text;
  return node;
}

function hover<T extends SVGElement>(node: T, lines: readonly string[], tooltip: Tooltip): T {
  node.addEventListener("pointermove", (event) => tooltip.show([...lines], event as PointerEvent));
  node.addEventListener("pointerleave", () => tooltip.hide());
  return node;
}

function edge(e: UnrolledEdge, tooltip: Tooltip): SVGGElement {
  const group = svg("g", { class: `jp-seqgrad-uedge jp-seqgrad-uedge-${e.kind}` });
  group.appendChild(svg("polyline", { points: pointsAttr(e.points), fill: "none", stroke: e.color, "stroke-width": e.width, class: "jp-seqgrad-uedge-line" }));
  if (e.head.length === 3) group.appendChild(svg("polygon", { points: pointsAttr(e.head), fill: e.color }));
  // a wide transparent twin of the line, so the edge is easy to hover
  group.appendChild(svg("polyline", { points: pointsAttr(e.points), class: "jp-seqgrad-edge-hit" }));
  if (e.label !== null) group.appendChild(placedText(e.label, "jp-seqgrad-edge-label"));
  return hover(group, e.tooltip, tooltip);
}

function cell(c: UnrolledCell, open: boolean, tooltip: Tooltip): SVGGElement {
  const group = svg("g", { class: `jp-seqgrad-cell${c.gates.length > 0 ? " jp-seqgrad-expandable" : ""}`, "data-cell-id": c.id, "data-step": c.step });
  group.appendChild(svg("rect", { x: c.x, y: c.y, width: c.width, height: c.height, rx: c.rx, fill: c.fill, stroke: c.stroke, "stroke-width": 1.2 }));
  for (const l of open ? c.openLines : c.lines) group.appendChild(boxLine(l, c.x, c.y, c.width));
  if (open) {
    for (const gate of c.gates) {
      const gg = svg("g", { class: `jp-seqgrad-gate jp-seqgrad-gate-${gate.role.replace(/[^a-z0-9_-]/gi, "")}` });
      gg.appendChild(svg("rect", { x: gate.x, y: gate.y, width: gate.width, height: gate.height, rx: 3, fill: gate.fill, stroke: gate.stroke }));
      for (const l of gate.lines) gg.appendChild(boxLine(l, gate.x, gate.y, gate.width));
      group.appendChild(gg);
    }
  }
  return hover(group, c.tooltip, tooltip);
}

function colorBar(b: UnrolledColorBar): SVGGElement {
  const group = svg("g", { class: "jp-seqgrad-colorbar" });
  const h = b.height / Math.max(1, b.stops.length);
  b.stops.forEach((color, i) => group.appendChild(svg("rect", { x: b.x, y: b.y + b.height - (i + 1) * h, width: b.width, height: h + 0.5, fill: color })));
  group.appendChild(svg("rect", { x: b.x, y: b.y, width: b.width, height: b.height, fill: "none", stroke: b.stroke, "stroke-width": 0.5 }));
  for (const t of b.ticks) {
    group.appendChild(svg("line", { x1: b.x + b.width, y1: t.y, x2: b.x + b.width + 3, y2: t.y, stroke: b.stroke }));
    group.appendChild(placedText(t.label, "jp-seqgrad-tick"));
  }
  group.appendChild(placedText(b.label, "jp-seqgrad-colorbar-label"));
  return group;
}

/** The caption and the legend of the parameters' colours, under the drawing. */
function legend(p: UnrolledPayload): HTMLElement {
  const box = el("div", "jp-seqgrad-graph-legend");
  box.style.fontFamily = FONT_FAMILY;
  if (p.caption.length > 0) box.appendChild(el("div", "jp-seqgrad-caption", p.caption));
  const row = el("div", "jp-seqgrad-legend-row");
  for (const k of p.legend) {
    const item = el("span", "jp-seqgrad-legend-item");
    const swatch = el("span", "jp-seqgrad-swatch jp-seqgrad-swatch-line");
    swatch.style.background = k.color;
    item.append(swatch, el("span", "", k.name));
    row.appendChild(item);
  }
  box.appendChild(row);
  return box;
}
