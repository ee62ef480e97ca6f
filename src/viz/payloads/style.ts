/**
 * The one visual style of seqgrad figures, imported by both drawings: the static SVG made in the
 * kernel and the JupyterLab renderers (through `seqgrad/payloads`). Colours, fonts and the text of
 * numbers are decided here and nowhere else, so a figure looks the same in the lab and in handouts.
 */
import type { ColorScale, JsonNumber } from "./shared";

// ---- colours ---------------------------------------------------------------------------------------

/** Categorical colours of series, models and parameters (Tableau 10: readable on white and dark grey). */
export const SERIES_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"] as const;

/** The categorical colour number `i` (wraps around; negative numbers count from the end). */
export function seriesColor(i: number): string {
  const n = SERIES_COLORS.length;
  return SERIES_COLORS[((i % n) + n) % n] ?? SERIES_COLORS[0];
}

/** Colours of the spectrum figure: the unit circle, the spectral-radius circle, the eigenvalues. */
export const SPECTRUM_COLORS = { unit: "#666666", radius: "#d62728", eigenvalues: "#1f77b4" } as const;

/** Ink of the static drawing (white background); the lab takes the theme's ink instead. */
export const INK = { text: "#222222", muted: "#666666", axis: "#444444", grid: "#e6e6e6", warn: "#c62828" } as const;

/** Fill and border of each kind of computation-graph node, the text colours of its lines, and the edge ink. */
export const GRAPH_COLORS = {
  parameter: { fill: "#fde0b6", stroke: "#d98b19" },
  input: { fill: "#d4e6f7", stroke: "#3b7dc4" },
  constant: { fill: "#eeeeee", stroke: "#9e9e9e" },
  op: { fill: "#ffffff", stroke: "#555555" },
  output: { fill: "#d5f0d5", stroke: "#2e8b3e" },
  scope: "#7b4fa0",
  grad: "#b03a2e",
  edge: "#8a8a8a",
} as const;

/**
 * Colours of the unrolled graph: each row role's box fill (before a backward pass colours hidden
 * states by their gradient norm), box and gate borders, gate ink, and the ink of an edge that uses no
 * parameter.
 */
export const UNROLLED_COLORS = {
  role: { x: "#d4e6f7", h: "#fde0b6", y: "#d5f0d5", loss: "#f7d4d4" },
  cellStroke: "#555555",
  gateFill: "#ffffff",
  gate: "#7b4fa0",
  edge: "#8a8a8a",
} as const;

/** Colour of NaN cells: magenta, outside every colour map, so it stands out. */
export const NAN_COLOR = "#ff00ff";

/**
 * Evenly spaced stops of each colour map, from the scale's min to its max: viridis (sequential),
 * RdBu (diverging: negative blue, 0 white, positive red) and Blues (light to dark).
 */
export const COLOR_STOPS: Record<ColorScale["scheme"], readonly string[]> = {
  viridis: ["#440154", "#482878", "#3e4a89", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6dcd59", "#b4de2c", "#fde725"],
  rdbu: ["#053061", "#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7", "#fddbc7", "#f4a582", "#d6604d", "#b2182b", "#67001f"],
  blues: ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"],
};

function channel(hex: string, k: number): number {
  return parseInt(hex.slice(1 + 2 * k, 3 + 2 * k), 16);
}

function hex2(n: number): string {
  return Math.round(Math.min(255, Math.max(0, n))).toString(16).padStart(2, "0");
}

/** Colour at position `f` in [0, 1] of a colour map (linear interpolation between its stops). */
export function schemeColor(scheme: ColorScale["scheme"], f: number): string {
  const stops = COLOR_STOPS[scheme];
  const x = Math.min(1, Math.max(0, Number.isFinite(f) ? f : 0.5)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const a = stops[i] ?? "#000000";
  const b = stops[i + 1] ?? a;
  const t = x - i;
  return `#${[0, 1, 2].map((k) => hex2(channel(a, k) + (channel(b, k) - channel(a, k)) * t)).join("")}`;
}

/** Colour of value `v` on `scale` (clamped; NaN is magenta). */
export function valueColor(scale: ColorScale, v: number): string {
  if (Number.isNaN(v)) return NAN_COLOR;
  const span = scale.max - scale.min;
  return schemeColor(scale.scheme, span > 0 ? (v - scale.min) / span : 0.5);
}

/** Black or white text, whichever reads better on `background` (#rrggbb). */
export function inkOn(background: string): string {
  const y = 0.299 * channel(background, 0) + 0.587 * channel(background, 1) + 0.114 * channel(background, 2);
  return y > 140 ? "#111111" : "#ffffff";
}

// ---- fonts -----------------------------------------------------------------------------------------

/**
 * Font stack of every figure. DejaVu Sans comes first: the raster copy is drawn with it (bundled),
 * and its wide metrics are what the layouts estimate text widths with; Verdana is as wide.
 */
export const FONT_FAMILY = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', system-ui, sans-serif";

/** Font sizes in pixels: body text, tick labels, in-cell values, figure and panel titles. */
export const FONT_SIZE = { base: 12, tick: 11, cell: 10, title: 14, panelTitle: 12 } as const;

/** Which ink a text prints in: the text colour, or the muted one (the static drawing's `INK`, the lab theme's). */
export type TextInk = "text" | "muted";

/** How one kind of figure text prints: size (px), weight (400 normal, 600 semibold) and ink. */
export interface TextRole {
  readonly size: number;
  readonly weight: 400 | 600;
  readonly ink: TextInk;
}

/**
 * The text roles of every figure, applied by both drawings: the static one prints a role in
 * `INK[role.ink]`, the lab in its theme's colour of that name. Numeric tick labels (axes, colour
 * bars) are muted; category labels (tokens, indices) are content and print in the text ink; the
 * ink of a value printed in a heat-map cell is decided per cell by the payload (black or white on
 * the cell's colour).
 */
export const TEXT_ROLES = {
  title: { size: FONT_SIZE.title, weight: 600, ink: "text" },
  subtitle: { size: FONT_SIZE.base, weight: 400, ink: "muted" },
  panelTitle: { size: FONT_SIZE.panelTitle, weight: 600, ink: "text" },
  axisTitle: { size: FONT_SIZE.base, weight: 400, ink: "text" },
  colorBarTitle: { size: FONT_SIZE.base, weight: 400, ink: "text" },
  tickLabel: { size: FONT_SIZE.tick, weight: 400, ink: "muted" },
  categoryLabel: { size: FONT_SIZE.tick, weight: 400, ink: "text" },
  cellValue: { size: FONT_SIZE.cell, weight: 400, ink: "text" },
  caption: { size: FONT_SIZE.tick, weight: 400, ink: "muted" },
  legend: { size: FONT_SIZE.base, weight: 400, ink: "text" },
} as const satisfies Record<string, TextRole>;

/** The name of a text role. */
export type TextRoleName = keyof typeof TEXT_ROLES;

/**
 * The frame around a heat map's cells, in both drawings (light enough to read on any theme).
 */
export const HEATMAP_FRAME = { color: "#999999", width: 0.5 } as const;

/** Average advance of one character at `size` px in the figure font (DejaVu Sans digits and letters). */
export function charWidth(size: number = FONT_SIZE.base): number {
  return size * 0.58;
}

/** Monospace font stack of values in figures (DejaVu Sans Mono is bundled for the raster copy). */
export const MONO_FAMILY = "'DejaVu Sans Mono', Menlo, Consolas, monospace";

/** Estimated width of `text` at `size` px: bold and monospace are wider than the body font. */
export function textWidth(text: string, size: number, style: { bold?: boolean; mono?: boolean } = {}): number {
  const per = style.mono === true ? 0.61 : style.bold === true ? 0.66 : 0.6;
  return [...text].length * size * per;
}

/**
 * `text` broken into lines no wider than `maxWidth` px at `size` (estimated as `textWidth` does):
 * at spaces where it can, inside a word only when the word alone is too wide.
 */
export function wrapText(text: string, maxWidth: number, size: number, style: { bold?: boolean; mono?: boolean } = {}): string[] {
  const fits = (line: string): boolean => textWidth(line, size, style) <= maxWidth;
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    const joined = line.length === 0 ? word : `${line} ${word}`;
    if (fits(joined)) {
      line = joined;
      continue;
    }
    if (line.length > 0) lines.push(line);
    line = "";
    for (const ch of word) {
      if (line.length > 0 && !fits(line + ch)) {
        lines.push(line);
        line = "";
      }
      line += ch;
    }
  }
  if (line.length > 0 || lines.length === 0) lines.push(line);
  return lines;
}

// ---- numbers ---------------------------------------------------------------------------------------

/** A number's text for hover boxes, summaries and cells: 4 significant digits, `1.5e-5` style when tiny or huge. */
export function formatValue(v: JsonNumber | number | null): string {
  if (v === null) return "n/a";
  const x = typeof v === "number" ? v : v === "NaN" ? NaN : v === "Infinity" ? Infinity : -Infinity;
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Inf" : "-Inf";
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return trimExponent(x.toExponential(3));
  return String(Number(x.toPrecision(4)));
}

/**
 * A short value for inside a heat-map cell: a whole number below 100000 exactly (token ids and
 * counts must not round: 816, not 820), else 2 significant digits, `4e-4` style when tiny or huge.
 */
export function formatCell(v: number): string {
  if (!Number.isFinite(v)) return formatValue(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (Number.isInteger(v) && a < 1e5) return String(v);
  if (a < 0.01 || a >= 1e4) return trimExponent(v.toExponential(0));
  return String(Number(v.toPrecision(2)));
}

/**
 * The label of tick `v` on a linear axis whose ticks are `step` apart: as many digits as the step
 * needs and no more, so neighbouring labels differ and none is long (`0.0046`, `1.5e5`, `-2e-4`).
 */
export function formatTick(v: number, step: number): string {
  if (v === 0 || Math.abs(v) < step * 1e-9) return "0";
  const a = Math.abs(v);
  const digits = Math.max(1, Math.floor(Math.log10(a) + 1e-9) - Math.floor(Math.log10(step) + 1e-9) + 1);
  if (a >= 1e5 || a < 1e-3) return trimExponent(v.toExponential(Math.min(6, digits - 1)));
  const decimals = Math.max(0, Math.min(10, -Math.floor(Math.log10(step) + 1e-9)));
  return String(Number(v.toFixed(decimals)));
}

/** The label of tick `v` on a log axis: plain from 0.001 to 10000, else `1e-10`, `5e6`. */
export function formatLogTick(v: number): string {
  const k = Math.floor(Math.log10(v) + 1e-9);
  if (k >= -3 && k <= 4) return String(Number(v.toPrecision(1)));
  const m = Math.round(v / Math.pow(10, k));
  return `${m === 10 ? 1 : m}e${m === 10 ? k + 1 : k}`;
}

/** `1.500e-5` from `1.500e-5`, `1.235e5` from `1.235e+5`, `2e-4` from `2.000e-4`. */
function trimExponent(s: string): string {
  return s.replace("e+", "e").replace(/\.?0+e/, "e");
}

/**
 * A token as figures print it: whitespace made visible (space `␣`, tab `⇥`, newline `⏎`) and the
 * empty token as `∅`, so a space token never shows as a blank label.
 */
export function visibleToken(token: string): string {
  if (token.length === 0) return "\u2205";
  return token.replace(/ /g, "\u2423").replace(/\t/g, "\u21e5").replace(/\r?\n/g, "\u23ce");
}

/** Side of a heat-map cell of `rows` x `cols` in a panel at most `extent` pixels across: 10 to 36 px, square. */
export function cellSide(rows: number, cols: number, extent: number): number {
  return Math.max(10, Math.min(36, Math.floor(extent / Math.max(rows, cols, 1))));
}

/** A shape as `[2, 3]` (`[]` for a scalar). */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

/** "1:02:03" or "2:03". */
export function formatDuration(seconds: number): string {
  const t = Math.max(0, Math.round(seconds));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const s = String(t % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

// ---- plot sizes --------------------------------------------------------------------------------------

/**
 * The frame around the plotted area of an x-y chart (curves, line, scatter, spectrum, gradient flow):
 * both drawings draw it, at this width; the static drawing in `color`, the lab in its theme's muted ink.
 * Axis titles print in the text ink (`INK.text`, the lab's text colour), not the muted tick ink.
 */
export const PLOT_FRAME = { color: INK.axis, width: 0.6 } as const;

/** Height of the plotted area of a bar chart (`viz.bar`), in pixels; both drawings plot at this size. */
export const BAR_PLOT_HEIGHT = 240;
