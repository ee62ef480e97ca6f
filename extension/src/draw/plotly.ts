/**
 * plotly.js, loaded on first use (its bundle is a separate chunk, so JupyterLab starts without it),
 * and the small part of its API the renderers call.
 */

export { plotlyText } from "./plotly-text";

/** A plotly trace or layout: plain JSON-like objects. */
export type PlotObject = Record<string, unknown>;

/** A complete figure for `Plotly.react`. */
export interface PlotFigure {
  data: PlotObject[];
  layout: PlotObject;
}

/** The plotly.js functions used here. */
export interface PlotlyApi {
  react(root: HTMLElement, data: PlotObject[], layout: PlotObject, config?: PlotObject): Promise<HTMLElement>;
  purge(root: HTMLElement): void;
  Plots: { resize(root: HTMLElement): Promise<void> | void };
}

let loading: Promise<PlotlyApi> | null = null;

/** Loads plotly.js once and returns it. */
export function loadPlotly(): Promise<PlotlyApi> {
  if (loading === null) {
    loading = import(/* webpackChunkName: "plotly" */ "plotly.js-dist-min").then((m) => m.default);
  }
  return loading;
}

/** plotly's configuration for every seqgrad figure: responsive, no logo, no cloud links. */
export const PLOT_CONFIG: PlotObject = {
  displaylogo: false,
  responsive: false,
  scrollZoom: false,
  modeBarButtonsToRemove: ["sendDataToCloud", "select2d", "lasso2d"],
};
