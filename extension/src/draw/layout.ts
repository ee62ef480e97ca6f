/** Shared plotly layout pieces: theme colours, axes (as the payload decides them), margins. */
import type { Axis, Box, ChartNote, LegendBox, Point } from "seqgrad/payloads";
import { FONT_SIZE, PLOT_FRAME } from "seqgrad/payloads";
import { plotlyText, type PlotObject } from "./plotly";
import { roleFont, type Theme } from "./theme";

/** The layout every figure starts from: transparent background, theme font and colours. */
export function baseLayout(theme: Theme, height: number): PlotObject {
  return {
    height,
    autosize: true,
    margin: { l: 56, r: 24, t: 32, b: 48 },
    paper_bgcolor: "rgba(0,0,0,0)",
    plot_bgcolor: "rgba(0,0,0,0)",
    font: { family: theme.font, color: theme.text, size: FONT_SIZE.base },
    hoverlabel: { font: { family: theme.font } },
    legend: { orientation: "h", y: -0.18, font: { color: theme.text } },
    showlegend: false,
  };
}

/** A themed axis with an optional title (plain text, escaped here). */
export function axis(theme: Theme, title: string, extra: PlotObject = {}): PlotObject {
  return {
    // axis titles in the text ink and size, as the static drawing prints them (ticks stay muted)
    title: { text: plotlyText(title), font: roleFont(theme, "axisTitle") },
    gridcolor: theme.grid,
    zerolinecolor: theme.border,
    linecolor: theme.border,
    tickfont: roleFont(theme, "tickLabel"),
    automargin: true,
    ...extra,
  };
}

/**
 * A themed plotly axis drawing a payload axis: its range, and exactly its ticks and their text
 * (plotly neither picks its own ticks nor autoranges, so both drawings print the same labels).
 * On a log axis plotly's range is in powers of ten.
 */
export function payloadAxis(theme: Theme, a: Axis, extra: PlotObject = {}): PlotObject {
  const log = a.scale === "log";
  return axis(theme, a.label, {
    type: log ? "log" : "linear",
    range: log ? a.range.map(Math.log10) : a.range,
    autorange: false,
    tickmode: "array",
    tickvals: a.ticks,
    ticktext: a.tickText.map(plotlyText),
    zeroline: false,
    ...extra,
  });
}

/** A plotly axis id for subplot `i` (0 gives "x", 1 gives "x2", ...). */
export function axisId(letter: "x" | "y", i: number): string {
  return i === 0 ? letter : `${letter}${i + 1}`;
}

/** The layout key of that axis ("xaxis", "xaxis2", ...). */
export function axisKey(letter: "x" | "y", i: number): string {
  return i === 0 ? `${letter}axis` : `${letter}axis${i + 1}`;
}

/** The frame around an x-y chart's plotted area (axis lines on all four sides), as the static drawing draws it. */
export function frame(theme: Theme): PlotObject {
  return { showline: true, mirror: true, linecolor: theme.muted, linewidth: PLOT_FRAME.width };
}

/**
 * The layout of a figure the payload lays out: `width` x `height` pixels, not stretched to the
 * output, no margins (every part sits at the box the payload gives it, as in the static drawing).
 */
export function fixedLayout(theme: Theme, width: number, height: number): PlotObject {
  // (callers give whole pixels: plotly rounds the figure's size, and the domains must divide the same size)
  return { ...baseLayout(theme, height), width, height, autosize: false, margin: { l: 0, r: 0, t: 0, b: 0, pad: 0 } };
}

/** A figure's size in whole pixels, as the static drawing's document rounds it (up). */
export function wholeSize(size: { width: number; height: number }): { width: number; height: number } {
  return { width: Math.ceil(size.width), height: Math.ceil(size.height) };
}

/** plotly's domains of a box of a `width` x `height` figure (paper fractions; y up). */
export function domainOf(box: Box, width: number, height: number): { x: [number, number]; y: [number, number] } {
  const f = (v: number, n: number): number => Math.min(1, Math.max(0, v / n));
  return { x: [f(box.x, width), f(box.x + box.width, width)], y: [f(height - box.y - box.height, height), f(height - box.y, height)] };
}

/** A payload axis drawn in a fixed layout: at the plotted box's domain, no automatic margins, its tick labels and title where the static drawing prints them. */
export function boxAxis(theme: Theme, side: "x" | "y", a: Axis, domain: [number, number], extra: PlotObject = {}): PlotObject {
  const base = payloadAxis(theme, a, { domain, automargin: false, ticklabelstandoff: AXIS_GAPS[side].ticks, ...extra });
  return { ...base, title: { ...(base.title as PlotObject), standoff: AXIS_GAPS[side].title } };
}

/**
 * plotly's gaps (px) that put an x-y chart's tick labels and axis titles where the static drawing
 * (svg/axes.ts) prints them: x tick labels' tops 6 px under the plotted box and the x title's 23 px,
 * y tick labels' ends 7 px left of it and the y title 19 px beyond the longest tick label.
 * `ticks` moves the tick labels off plotly's place, `title` is the title's standoff from them.
 */
export const AXIS_GAPS = { x: { ticks: 2, title: 7 }, y: { ticks: 4, title: 12 } } as const;

/** The id of plotly legend number `k` ("legend", "legend2", ...). */
export function legendId(k: number): string {
  return k === 0 ? "legend" : `legend${k + 1}`;
}

/** Height of a legend row in the static drawing (`svg/legend.ts`). */
const LEGEND_ROW = 16;
/** How far plotly's legend entries sit inside the legend's corner, beyond the static drawing's (px). */
const LEGEND_PAD = { x: 14, y: 9 } as const;

/**
 * A legend laid out as the payload's legend box says: one plotly legend per entry, from legend number
 * `first` on, each at the entry's row and offset (as the static drawing places it). Returns the layout
 * keys to add, the legend id of each entry (in the box's order) and how many legends it made.
 */
export function boxLegends(theme: Theme, box: LegendBox, width: number, height: number, first: number): { layout: PlotObject; ids: string[]; count: number } {
  const layout: PlotObject = {};
  const ids = box.rows.map((_, k) => legendId(first + k));
  box.rows.forEach((row, k) => {
    layout[legendId(first + k)] = {
      orientation: "h",
      // plotly pads a legend's entry: shifted so that each name starts where the static drawing's does
      x: (box.x + (box.offsets[k] ?? 0) - LEGEND_PAD.x) / width,
      xanchor: "left",
      // (at most the figure's top: a legend reaching above it would push plotly's margins)
      y: Math.min(1, 1 - (box.y + row * LEGEND_ROW - LEGEND_PAD.y) / height),
      yanchor: "top",
      bgcolor: "rgba(0,0,0,0)",
      borderwidth: 0,
      itemwidth: 30,
      font: roleFont(theme, "legend"),
    };
  });
  return { layout, ids, count: ids.length };
}

/** A panel title at the payload's anchor (centred, baseline), semibold in the text ink as the static drawing prints it. */
export function panelTitle(theme: Theme, title: string, at: Point, width: number, height: number): PlotObject {
  return {
    text: plotlyText(title),
    showarrow: false,
    xref: "paper",
    yref: "paper",
    x: at.x / width,
    xanchor: "center",
    // the baseline sits about a quarter of the font size above the text box's bottom
    y: 1 - (at.y + 3) / height,
    yanchor: "bottom",
    font: roleFont(theme, "panelTitle"),
  };
}

/** A chart note of the payload (text, role, anchor; y its baseline) as a plotly annotation, where the static drawing prints it. */
export function chartNote(theme: Theme, note: ChartNote, width: number, height: number): PlotObject {
  const xanchor = note.anchor === "start" ? "left" : note.anchor === "end" ? "right" : "center";
  return {
    text: plotlyText(note.text),
    showarrow: false,
    xref: "paper",
    yref: "paper",
    x: note.x / width,
    xanchor,
    // the baseline sits about a quarter of the font size above the text box's bottom, as for panel titles
    y: 1 - (note.y + 3) / height,
    yanchor: "bottom",
    name: "note",
    font: roleFont(theme, note.role),
  };
}
