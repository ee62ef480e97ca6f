/**
 * Base of the renderers drawn with plotly: a header line, optional controls, and one chart that is
 * updated in place on every `renderModel` (live displays) and on theme changes.
 */
import type { PayloadKind } from "seqgrad/payloads";
import { el } from "./draw/dom";
import { PlotView, type FigureFactory, type ShowOptions } from "./draw/plot-view";
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

  /** Draws or updates the chart (`fit`: a chart of fixed size is scaled down to the output's width). */
  protected async plot(factory: FigureFactory, options: ShowOptions = {}): Promise<void> {
    this.ensure();
    await (this.view as PlotView).show(factory, options);
    this.centreHeading();
  }

  /** A chart of fixed width (x-y charts, small heat maps, attention): the heading is centred over it as drawn (scaled), as in the static drawing. */
  private centreHeading(): void {
    const view = this.view;
    const layout = view?.chart._fullLayout;
    const heading = this.top?.querySelector<HTMLElement>(".jp-seqgrad-heading");
    if (view === null || heading === null || heading === undefined || layout === undefined) return;
    heading.style.maxWidth = "";
    if (layout.autosize !== false || typeof layout.width !== "number") return;
    // never narrower than its own text: the static drawing widens for a long subtitle too
    heading.style.flex = "none";
    heading.style.width = "max-content";
    const natural = heading.getBoundingClientRect().width;
    heading.style.flex = "";
    heading.style.width = "";
    heading.style.maxWidth = `${Math.ceil(Math.max(layout.width * view.scale, natural))}px`;
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
    this.view = new PlotView(this.node, () => this.centreHeading());
  }
}
