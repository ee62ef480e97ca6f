/**
 * Base of the renderers drawn with plotly: a header line, optional controls, and one chart that is
 * updated in place on every `renderModel` (live displays) and on theme changes.
 */
import type { PayloadKind } from "seqgrad/payloads";
import { el } from "./draw/dom";
import { PlotView, type FigureFactory } from "./draw/plot-view";
import { FigureWidget } from "./figure-widget";

export abstract class PlotWidget<K extends PayloadKind> extends FigureWidget<K> {
  private view: PlotView | null = null;
  private top: HTMLElement | null = null;

  /** The element above the chart (header and controls), created once and kept across updates. */
  protected get topNode(): HTMLElement {
    this.ensure();
    // ensure() created it.
    return this.top as HTMLElement;
  }

  /** Draws or updates the chart. */
  protected async plot(factory: FigureFactory): Promise<void> {
    this.ensure();
    await (this.view as PlotView).show(factory);
  }

  protected clear(): void {
    this.view?.dispose();
    this.view = null;
    this.top = null;
    this.node.replaceChildren();
  }

  private ensure(): void {
    if (this.view !== null && this.top !== null) return;
    this.node.replaceChildren();
    this.top = el("div", "jp-seqgrad-top");
    this.node.appendChild(this.top);
    this.view = new PlotView(this.node);
  }
}
