/**
 * A plotly chart inside a renderer: draws a figure made for the current theme, redraws in place
 * (`Plotly.react`, no flicker) on new data or a theme switch, follows the output's width, and frees
 * plotly's listeners and WebGL/SVG state on dispose.
 *
 * A chart the payload sizes (`autosize: false`) and wider than the output column is, when the
 * renderer asks for it (`fit`), scaled down to the column with its aspect kept, as the static SVG
 * scales to the page: s = min(1, column / width), never above 1 and never below `MIN_SCALE`
 * (narrower columns scroll sideways at that scale). Text shrinks with it. The scale is a CSS
 * transform of the chart, so plotly's hover and zoom, which read the transform back, keep working.
 */
import { FONT_SIZE } from "seqgrad/payloads";
import { loadPlotly, PLOT_CONFIG, type PlotFigure, type PlotlyApi } from "./plotly";
import { readTheme, watchTheme, type Theme } from "./theme";

/** Makes the figure for a theme. */
export type FigureFactory = (theme: Theme) => PlotFigure;

/** How a chart is shown: `fit` scales a chart of fixed size down to the output's width. */
export interface ShowOptions {
  fit?: boolean;
}

/** Smallest text a scaled chart shows (px): its tick labels, the smallest text of an x-y chart, stay at least this big. */
export const MIN_TEXT = 7;
/** The least scale of a fitted chart (7 px tick labels of 11 px). */
export const MIN_SCALE = MIN_TEXT / FONT_SIZE.tick;

/** The plotly graph div with the full layout plotly keeps on it. */
type GraphDiv = HTMLDivElement & { _fullLayout?: { autosize?: boolean; width?: number; height?: number } };

export class PlotView {
  /** The box in the output (the column's width); the chart sits in it, scaled when it is too wide. */
  readonly node: HTMLDivElement;
  /** plotly's graph div. */
  readonly chart: GraphDiv;
  /** The chart's box at its drawn (scaled) size, between the two. */
  private readonly box: HTMLDivElement;
  private plotly: PlotlyApi | null = null;
  private factory: FigureFactory | null = null;
  private fit = false;
  private currentScale = 1;
  private readonly stopTheme: () => void;
  private readonly resizeObserver: ResizeObserver;
  private lastWidth = 0;
  private frame = 0;
  private disposed = false;

  /** `onScale` is called whenever the chart's scale changes (after a redraw or a resize). */
  constructor(parent: HTMLElement, private readonly onScale: (scale: number) => void = () => undefined) {
    this.node = document.createElement("div");
    this.node.className = "jp-seqgrad-plot";
    this.chart = document.createElement("div");
    this.chart.className = "jp-seqgrad-plot-chart";
    this.box = document.createElement("div");
    this.box.className = "jp-seqgrad-plot-box";
    this.box.appendChild(this.chart);
    this.node.appendChild(this.box);
    parent.appendChild(this.node);
    this.stopTheme = watchTheme(() => void this.redraw());
    this.resizeObserver = new ResizeObserver(() => this.scheduleResize());
    this.resizeObserver.observe(this.node);
  }

  /** The scale the chart is drawn at (1: its own size). */
  get scale(): number {
    return this.currentScale;
  }

  /** Draws (or redraws in place) the figure `factory` makes. */
  async show(factory: FigureFactory, options: ShowOptions = {}): Promise<void> {
    this.factory = factory;
    this.fit = options.fit ?? false;
    await this.redraw();
  }

  /** Redraws with the current theme. */
  async redraw(): Promise<void> {
    if (this.factory === null || this.disposed) return;
    const plotly = this.plotly ?? (this.plotly = await loadPlotly());
    if (this.disposed) return;
    const figure = this.factory(readTheme(this.node));
    await plotly.react(this.chart, figure.data, figure.layout, PLOT_CONFIG);
    this.lastWidth = this.node.clientWidth;
    this.fitToColumn();
  }

  /** Stops observing and releases plotly's state for this chart. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stopTheme();
    this.resizeObserver.disconnect();
    cancelAnimationFrame(this.frame);
    if (this.plotly !== null) this.plotly.purge(this.chart);
    this.node.remove();
  }

  /**
   * Scales a fixed-size chart to the column: s = min(1, column / width), at least MIN_SCALE. The
   * chart's box takes the scaled size (a transform leaves the layout box as it was), so the output
   * scrolls sideways only when even MIN_SCALE is too wide.
   */
  private fitToColumn(): void {
    const layout = this.chart._fullLayout;
    const width = layout?.width;
    const height = layout?.height;
    const room = this.node.clientWidth;
    const fixed = this.fit && layout?.autosize === false && typeof width === "number" && typeof height === "number" && width > 0;
    const scale = fixed && room > 0 ? Math.min(1, Math.max(MIN_SCALE, room / width)) : 1;
    const changed = scale !== this.currentScale;
    this.currentScale = scale;
    this.chart.style.transform = scale < 1 ? `scale(${scale})` : "";
    this.chart.style.transformOrigin = scale < 1 ? "0 0" : "";
    this.chart.style.width = fixed ? `${width}px` : "";
    this.box.style.width = fixed ? `${width * scale}px` : "";
    this.box.style.height = fixed ? `${height * scale}px` : "";
    if (changed) this.onScale(scale);
  }

  private scheduleResize(): void {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => {
      const width = this.node.clientWidth;
      if (this.plotly === null || this.disposed || width === 0 || width === this.lastWidth) return;
      this.lastWidth = width;
      this.fitToColumn();
      void this.plotly.Plots.resize(this.chart);
    });
  }
}
