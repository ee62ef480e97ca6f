/** Static drawing of the computation graph: boxes coloured by kind, arrows from inputs to ops. */
import type { GraphNode, GraphNodeKind, GraphPayload, Point, ValueSummary } from "./payloads";
import { decodeNumber } from "./payloads";
import { INK, svgDocument, titleHeight } from "./svg/document";
import { el, polyline, text, tooltip } from "./svg/element";
import { legend, legendHeight } from "./svg/legend";
import { formatValue } from "./svg/scale";

/** Fill and border of each node kind. */
export const NODE_COLORS: Record<GraphNodeKind, { fill: string; stroke: string; name: string }> = {
  parameter: { fill: "#fde0b6", stroke: "#d98b19", name: "parameter" },
  input: { fill: "#d4e6f7", stroke: "#3b7dc4", name: "input" },
  constant: { fill: "#eeeeee", stroke: "#9e9e9e", name: "constant" },
  op: { fill: "#ffffff", stroke: "#555555", name: "op" },
  output: { fill: "#d5f0d5", stroke: "#2e8b3e", name: "output" },
};

/** The SVG of a graph payload. */
export function renderGraph(p: GraphPayload): string {
  const top = titleHeight(p.title);
  const kinds = (Object.keys(NODE_COLORS) as GraphNodeKind[]).filter((k) => p.nodes.some((n) => n.kind === k));
  const entries = kinds.map((k) => ({ name: NODE_COLORS[k].name, color: NODE_COLORS[k].fill, symbol: "box" as const }));
  const width = Math.max(p.width, 360);
  const legendH = legendHeight(entries, width - 24);
  const body: string[] = [];
  const shift = (q: Point): Point => ({ x: q.x, y: q.y + top });
  for (const e of p.edges) body.push(...arrow(e.points.map(shift)));
  for (const n of p.nodes) body.push(node({ ...n, y: n.y + top }));
  const note = p.totalNodes > p.nodes.length ? `showing the ${p.nodes.length} nodes nearest the output of ${p.totalNodes}` : "";
  let y = top + p.height;
  if (note.length > 0) {
    body.push(text(12, y + 4, note, { fill: INK.muted }));
    y += 18;
  }
  body.push(...legend(entries, 12, y, width - 24));
  return svgDocument(width, y + legendH + 6, [el("g", { class: "graph" }, body)], p.title);
}

function arrow(points: Point[]): string[] {
  const last = points[points.length - 1];
  const prev = points[points.length - 2];
  if (last === undefined || prev === undefined) return [];
  const line = polyline(points.map((q) => [q.x, q.y] as const), { stroke: "#8a8a8a", "stroke-width": 1.3, class: "edge" });
  const a = Math.atan2(last.y - prev.y, last.x - prev.x);
  const head = [0, 2.6, -2.6].map((da, i) => {
    const r = i === 0 ? 0 : 8;
    return `${last.x - r * Math.cos(a + da / 6)},${last.y - r * Math.sin(a + da / 6)}`;
  });
  return [line, el("polygon", { points: head.join(" "), fill: "#8a8a8a" })];
}

function node(n: GraphNode): string {
  const c = NODE_COLORS[n.kind];
  const cx = n.x + n.width / 2;
  const parts = [el("rect", { x: n.x, y: n.y, width: n.width, height: n.height, rx: n.kind === "op" || n.kind === "output" ? 10 : 3, fill: c.fill, stroke: c.stroke, "stroke-width": 1.4 })];
  let y = n.y + 15;
  parts.push(text(cx, y, n.label, { "text-anchor": "middle", "font-weight": "600" }));
  y += 14;
  parts.push(text(cx, y, `[${n.shape.join(", ")}]`, { "text-anchor": "middle", fill: INK.muted, "font-size": 11 }));
  const scope = scopeLine(n);
  if (scope.length > 0) {
    y += 14;
    parts.push(text(cx, y, scope, { "text-anchor": "middle", fill: "#7b4fa0", "font-size": 11 }));
  }
  if (n.value !== null) {
    y += 14;
    parts.push(text(cx, y, `data ${summaryText(n.value)}`, { "text-anchor": "middle", "font-size": 11, "font-family": "monospace" }));
  }
  if (n.grad !== null) {
    y += 14;
    parts.push(text(cx, y, `grad ${summaryText(n.grad)}`, { "text-anchor": "middle", "font-size": 11, "font-family": "monospace", fill: "#b03a2e" }));
  }
  if (n.hiddenInputs > 0) parts.push(text(n.x - 4, n.y + n.height / 2 + 4, `+${n.hiddenInputs}`, { "text-anchor": "end", fill: INK.muted, "font-size": 10 }));
  const tip = [`${n.label} [${n.shape.join(", ")}] ${n.dtype}`, scope, n.value === null ? "" : `data ${fullSummary(n.value)}`, n.grad === null ? "" : `grad ${fullSummary(n.grad)}`];
  return el("g", { class: `node ${n.kind}` }, [tooltip(tip.filter((s) => s.length > 0).join("\n")), ...parts]);
}

function scopeLine(n: GraphNode): string {
  if (n.scope === null) return "";
  const s = n.scope;
  return [s.module, s.step === undefined ? undefined : `t=${s.step}`, s.role].filter((x) => x !== undefined).join(" ");
}

/** One value, a short list, or the norm for larger tensors. */
function summaryText(v: ValueSummary): string {
  if (v.values !== null && v.values.length === 1) return formatValue(decodeNumber(v.values[0] ?? 0));
  if (v.values !== null && v.values.length <= 2) return v.values.map((x) => formatValue(decodeNumber(x))).join(", ");
  return `\u2016\u00b7\u2016 ${v.stats.norm === null ? "NaN" : formatValue(v.stats.norm)}`;
}

function fullSummary(v: ValueSummary): string {
  const s = v.stats;
  const f = (x: number | null): string => (x === null ? "-" : formatValue(x));
  const bad = s.nanCount + s.infCount > 0 ? `, ${s.nanCount} NaN, ${s.infCount} Inf` : "";
  return `min ${f(s.min)} max ${f(s.max)} mean ${f(s.mean)} norm ${f(s.norm)}${bad}`;
}
