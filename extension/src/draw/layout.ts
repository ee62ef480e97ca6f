/** Shared plotly layout pieces: theme colours, axes (as the payload decides them), margins. */
import type { Axis } from "seqgrad/payloads";
import { FONT_SIZE, PLOT_FRAME } from "seqgrad/payloads";
import { plotlyText, type PlotObject } from "./plotly";
import type { Theme } from "./theme";

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
    title: { text: plotlyText(title), font: { color: theme.text, size: FONT_SIZE.base } },
    gridcolor: theme.grid,
    zerolinecolor: theme.border,
    linecolor: theme.border,
    tickfont: { color: theme.muted, size: FONT_SIZE.tick },
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
