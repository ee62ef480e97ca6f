/** Shared plotly layout pieces: theme colours, axes, margins. */
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
    font: { family: theme.font, color: theme.text, size: 12 },
    hoverlabel: { font: { family: theme.font } },
    legend: { orientation: "h", y: -0.18, font: { color: theme.text } },
    showlegend: false,
  };
}

/** A themed axis with an optional title (plain text, escaped here). */
export function axis(theme: Theme, title: string, extra: PlotObject = {}): PlotObject {
  return {
    title: { text: plotlyText(title), font: { color: theme.muted } },
    gridcolor: theme.grid,
    zerolinecolor: theme.border,
    linecolor: theme.border,
    tickfont: { color: theme.text },
    automargin: true,
    ...extra,
  };
}

/** A plotly axis id for subplot `i` (0 gives "x", 1 gives "x2", ...). */
export function axisId(letter: "x" | "y", i: number): string {
  return i === 0 ? letter : `${letter}${i + 1}`;
}

/** The layout key of that axis ("xaxis", "xaxis2", ...). */
export function axisKey(letter: "x" | "y", i: number): string {
  return i === 0 ? `${letter}axis` : `${letter}axis${i + 1}`;
}
