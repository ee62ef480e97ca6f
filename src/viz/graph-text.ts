/**
 * What a computation-graph node says: the lines printed in its box (op or name, shape, scope and
 * time step, value and gradient summaries) with their font, size and colour, its hover text, and
 * the box size that holds them. Decided here once; both drawings print these lines as they are.
 */
import type { GraphNode, GraphNodeKind, GraphTextLine, ValueSummary } from "./payloads";
import { FONT_SIZE, GRAPH_COLORS, INK, decodeNumber, formatShape, formatValue, textWidth } from "./payloads";

/** Distance between baselines, padding above the first baseline and below the last one. */
const LINE = 15;
const TOP = 17;
const BOTTOM = 8;
const SIDE = 10;
const MIN_WIDTH = 64;

/** The fields of a node that its text and size are made from. */
export type NodeFacts = Pick<GraphNode, "kind" | "label" | "shape" | "dtype" | "scope" | "value" | "grad" | "hiddenInputs">;

/** The lines, hover text, colours and box size of a node. */
export function nodeLook(n: NodeFacts): Pick<GraphNode, "lines" | "tooltip" | "fill" | "stroke" | "rx" | "width" | "height"> {
  const specs: Array<Omit<GraphTextLine, "y">> = [];
  const line = (text: string, size: number, color: string, bold = false, mono = false): void => void specs.push({ text, size, bold, mono, color });
  line(n.label, FONT_SIZE.base, INK.text, true);
  line(formatShape(n.shape), FONT_SIZE.tick, INK.muted);
  const scope = scopeText(n);
  if (scope.length > 0) line(scope, FONT_SIZE.tick, GRAPH_COLORS.scope);
  if (n.value !== null) line(`data ${shortSummary(n.value)}`, FONT_SIZE.tick, INK.text, false, true);
  if (n.grad !== null) line(`grad ${shortSummary(n.grad)}`, FONT_SIZE.tick, GRAPH_COLORS.grad, false, true);
  if (n.hiddenInputs > 0) line(`+${n.hiddenInputs} input${n.hiddenInputs === 1 ? "" : "s"} not drawn`, FONT_SIZE.tick, INK.muted);
  const lines = specs.map((s, k) => ({ ...s, y: TOP + k * LINE }));
  const width = Math.max(MIN_WIDTH, ...lines.map((l) => textWidth(l.text, l.size, l) + 2 * SIDE));
  const colors = GRAPH_COLORS[n.kind];
  return { lines, tooltip: tooltipLines(n), fill: colors.fill, stroke: colors.stroke, rx: roundKinds.has(n.kind) ? 10 : 3, width: Math.ceil(width), height: TOP + (lines.length - 1) * LINE + BOTTOM };
}

const roundKinds = new Set<GraphNodeKind>(["op", "output"]);

/** "rnn.l0 t=3 h": module, time step and role. */
function scopeText(n: NodeFacts): string {
  const s = n.scope;
  if (s === null) return "";
  return [s.module, s.step === undefined ? undefined : `t=${s.step}`, s.role].filter((x) => x !== undefined).join(" ");
}

/** One value, two values, or the norm of more. */
function shortSummary(v: ValueSummary): string {
  const values = v.values;
  if (values !== null && values.length <= 2) return values.map((x) => formatValue(decodeNumber(x))).join(", ");
  return `\u2016\u00b7\u2016 ${formatValue(v.stats.norm)}`;
}

/** The values when few, else "‖·‖ 3.2  mean 0.12  std 0.5  min -1  max 1" plus NaN and Inf counts. */
export function statsText(v: ValueSummary): string {
  const s = v.stats;
  if (v.values !== null) return `[${v.values.map((x) => formatValue(decodeNumber(x))).join(", ")}]`;
  if (s.mean === null) return `${s.numel} values, none finite`;
  const parts = [`\u2016\u00b7\u2016 ${formatValue(s.norm)}`, `mean ${formatValue(s.mean)}`, `std ${formatValue(s.std)}`, `min ${formatValue(s.min)}`, `max ${formatValue(s.max)}`];
  if (s.nanCount > 0) parts.push(`${s.nanCount} NaN`);
  if (s.infCount > 0) parts.push(`${s.infCount} Inf`);
  return parts.join("  ");
}

function tooltipLines(n: NodeFacts): string[] {
  const lines = [n.label, `${n.kind}  ${formatShape(n.shape)}  ${n.dtype}`];
  const s = n.scope;
  if (s !== null) {
    const parts = [s.module === undefined ? "" : `module ${s.module}`, s.step === undefined ? "" : `time step ${s.step}`, s.role === undefined ? "" : `role ${s.role}`].filter((p) => p !== "");
    if (parts.length > 0) lines.push(parts.join("  "));
  }
  if (n.value !== null) lines.push(`value: ${statsText(n.value)}`);
  lines.push(n.grad === null ? "grad: none" : `grad: ${statsText(n.grad)}`);
  if (n.hiddenInputs > 0) lines.push(`${n.hiddenInputs} input${n.hiddenInputs === 1 ? "" : "s"} not drawn`);
  return lines;
}
