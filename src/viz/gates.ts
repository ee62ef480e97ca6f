/**
 * The gate-activation figure: heat maps of a recurrent cell's sigmoid gates (LSTM input, forget
 * and output gates; GRU reset and update gates; MGU forget gate) over time x units, with the input
 * tokens on the time axis.
 *
 *   LSTM: i_t = sigma(W_ii x_t + W_hi h_{t-1} + b_i), f_t = sigma(...), o_t = sigma(...)
 *   GRU:  r_t = sigma(W_ir x_t + W_hr h_{t-1} + b_r), z_t = sigma(W_iz x_t + W_hz h_{t-1} + b_z)
 *
 * Activations and their labels are read from the graph: on the composed path (`fused: false`)
 * from the nodes carrying a gate tag (`tags.gate`: cell, label, activation, block) at every step;
 * on the fused path from the gate parts each step node names (`GradNode.parts`). Or they are
 * passed directly as [T, H] tensors keyed by role.
 */
import { checkKnownOptions } from "../known-options";
import { GATES_OPTIONS } from "./option-names";
import type { GateTag } from "../autograd/scope";
import { ValueError } from "../errors";
import { Tensor } from "../tensor/tensor";
import { matrixOf } from "./data/downsample";
import { reachable } from "./data/reachable";
import { Figure } from "./figure";
import type { CategoryTicks, GatePanel, GatesPayload } from "./payloads";
import { visibleToken } from "./payloads";
import { categoryTicks } from "./data/category-ticks";
import { GATES_GRID, HEAT_TITLES, gatesFrame, labelRoomBelow } from "./payloads/heat-frame";
import { renderGates } from "./gates-svg";
import { colorScale } from "./data/color-scale";

/** Most units (rows) and steps (columns) drawn. */
export const GATES_MAX_UNITS = 64;
export const GATES_MAX_STEPS = 96;
/** Height of a gate panel's title row and the gap under its token labels (px). */
const GATE_TITLE_H = GATES_GRID.titleH;
const GATE_GAP = GATES_GRID.gap;
/** The units' axis title and the colour bar's title. */
const GATE_TITLES = HEAT_TITLES.gates;

/** Labels of the roles a map of activations may use (a graph carries its own). */
const LSTM_GATES: Record<string, string> = { gate_i: "input gate i_t", gate_f: "forget gate f_t", gate_o: "output gate o_t" };
const GRU_GATES: Record<string, string> = { gate_r: "reset gate r_t", gate_z: "update gate z_t" };

/** Activations found per role, with the gate tag of the graph (null for a map of tensors). */
interface Found {
  cell: GatesPayload["cell"];
  /** role -> label, in packing order. */
  names: Record<string, string>;
  /** role -> per step the activations of the chosen batch element. */
  activations: Map<string, number[][]>;
}

/** Options of `viz.gates`. */
export interface GatesOptions {
  /** Labels of the time steps (the input tokens); default "0", "1", ... */
  tokens?: readonly string[];
  /** The recurrent module to read (default: the first with gate tags, e.g. "lstm.l0"). */
  module?: string;
  /** Batch element to show (default 0). */
  batch?: number;
  title?: string;
}

/**
 * Gate activations of a gated cell (LSTM, GRU, MGU; fused or composed), from the graph of `output` (any tensor
 * computed from the layer's output), or from a map of [T, H] activations (`{ gate_i: ..., gate_f: ... }`).
 *
 * @example const lstm = new nn.LSTM({ inputSize: 8, hiddenSize: 16 }); viz.gates(lstm.forward(x).output, { tokens })
 */
export function gatesFigure(source: Tensor | Readonly<Record<string, Tensor>>, options: GatesOptions = {}): Figure<"gates"> {
  checkKnownOptions("viz.gates", options, GATES_OPTIONS);
  const { cell, names, activations } = source instanceof Tensor ? fromGraph(source, options) : fromMap(source, options);
  const roles = [...activations.keys()];
  const shown = Object.keys(names).filter((r) => activations.has(r));
  if (shown.length === 0) {
    throw new ValueError(`viz.gates: found no gate activations; expected ${Object.keys({ ...LSTM_GATES, ...GRU_GATES }).join(", ")}, got ${roles.join(", ") || "none"}`);
  }
  const first = activations.get(shown[0] ?? "") ?? [];
  const T = Math.min(first.length, GATES_MAX_STEPS);
  const tokens = Array.from({ length: T }, (_, t) => options.tokens?.[t] ?? String(t));
  const gates: GatePanel[] = shown.map((role) => {
    const steps = (activations.get(role) ?? []).slice(0, T);
    const H = steps[0]?.length ?? 0;
    // z[unit][t]: units on y, time on x
    const data = new Float64Array(H * T);
    steps.forEach((col, t) => col.forEach((v, u) => (data[u * T + t] = v)));
    const matrix = matrixOf(data, 0, H, T, GATES_MAX_UNITS, T);
    return { role, label: names[role] ?? role, matrix, colorScale: colorScale("blues", 0, 1, GATE_TITLES.colorBar) };
  });
  const subtitle = `${gates.length} gate${gates.length === 1 ? "" : "s"} \u00d7 ${T} step${T === 1 ? "" : "s"}`;
  const H = gates[0]?.matrix.z.length ?? 0;
  const cellWidth = Math.max(8, Math.min(34, Math.floor(640 / Math.max(1, T))));
  const cellHeight = Math.max(4, Math.min(14, Math.floor(180 / Math.max(1, H))));
  const tokenTicks = categoryTicks(tokens.map(visibleToken), cellWidth, "x");
  const unitLabels = unitTicks(gates[0]?.matrix);
  const fields: Omit<GatesPayload, "frame"> = {
    kind: "gates",
    version: 1,
    title: options.title ?? `${cell.toUpperCase()} gate activations`,
    subtitle,
    cell,
    tokens,
    gates,
    cellWidth,
    cellHeight,
    panelHeight: gatePanelHeight(H, cellHeight, tokenTicks),
    tokenTicks,
    unitTicks: unitLabels,
    rowTitle: GATE_TITLES.row,
  };
  const payload: GatesPayload = { ...fields, frame: gatesFrame(fields) };
  return new Figure("gates", payload, renderGates, `${cell.toUpperCase()} gates ${shown.join(", ")} over ${T} steps x ${gates[0]?.matrix.sourceRows ?? 0} units`);
}

/** Height (px) of one gate's panel: its title, `units` cells of `cellHeight` and the token labels. */
function gatePanelHeight(units: number, cellHeight: number, tokenTicks: CategoryTicks): number {
  return GATE_TITLE_H + units * cellHeight + labelRoomBelow(tokenTicks, "") + GATE_GAP;
}

/** The units labelled beside the cells: the first and the last (every unit would overlap at 4 px a row). */
function unitTicks(m: GatePanel["matrix"] | undefined): CategoryTicks {
  if (m === undefined || m.rowIndex.length === 0) return { at: [], text: [], angle: 0 };
  const last = m.rowIndex.length - 1;
  return last === 0 ? { at: [0], text: [String(m.rowIndex[0] ?? 0)], angle: 0 } : { at: [0, last], text: [String(m.rowIndex[0] ?? 0), String(m.sourceRows - 1)], angle: 0 };
}

/** Activations keyed by role: an LSTM's or a GRU's (the cell told by the roles). */
function fromMap(source: Readonly<Record<string, Tensor>>, options: GatesOptions): Found {
  const activations = new Map(Object.entries(source).map(([k, v]) => [k, toColumns(v, options.batch ?? 0, k)]));
  const gru = [...activations.keys()].some((r) => r in GRU_GATES);
  return { cell: gru ? "gru" : "lstm", names: gru ? GRU_GATES : LSTM_GATES, activations };
}

/** The sigmoid gates of one module, per step, from gate-tagged nodes and fused gate parts. */
function fromGraph(root: Tensor, options: GatesOptions): Found {
  const found = new Map<string, Map<number, Tensor | (() => Tensor)>>();
  const tagOf = new Map<string, GateTag>();
  let module = options.module;
  const add = (role: string, gate: GateTag, where: string | undefined, step: number, value: Tensor | (() => Tensor)): void => {
    if (gate.activation !== "sigmoid") return;
    module ??= where;
    if (where !== module) return;
    const byStep = found.get(role) ?? new Map<number, Tensor | (() => Tensor)>();
    // Nearest the output first: the gate's activation, not the slice feeding it.
    if (!byStep.has(step)) byStep.set(step, value);
    found.set(role, byStep);
    tagOf.set(role, gate);
  };
  for (const t of reachable(root)) {
    const tags = t.gradFn?.tags;
    if (tags?.gate !== undefined && tags.role !== undefined && tags.step !== undefined) add(tags.role, tags.gate, tags.module, tags.step, t);
    for (const part of t.gradFn?.parts ?? []) add(part.role, part.gate, part.module, part.step, () => part.read());
  }
  if (found.size === 0) {
    throw new ValueError(
      "viz.gates: the graph has no gate activations; expected the output of an LSTM or GRU computed with gradients recorded, got a graph without gates",
    );
  }
  const ordered = [...tagOf.entries()].sort((a, b) => a[1].block - b[1].block);
  const activations = new Map<string, number[][]>();
  for (const [role, byStep] of found) {
    const steps = [...byStep.keys()].sort((a, b) => a - b);
    activations.set(role, steps.map((s) => rowOf(valueOf(byStep.get(s)), options.batch ?? 0, role)));
  }
  const cell = cellOf(ordered[0]?.[1].cell ?? "LSTM");
  return { cell, names: Object.fromEntries(ordered.map(([role, gate]) => [role, gate.label])), activations };
}

function valueOf(v: Tensor | (() => Tensor) | undefined): Tensor | undefined {
  return typeof v === "function" ? v() : v;
}

/** The payload's cell name from a gate tag's cell (any registered cell kind, in lower case). */
function cellOf(cell: string): GatesPayload["cell"] {
  const c = cell.toLowerCase();
  if (/^[a-z][a-z0-9_-]{0,31}$/.test(c)) return c;
  throw new ValueError(`viz.gates: bad cell name in the gate tags; expected a name such as LSTM or GRU, got ${JSON.stringify(cell)}`);
}

function rowOf(t: Tensor | undefined, batch: number, role: string): number[] {
  if (t === undefined) return [];
  const H = t.shape[t.shape.length - 1] ?? 0;
  const rows = t.numel / Math.max(1, H);
  if (batch < 0 || batch >= rows) throw new ValueError(`viz.gates: batch index out of range for ${role}; expected 0 <= batch < ${rows}, got ${batch}`);
  return Array.from(t.data.subarray(batch * H, (batch + 1) * H));
}

/** [T, H] or [T, B, H] activations as per-step rows of batch element `batch`. */
function toColumns(v: Tensor, batch: number, role: string): number[][] {
  const T = v.shape[0] ?? 0;
  const per = v.numel / Math.max(1, T);
  const out: number[][] = [];
  for (let t = 0; t < T; t++) out.push(rowOf(new Tensor(v.data.slice(t * per, (t + 1) * per), v.shape.slice(1)), batch, role));
  return out;
}
