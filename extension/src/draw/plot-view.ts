/**
 * A plotly chart inside a renderer: draws a figure made for the current theme, redraws in place
 * (`Plotly.react`, no flicker) on new data or a theme switch, follows the output's width, and frees
 * plotly's listeners and WebGL/SVG state on dispose.
 */
import { loadPlotly, PLOT_CONFIG, type PlotFigure, type PlotlyApi } from "./plotly";
import { readTheme, watchTheme, type Theme } from "./theme";

/** Makes the figure for a theme. */
export type FigureFactory = (theme: Theme) => PlotFigure;

export class PlotView {
  readonly node: HTMLDivElement;
  private plotly: PlotlyApi | null = null;
  private factory: FigureFactory | null = null;
  private readonly stopTheme: () => void;
  private readonly resizeObserver: ResizeObserver;
  private lastWidth = 0;
  private frame = 0;
  private disposed = false;

  constructor(parent: HTMLElement) {
    this.node = document.createElement("div");
    this.node.className = "jp-seqgrad-plot";
    parent.appendChild(this.node);
    this.stopTheme = watchTheme(() => void this.redraw());
    this.resizeObserver = new ResizeObserver(() => this.scheduleResize());
    this.resizeObserver.observe(this.node);
  }

  /** Draws (or redraws in place) the figure `factory` makes. */
  async show(factory: FigureFactory): Promise<void> {
    this.factory = factory;
    await this.redraw();
  }

  /** Redraws with the current theme. */
  async redraw(): Promise<void> {
    if (this.factory === null || this.disposed) return;
    const plotly = this.plotly ?? (this.plotly = await loadPlotly());
    if (this.disposed) return;
    const figure = this.factory(readTheme(this.node));
    await plotly.react(this.node, figure.data, figure.layout, PLOT_CONFIG);
    this.lastWidth = this.node.clientWidth;
  }

  /** Stops observing and releases plotly's state for this chart. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stopTheme();
    this.resizeObserver.disconnect();
    cancelAnimationFrame(this.frame);
    if (this.plotly !== null) this.plotly.purge(this.node);
    this.node.remove();
  }

  private scheduleResize(): void {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => {
      const width = this.node.clientWidth;
      if (this.plotly === null || this.disposed || width === 0 || width === this.lastWidth) return;
      this.lastWidth = width;
      void this.plotly.Plots.resize(this.node);
    });
  }
}
