/** Static drawing of the unrolled graph: rows and step columns, cells, parameter-coloured edges. */
import { decodeNumber } from "./payloads";
import type { ColorScale, UnrolledCell, UnrolledEdge, UnrolledPayload } from "./payloads";
import { colorBar } from "./svg/colorbar";
import { inkOn, paletteColor, valueColor } from "./svg/colors";
import { INK, svgDocument, titleHeight } from "./svg/document";
import { el, polyline, text, tooltip } from "./svg/element";
import { legend, legendHeight } from "./svg/legend";
import { formatValue } from "./svg/scale";
import { colorScale } from "./data/color-scale";

const ROLE_FILL: Record<string, string> = { x: "#d4e6f7", h: "#fde0b6", y: "#d5f0d5", loss: "#f7d4d4" };

/** The SVG of an unrolled payload. */
export function renderUnrolled(p: UnrolledPayload): string {
  const top = titleHeight(p.title);
  const colorOf = new Map(p.parameters.map((q) => [q.name, paletteColor(q.color)]));
  const scale = p.hasGradNorms ? normScale(p.cells) : null;
  const body: string[] = [];
  const rowX = 12;
  for (const r of p.rows) body.push(text(rowX, r.y + top + 4, r.label, { "font-weight": "600" }));
  p.steps.forEach((s, k) => body.push(text(p.columns[k] ?? 0, top + 22, `t = ${s}`, { "text-anchor": "middle", fill: INK.muted })));
  const labelled = new Set<string>();
  const stepOf = new Map(p.cells.map((c) => [c.id, c.step]));
  const byStep = [...p.edges].sort((a, b) => (stepOf.get(a.target) ?? 0) - (stepOf.get(b.target) ?? 0));
  for (const e of byStep) body.push(...edge(e, p, top, colorOf, labelled));
  for (const c of p.cells) body.push(cell(c, top, p.expanded, scale));
  let y = top + p.height;
  let width = p.width;
  if (scale !== null) {
    body.push(...colorBar(scale, { x: p.width + 4, y: top + 44, width: 14, height: Math.max(80, p.height - 70) }, "log10 \u2016dL/dh_t\u2016"));
    width += 140;
  }
  // only parameters that colour some edge: a bias read beside its weight is named on no edge
  const shown = new Set(p.edges.map(colourParameter));
  const entries = p.parameters.filter((q) => shown.has(q.name)).map((q) => ({ name: q.name, color: paletteColor(q.color) }));
  if (entries.length > 0) {
    body.push(text(12, y + 2, "Edge colour = parameter used; the same colour at every t is one shared weight.", { fill: INK.muted }));
    body.push(...legend(entries, 12, y + 8, width - 24));
    y += 14 + legendHeight(entries, width - 24);
  }
  return svgDocument(Math.max(width, 420), y + 6, [el("g", { class: "unrolled" }, body)], p.title);
}

/** The lecture's symbol of a PyTorch parameter name: weight_hh_l0 -> W_hh, head.weight -> head.W. */
function symbol(name: string): string {
  const last = name.split(".").pop() ?? name;
  const m = /^weight_(hh|ih|hr)/.exec(last);
  if (m !== null) return `W_${m[1]}`;
  const prefix = name.split(".").slice(-2, -1)[0];
  return last === "weight" && prefix !== undefined ? `${prefix}.W` : last;
}

function normScale(cells: readonly UnrolledCell[]): ColorScale {
  const logs = cells.map((c) => (c.gradNorm === null ? NaN : Math.log10(decodeNumber(c.gradNorm)))).filter((v) => Number.isFinite(v));
  const lo = Math.min(...logs);
  const hi = Math.max(...logs);
  return colorScale("viridis", lo, hi);
}

/** An edge's weights (not its biases). */
function weightsOf(e: UnrolledEdge): string[] {
  return e.parameters.filter((n) => !/(^|\.)bias/.test(n));
}

/** The parameter whose colour an edge takes: its first weight, else its first parameter. */
function colourParameter(e: UnrolledEdge): string | undefined {
  return weightsOf(e)[0] ?? e.parameters[0];
}

function edge(e: UnrolledEdge, p: UnrolledPayload, top: number, colorOf: Map<string, string>, labelled: Set<string>): string[] {
  const pts = e.points.map((q) => [q.x, q.y + top] as const);
  const weights = weightsOf(e);
  const first = colourParameter(e);
  const color = first === undefined ? "#8a8a8a" : colorOf.get(first) ?? "#8a8a8a";
  const out = [polyline(pts, { stroke: color, "stroke-width": 2, class: `edge ${e.kind}` })];
  const a = pts[0];
  const b = pts[pts.length - 1];
  if (a === undefined || b === undefined) return out;
  const ang = Math.atan2(b[1] - a[1], b[0] - a[0]);
  const head = [[b[0], b[1]], [b[0] - 8 * Math.cos(ang - 0.4), b[1] - 8 * Math.sin(ang - 0.4)], [b[0] - 8 * Math.cos(ang + 0.4), b[1] - 8 * Math.sin(ang + 0.4)]];
  out.push(el("polygon", { points: head.map(([x, y]) => `${x},${y}`).join(" "), fill: color }));
  // Name the parameters once per row and kind of edge, at the first step.
  const key = `${e.kind}:${p.cells.find((c) => c.id === e.target)?.row ?? ""}`;
  if (weights.length > 0 && !labelled.has(key)) {
    labelled.add(key);
    const short = weights.map(symbol).join(", ");
    const attrs = { fill: color, "font-size": 11, "font-weight": "600" };
    const m = pts[Math.floor(pts.length / 2)] ?? a;
    const n = pts[Math.floor(pts.length / 2) - 1] ?? a;
    const mx = (m[0] + n[0]) / 2;
    const my = (m[1] + n[1]) / 2;
    out.push(e.kind === "recurrent" ? text(mx, my - 6, short, { ...attrs, "text-anchor": "middle" }) : text(mx + 5, my + 4, short, attrs));
  }
  return out;
}

function cell(c: UnrolledCell, top: number, expanded: boolean, scale: ColorScale | null): string {
  const role = c.id.startsWith("h:") ? "h" : c.row;
  const norm = c.gradNorm === null ? null : decodeNumber(c.gradNorm);
  const fill = scale !== null && norm !== null ? valueColor(scale, norm > 0 ? Math.log10(norm) : Number.isNaN(norm) ? NaN : scale.min) : ROLE_FILL[role] ?? "#ffffff";
  const y = c.y + top;
  const parts = [tooltip(`${c.label} [${c.shape.join(", ")}], ${c.ops} ops${norm === null ? "" : `, \u2016dL/dh\u2016 = ${formatValue(norm)}`}`)];
  parts.push(el("rect", { x: c.x, y, width: c.width, height: c.height, rx: 6, fill, stroke: "#555555", "stroke-width": 1.2 }));
  const labelY = (expanded && c.gates.length > 0) || norm !== null ? y + 15 : y + c.height / 2 + 4;
  parts.push(text(c.x + c.width / 2, labelY, c.label, { "text-anchor": "middle", "font-weight": "600", fill: inkOn(fill.startsWith("#") ? fill : "#ffffff") }));
  if (expanded) {
    for (const g of c.gates) {
      parts.push(el("rect", { x: g.x, y: g.y + top, width: g.width, height: g.height, rx: 3, fill: "#ffffff", stroke: "#7b4fa0" }));
      parts.push(text(g.x + g.width / 2, g.y + top + 12, g.label, { "text-anchor": "middle", "font-size": 10, fill: "#7b4fa0" }));
    }
  }
  if (norm !== null) {
    const ny = expanded && c.gates.length > 0 ? y + c.height + 12 : y + c.height - 6;
    parts.push(text(c.x + c.width / 2, ny, formatValue(norm), { "text-anchor": "middle", "font-size": 10, fill: expanded ? INK.muted : inkOn(fill), class: "norm" }));
  }
  return el("g", { class: `cell ${role}` }, parts);
}
