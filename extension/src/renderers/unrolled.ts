/**
 * `application/vnd.seqgrad.unrolled.v1+json`: a recurrent network unrolled in time, a column per
 * step and a row per role (x_t, h_t per layer and direction, y_t, L_t), drawn from the library's
 * layout of the real autograd graph. Click a step's cell (or its header) to expand that step into
 * its gates; "gates" toggles every step. Hover a cell for its shape, op count, gates and
 * ||dL/dh_t||; hover an edge for the shared parameters it uses.
 */
import type { UnrolledCell, UnrolledEdge, UnrolledPayload } from "seqgrad/payloads";
import { formatShape, formatValue, plotValue } from "../draw/colors";
import { el, header, svg } from "../draw/dom";
import { SvgWidget } from "../svg-widget";
import { arrowMarker, pointsAttr } from "./graph";

export const UNROLLED_MIME = "application/vnd.seqgrad.unrolled.v1+json";

/** Hover lines of a cell. */
export function cellDetails(c: UnrolledCell, rowLabel: string): string[] {
  const lines = [`${c.label}  (${rowLabel}, t=${c.step})`, `shape ${formatShape(c.shape)}  ·  ${c.ops} op${c.ops === 1 ? "" : "s"}`];
  if (c.gates.length > 0) lines.push(`gates: ${c.gates.map((g) => `${g.label} (${g.ops} ops)`).join(", ")}`);
  if (c.gradNorm !== null) lines.push(`‖∂L/∂h‖ = ${formatValue(c.gradNorm)}`);
  return lines;
}

/** Hover lines of an edge. */
export function edgeDetails(e: UnrolledEdge): string[] {
  return [`${e.kind} edge`, e.parameters.length > 0 ? `uses ${e.parameters.join(", ")}` : "no parameters"];
}

/** Grad-norm colour class 0..4 on a log scale between the smallest and largest norm. */
export function gradBuckets(cells: readonly UnrolledCell[]): Map<string, number> {
  const logs = cells.map((c) => (c.gradNorm === null ? null : plotValue(c.gradNorm))).map((v) => (v !== null && v > 0 ? Math.log10(v) : null));
  const finite = logs.filter((v): v is number => v !== null);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const out = new Map<string, number>();
  cells.forEach((c, i) => {
    const v = logs[i];
    if (v === null || v === undefined) return;
    out.set(c.id, hi > lo ? Math.min(4, Math.floor(((v - lo) / (hi - lo)) * 5)) : 2);
  });
  return out;
}

export class UnrolledRenderer extends SvgWidget<"unrolled"> {
  protected readonly kind = "unrolled";
  private expanded = new Set<number>();
  private allExpanded: boolean | null = null;

  protected async draw(p: UnrolledPayload): Promise<void> {
    if (this.allExpanded === null) this.allExpanded = p.expanded;
    const { top, view, tooltip } = this.start(p.width, p.height);
    const hasGates = p.cells.some((c) => c.gates.length > 0);
    top.appendChild(header(p.title ?? "Unrolled computation graph", `${p.steps.length} steps  ·  ${p.rows.length} rows  ·  parameters shared across time: ${p.parameters.map((q) => q.name).join(", ") || "none"}`));
    if (hasGates) {
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
    const markerId = `jp-seqgrad-unrolled-arrow-${Math.random().toString(36).slice(2)}`;
    g.appendChild(arrowMarker(markerId));
    const rowLabel = new Map(p.rows.map((r) => [r.id, r.label]));
    for (const r of p.rows) {
      const label = svg("text", { x: 6, y: r.y, "dominant-baseline": "central", class: "jp-seqgrad-row-label" });
      label.textContent = r.label;
      g.appendChild(label);
    }
    p.steps.forEach((step, i) => {
      const label = svg("text", { x: p.columns[i] ?? 0, y: 12, "text-anchor": "middle", class: "jp-seqgrad-step-label", "data-step": step });
      label.textContent = `t=${step}`;
      label.addEventListener("click", () => this.toggleStep(step, p));
      g.appendChild(label);
    });
    for (const e of p.edges) {
      const edge = svg("g", { class: `jp-seqgrad-uedge jp-seqgrad-uedge-${e.kind}` });
      edge.appendChild(svg("polyline", { points: pointsAttr(e.points), class: "jp-seqgrad-edge", "marker-end": `url(#${markerId})` }));
      edge.appendChild(svg("polyline", { points: pointsAttr(e.points), class: "jp-seqgrad-edge-hit" }));
      const lines = edgeDetails(e);
      edge.addEventListener("pointermove", (event) => tooltip.show(lines, event));
      edge.addEventListener("pointerleave", () => tooltip.hide());
      g.appendChild(edge);
    }
    const buckets = p.hasGradNorms ? gradBuckets(p.cells) : new Map<string, number>();
    for (const c of p.cells) {
      const open = this.allExpanded === true ? !this.expanded.has(c.step) : this.expanded.has(c.step);
      const bucket = buckets.get(c.id);
      const group = svg("g", { class: `jp-seqgrad-cell${bucket !== undefined ? ` jp-seqgrad-grad-${bucket}` : ""}${c.gates.length > 0 ? " jp-seqgrad-expandable" : ""}`, "data-cell-id": c.id, "data-step": c.step });
      group.appendChild(svg("rect", { x: c.x, y: c.y, width: c.width, height: c.height, rx: 4 }));
      const label = svg("text", { x: c.x + c.width / 2, y: open && c.gates.length > 0 ? c.y + 10 : c.y + c.height / 2, "text-anchor": "middle", "dominant-baseline": "central", class: "jp-seqgrad-cell-label" });
      label.textContent = c.label;
      group.appendChild(label);
      if (open) {
        for (const gate of c.gates) {
          const gg = svg("g", { class: `jp-seqgrad-gate jp-seqgrad-gate-${gate.role.replace(/[^a-z0-9_-]/gi, "")}` });
          gg.appendChild(svg("rect", { x: gate.x, y: gate.y, width: gate.width, height: gate.height, rx: 2 }));
          const t = svg("text", { x: gate.x + gate.width / 2, y: gate.y + gate.height / 2, "text-anchor": "middle", "dominant-baseline": "central" });
          t.textContent = gate.label;
          gg.appendChild(t);
          group.appendChild(gg);
        }
      }
      const lines = cellDetails(c, rowLabel.get(c.row) ?? c.row);
      group.addEventListener("pointermove", (event) => tooltip.show(lines, event));
      group.addEventListener("pointerleave", () => tooltip.hide());
      if (c.gates.length > 0) group.addEventListener("click", () => this.toggleStep(c.step, p));
      g.appendChild(group);
    }
  }

  private toggleStep(step: number, p: UnrolledPayload): void {
    if (this.expanded.has(step)) this.expanded.delete(step);
    else this.expanded.add(step);
    void this.draw(p);
  }
}
