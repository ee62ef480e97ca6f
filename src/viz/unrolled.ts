/**
 * The unrolled-graph figure (lecture: "an RNN unrolled in time"): a column per time step, a row
 * for x_t, for the hidden state of each layer and direction, for y_t and for L_t; edges
 * h_{t-1} -> h_t, x_t -> h_t, h_t -> y_t, y_t -> L_t, each marked with the parameters it uses (the
 * same W_hh at every step: shared weights). Everything is read from the real graph's scope tags;
 * cells fold their ops into one box, expandable into gates (composed path). After a backward pass
 * with retained hidden gradients (`viz.retainHiddenGrads`), cells show ||dL/dh_t||: the BPTT picture
 * of vanishing and exploding gradients.
 */
import { checkKnownOptions } from "../known-options";
import { UNROLLED_OPTIONS } from "./option-names";
import { ValueError } from "../errors";
import type { Tensor } from "../tensor/tensor";
import { computeStats } from "./data/stats";
import { compact } from "./data/downsample";
import { Figure } from "./figure";
import type { UnrolledCell, UnrolledEdge, UnrolledGate, UnrolledPayload, UnrolledRow } from "./payloads";
import { FONT_SIZE, INK, decodeNumber, seriesColor, textWidth } from "./payloads";
import { COLOR_BAR_ROOM, cellLook, colorBarOf, colourParameter, edgeLooks, gateLook, normScale, placed } from "./unrolled-look";
import { FoundCell, Unrolled, extractUnrolled } from "./unrolled-extract";
import { renderUnrolled } from "./unrolled-svg";

/** Options of `viz.unrolled`. */
export interface UnrolledOptions {
  title?: string;
  /** Draw the gates inside cells (default false; the extension can toggle). */
  expanded?: boolean;
  /** Most time steps drawn, from the first (default 24). */
  maxSteps?: number;
}

const GATE_LABELS: Record<string, string> = { gate_i: "i", gate_f: "f", gate_g: "g", gate_o: "o", gate_r: "r", gate_z: "z", gate_n: "n", c: "c" };
const ROW_ORDER: Record<FoundCell["role"], number> = { loss: 0, y: 1, h: 2, x: 3 };
/** Least room for the row labels left of the first column, the room above the first row, and the gap between rows. */
const LEFT = 150;
const TOP = 44;
const GAP = 40;
/** Horizontal advance of one gate box inside a cell. */
const GATE_STEP = 17;

/**
 * The unrolled figure of the graph that produced `root` (usually the loss).
 *
 * @example const hs = viz.retainHiddenGrads(loss); loss.backward(); viz.unrolled(loss)
 */
export function unrolledFigure(root: Tensor, options: UnrolledOptions = {}): Figure<"unrolled"> {
  checkKnownOptions("viz.unrolled", options, UNROLLED_OPTIONS);
  const found = extractUnrolled(root);
  if (found.cells.size === 0) {
    throw new ValueError(
      "viz.unrolled: the graph has no nodes tagged with a time step; expected a loss computed by a recurrent layer " +
        "(or ops inside withScope({ module, step, role: \"h\" })), got a graph without step tags",
    );
  }
  const expanded = options.expanded ?? false;
  const allSteps = [...new Set([...found.cells.values()].map((c) => c.step))].sort((a, b) => a - b);
  const steps = allSteps.slice(0, options.maxSteps ?? 24);
  const rows = rowsOf(found);
  const gateCount = maxGates(found);
  const withNorms = [...found.cells.values()].some((c) => c.tensor !== null && c.tensor.grad !== null);
  // boxes with gates are sized to hold them, so the lab can open any step inside the same layout
  const cellW = gateCount > 0 ? Math.max(60, gateCount * GATE_STEP + 12) : 60;
  const cellH = gateCount > 0 ? (withNorms ? 60 : 46) : withNorms ? 40 : 34;
  const colW = cellW + 46;
  const left = Math.max(LEFT, ...rows.map((r) => 12 + textWidth(r.label, FONT_SIZE.base, { bold: true }) + 12 + (colW - cellW) / 2));
  const rowGap = cellH + GAP;
  const columns = steps.map((_, k) => left + colW * k + colW / 2);
  rows.forEach((r, i) => {
    r.y = TOP + 10 + i * rowGap + cellH / 2;
    r.text = placed(r.label, 12, r.y + 4, { bold: true });
  });
  const rowById = new Map(rows.map((r) => [r.id, r]));
  const colX = new Map(steps.map((s, k) => [s, columns[k] ?? 0]));
  const placedCells: Array<Omit<UnrolledCell, "fill" | "stroke" | "rx" | "lines" | "openLines" | "tooltip">> = [];
  for (const [key, c] of found.cells) {
    const x = colX.get(c.step);
    const y = rowById.get(c.row)?.y;
    if (x === undefined || y === undefined) continue;
    const box = { x: x - cellW / 2, y: y - cellH / 2, width: cellW, height: cellH };
    placedCells.push({ id: key, row: c.row, step: c.step, label: `${labelStem(c.role)}_${c.step}`, shape: c.shape, ops: c.ops, gates: gatesOf(c, box), gradNorm: gradNorm(c.tensor), ...box });
  }
  const scale = normScale(placedCells.map((c) => (c.gradNorm === null ? null : decodeNumber(c.gradNorm))));
  const cells: UnrolledCell[] = placedCells.map((c) => ({ ...c, ...cellLook(c, rowById.get(c.row) ?? { role: "h", label: c.row }, scale) }));
  const byId = new Map(cells.map((c) => [c.id, c]));
  const names = [...found.parameters.keys()].sort();
  const colorIndex = new Map(names.map((n, i) => [n, i]));
  const routed = [...found.edges.values()]
    .map((e) => ({ e, s: byId.get(e.source), t: byId.get(e.target) }))
    .filter((r): r is { e: (typeof r)["e"]; s: UnrolledCell; t: UnrolledCell } => r.s !== undefined && r.t !== undefined)
    .sort((a, b) => a.t.step - b.t.step);
  const bare = routed.map(({ e, s, t }, i) => ({ id: `e${i}`, source: s.id, target: t.id, kind: edgeKind(found, e.source, e.target), parameters: [...e.parameters].sort(), points: route(s, t, rowGap), sourceLabel: s.label, targetLabel: t.label, targetRow: t.row }));
  const looks = edgeLooks(bare, colorIndex);
  const edges: UnrolledEdge[] = bare.map(({ sourceLabel: _s, targetLabel: _t, targetRow: _r, ...e }, i) => ({ ...e, ...(looks[i] ?? { color: "", width: 2, head: [], label: null, tooltip: [] }) }));
  const drawingWidth = left + colW * steps.length + 20;
  let height = TOP + 10 + (rows.length - 1) * rowGap + cellH + 20;
  let colorBar: UnrolledPayload["colorBar"] = null;
  if (scale !== null) {
    const barH = Math.max(80, height - 70);
    colorBar = colorBarOf(scale, drawingWidth + 4, TOP, barH, "\u2016dL/dh_t\u2016 (log scale)");
    height = Math.max(height, TOP + barH + 8);
  }
  // the legend names only parameters that colour some edge: a bias read beside its weight is named on no edge
  const shown = new Set(edges.map((e) => colourParameter(e.parameters)));
  const legend = names.filter((n) => shown.has(n)).map((name) => ({ name, color: seriesColor(colorIndex.get(name) ?? 0) }));
  const more = allSteps.length > steps.length ? ` (${steps.length} of ${allSteps.length} steps shown)` : "";
  const payload: UnrolledPayload = {
    kind: "unrolled",
    version: 1,
    title: options.title ?? "Unrolled computation graph",
    subtitle: `${allSteps.length} step${allSteps.length === 1 ? "" : "s"}${more}  \u00b7  ${rows.length} row${rows.length === 1 ? "" : "s"}  \u00b7  ${names.length} parameter${names.length === 1 ? "" : "s"} shared across time`,
    width: drawingWidth + (colorBar === null ? 0 : COLOR_BAR_ROOM),
    height,
    steps,
    columns,
    stepLabels: steps.map((s, k) => placed(`t = ${s}`, columns[k] ?? 0, 22, { color: INK.muted, anchor: "middle" })),
    rows,
    cells,
    edges,
    parameters: names.map((name, i) => ({ name, shape: found.parameters.get(name) ?? [], color: i })),
    expanded,
    hasGradNorms: cells.some((c) => c.gradNorm !== null),
    colorBar,
    caption: legend.length > 0 ? "Edge colour = parameter used; the same colour at every t is one shared weight." : "",
    legend,
  };
  const summary = `Unrolled graph: ${allSteps.length} steps, ${rows.length} rows, ${names.length} shared parameters${more}`;
  return new Figure("unrolled", payload, renderUnrolled, summary);
}

function rowsOf(found: Unrolled): UnrolledRow[] {
  const seen = new Map<string, FoundCell>();
  for (const c of found.cells.values()) if (!seen.has(c.row)) seen.set(c.row, c);
  const rows = [...seen.values()].map((c) => ({ id: c.row, role: c.role, label: rowLabel(c), module: c.module, y: 0, text: placed("", 0, 0) }));
  return rows.sort((a, b) => ROW_ORDER[a.role] - ROW_ORDER[b.role] || layerRank(b.module) - layerRank(a.module));
}

/** Higher layers above lower ones; a reverse direction just under its forward one. */
function layerRank(module: string | null): number {
  const m = /l(\d+)(_reverse)?$/.exec(module ?? "");
  return m === null ? 0 : Number(m[1]) * 2 + (m[2] === undefined ? 1 : 0);
}

function rowLabel(c: FoundCell): string {
  if (c.role === "h") return `h_t  ${c.module ?? ""}`;
  return { x: "x_t", y: "y_t", loss: "L_t" }[c.role];
}

function labelStem(role: FoundCell["role"]): string {
  return role === "loss" ? "L" : role;
}

/** The most gates any cell has (0 on the fused path). */
function maxGates(found: Unrolled): number {
  let n = 0;
  for (const c of found.cells.values()) n = Math.max(n, [...c.roles.keys()].filter((r) => r in GATE_LABELS).length);
  return n;
}

function gatesOf(c: FoundCell, box: { x: number; y: number; width: number; height: number }): UnrolledGate[] {
  const roles = Object.keys(GATE_LABELS).filter((r) => c.roles.has(r));
  return roles.map((role, i) => {
    const label = GATE_LABELS[role] ?? role;
    return { role, label, ops: c.roles.get(role) ?? 0, x: box.x + 6 + i * GATE_STEP, y: box.y + 22, width: 15, height: 16, ...gateLook(label) };
  });
}

function gradNorm(t: Tensor | null): UnrolledCell["gradNorm"] {
  if (t === null || t.grad === null) return null;
  const s = computeStats(t.grad.data);
  return s.nanCount > 0 ? "NaN" : s.infCount > 0 ? "Infinity" : compact(s.norm ?? 0);
}

function edgeKind(found: Unrolled, source: string, target: string): UnrolledEdge["kind"] {
  const s = found.cells.get(source);
  const t = found.cells.get(target);
  if (s === undefined || t === undefined || s.row === t.row) return "recurrent";
  if (s.role === "x") return "input";
  if (t.role === "loss") return "loss";
  if (t.role === "y") return "output";
  return "layer";
}

/** Horizontal along a row, vertical between rows. */
function route(s: UnrolledCell, t: UnrolledCell, rowGap: number): Array<{ x: number; y: number }> {
  if (s.row === t.row) {
    const forward = s.step < t.step;
    const y = s.y + s.height / 2;
    return [{ x: forward ? s.x + s.width : s.x, y }, { x: forward ? t.x : t.x + t.width, y }];
  }
  const up = s.y > t.y;
  const from = { x: s.x + s.width / 2, y: up ? s.y : s.y + s.height };
  const to = { x: t.x + t.width / 2, y: up ? t.y + t.height : t.y };
  if (Math.abs(s.y - t.y) <= rowGap + 1) return [from, to];
  // Skipping a row: detour through the gap right of the column instead of crossing its boxes.
  const gx = s.x + s.width + 12 + (s.row.length % 3) * 6;
  const dy = up ? -12 : 12;
  return [from, { x: from.x, y: from.y + dy }, { x: gx, y: from.y + dy }, { x: gx, y: to.y - dy }, { x: to.x, y: to.y - dy }, to];
}
