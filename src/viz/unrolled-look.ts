/**
 * How the unrolled graph looks, decided once for both drawings: each box's fill (its role's colour,
 * or after a backward pass its ||dL/dh_t|| on a viridis colour bar of log10 norms: small gradients
 * dark, large ones yellow, the BPTT picture of vanishing and exploding gradients), its text lines
 * with the gates hidden and shown, its hover text; each edge's colour (the first weight it uses: the
 * same colour at every t is one shared weight), arrow head, label and hover text; the colour bar and
 * the legend.
 */
import type { ColorScale, GraphTextLine, PlacedText, UnrolledCell, UnrolledColorBar, UnrolledEdge, UnrolledGate, UnrolledRow } from "./payloads";
import { FONT_SIZE, INK, UNROLLED_COLORS, decodeNumber, formatShape, formatValue, inkOn, schemeColor, seriesColor, valueColor } from "./payloads";
import { extent, logAxis } from "./data/axis";
import { arrowHead } from "./layout/arrow-head";

/** Bands of the colour bar, and its size next to the drawing. */
const BAR_BANDS = 48;
const BAR_WIDTH = 14;
/** Room the colour bar and its tick labels take right of the drawing. */
export const COLOR_BAR_ROOM = 140;

/** A box's role for its colour: the row's role. */
type Role = UnrolledRow["role"];

/** The text line of a box or gate: centred, `y` below its top. */
function line(text: string, y: number, size: number, color: string, bold = false): GraphTextLine {
  return { text, y, size, bold, mono: false, color };
}

/** A label placed in the drawing. */
export function placed(text: string, x: number, y: number, options: { size?: number; bold?: boolean; color?: string; anchor?: PlacedText["anchor"] } = {}): PlacedText {
  return { text, x, y, size: options.size ?? FONT_SIZE.base, bold: options.bold ?? false, color: options.color ?? INK.text, anchor: options.anchor ?? "start" };
}

/**
 * The colour scale of the cells' gradient norms, or null when none was measured: viridis over
 * log10 of the norms, widened to whole decades, with the ticks of a log axis (powers of ten, and 2
 * and 5 times them over two decades or less) labelled as norms. Whole decades keep the colours
 * honest: norms that differ by a few percent look alike; a colour change means a change of scale.
 */
export function normScale(norms: ReadonlyArray<number | null>): ColorScale | null {
  if (norms.every((n) => n === null)) return null;
  const axis = logAxis("", extent(norms.filter((n): n is number => n !== null), true) ?? [0.1, 1]);
  return { scheme: "viridis", min: Math.log10(axis.range[0]), max: Math.log10(axis.range[1]), ticks: axis.ticks.map(Math.log10), tickText: axis.tickText, title: "" };
}

/** A box's fill: its gradient norm's colour when measured (0 at the bottom, Inf at the top, NaN magenta), else its role's. */
function fillOf(role: Role, norm: number | null, scale: ColorScale | null): string {
  if (norm === null || scale === null) return UNROLLED_COLORS.role[role];
  if (Number.isNaN(norm)) return valueColor(scale, NaN);
  if (norm === Infinity) return valueColor(scale, scale.max);
  return valueColor(scale, norm > 0 ? Math.log10(norm) : scale.min);
}

/** The colours, text lines and hover text of a box whose layout (box, gates) is set. */
export function cellLook(
  c: Pick<UnrolledCell, "label" | "step" | "shape" | "ops" | "gradNorm" | "height"> & { gates: ReadonlyArray<Pick<UnrolledGate, "label" | "ops">> },
  row: Pick<UnrolledRow, "role" | "label">,
  scale: ColorScale | null,
): Pick<UnrolledCell, "fill" | "stroke" | "rx" | "lines" | "openLines" | "tooltip"> {
  const norm = c.gradNorm === null ? null : decodeNumber(c.gradNorm);
  const fill = fillOf(row.role, norm, scale);
  const ink = inkOn(fill);
  const h = c.height;
  const normText = norm === null ? null : formatValue(norm);
  const lines = normText === null
    ? [line(c.label, h / 2 + 4, FONT_SIZE.base, ink, true)]
    : [line(c.label, h / 2 - 2, FONT_SIZE.base, ink, true), line(normText, h / 2 + 12, FONT_SIZE.cell, ink)];
  const openLines = c.gates.length === 0 ? lines : [line(c.label, 15, FONT_SIZE.base, ink, true), ...(normText === null ? [] : [line(normText, h - 6, FONT_SIZE.cell, ink)])];
  const tooltip = [`${c.label}  (${row.label}, t=${c.step})`, `shape ${formatShape(c.shape)}  ·  ${c.ops} op${c.ops === 1 ? "" : "s"}`];
  if (c.gates.length > 0) tooltip.push(`gates: ${c.gates.map((g) => `${g.label} (${g.ops} ops)`).join(", ")}`);
  if (normText !== null) tooltip.push(`\u2016\u2202L/\u2202h\u2016 = ${normText}`);
  return { fill, stroke: UNROLLED_COLORS.cellStroke, rx: 6, lines, openLines, tooltip };
}

/** A gate's colours and its one-letter label. */
export function gateLook(label: string): Pick<UnrolledGate, "fill" | "stroke" | "lines"> {
  return { fill: UNROLLED_COLORS.gateFill, stroke: UNROLLED_COLORS.gate, lines: [line(label, 12, FONT_SIZE.cell, UNROLLED_COLORS.gate)] };
}

/** The lecture's symbol of a PyTorch parameter name: weight_hh_l0 -> W_hh, head.weight -> head.W. */
export function symbol(name: string): string {
  const last = name.split(".").pop() ?? name;
  const m = /^weight_(hh|ih|hr)/.exec(last);
  if (m !== null) return `W_${m[1]}`;
  const prefix = name.split(".").slice(-2, -1)[0];
  return last === "weight" && prefix !== undefined ? `${prefix}.W` : last;
}

/** An edge's weights (not its biases). */
function weightsOf(parameters: readonly string[]): string[] {
  return parameters.filter((n) => !/(^|\.)bias/.test(n));
}

/** The parameter whose colour an edge takes: its first weight, else its first parameter. */
export function colourParameter(parameters: readonly string[]): string | undefined {
  return weightsOf(parameters)[0] ?? parameters[0];
}

/**
 * The colour, arrow head, label and hover text of each edge, in drawing order (by the target's
 * step). The weights' symbols label the first edge of each kind into each row.
 */
export function edgeLooks(
  edges: ReadonlyArray<Pick<UnrolledEdge, "kind" | "parameters" | "points"> & { sourceLabel: string; targetLabel: string; targetRow: string }>,
  colorOf: ReadonlyMap<string, number>,
): Array<Pick<UnrolledEdge, "color" | "width" | "head" | "label" | "tooltip">> {
  const labelled = new Set<string>();
  return edges.map((e) => {
    const first = colourParameter(e.parameters);
    const index = first === undefined ? undefined : colorOf.get(first);
    const color = index === undefined ? UNROLLED_COLORS.edge : seriesColor(index);
    const weights = weightsOf(e.parameters);
    const key = `${e.kind}:${e.targetRow}`;
    let label: PlacedText | null = null;
    if (weights.length > 0 && !labelled.has(key)) {
      labelled.add(key);
      const text = weights.map(symbol).join(", ");
      const style = { size: FONT_SIZE.tick, bold: true, color };
      const k = Math.floor(e.points.length / 2);
      const m = e.points[k] ?? e.points[0] ?? { x: 0, y: 0 };
      const n = e.points[k - 1] ?? e.points[0] ?? m;
      if (e.points.length > 2) {
        // a detour past a row: labelled in the gap next to its target, clear of that row's recurrent edges
        label = placed(text, m.x + 5, m.y < n.y ? m.y + 14 : m.y - 6, style);
      } else {
        const mx = (m.x + n.x) / 2;
        const my = (m.y + n.y) / 2;
        label = e.kind === "recurrent" ? placed(text, mx, my - 6, { ...style, anchor: "middle" }) : placed(text, mx + 5, my + 4, style);
      }
    }
    const tooltip = [`${e.kind} edge ${e.sourceLabel} \u2192 ${e.targetLabel}`, e.parameters.length > 0 ? `uses ${e.parameters.join(", ")}` : "no parameters"];
    return { color, width: 2, head: arrowHead(e.points, 0.4), label, tooltip };
  });
}

/** The colour bar of `scale` in `box`: bands from min (bottom) to max (top), ticks and their labels, the label above. */
export function colorBarOf(scale: ColorScale, x: number, y: number, height: number, label: string): UnrolledColorBar {
  const stops = Array.from({ length: BAR_BANDS }, (_, i) => schemeColor(scale.scheme, (i + 0.5) / BAR_BANDS));
  const span = scale.max - scale.min;
  const ticks = scale.ticks.map((t, i) => {
    const ty = y + height - (span > 0 ? (t - scale.min) / span : 0.5) * height;
    return { y: ty, label: placed(scale.tickText[i] ?? "", x + BAR_WIDTH + 5, ty + 4, { size: FONT_SIZE.tick, color: INK.muted }) };
  });
  return { x, y, width: BAR_WIDTH, height, stops, ticks, label: placed(label, x, y - 14, { color: INK.muted }), stroke: INK.axis };
}
