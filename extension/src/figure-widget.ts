/**
 * The base of every seqgrad renderer: a Lumino widget that validates the payload under its MIME
 * type, draws it, and shows a readable error box instead of throwing when the payload is malformed.
 * It only reads `model.data`; it never writes to the model.
 */
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { Widget } from "@lumino/widgets";
import { upgradePayload, validatePayload, type PayloadByKind, type PayloadKind } from "seqgrad/payloads";
import { errorBox } from "./draw/dom";
import { savedPicture, savedPictureUrl } from "./draw/saved-picture";

/** CSS class of every seqgrad output. */
export const FIGURE_CLASS = "jp-seqgrad-figure";

export abstract class FigureWidget<K extends PayloadKind> extends Widget implements IRenderMime.IRenderer {
  /** The MIME type this renderer was created for. */
  readonly mimeType: string;
  /** The payload kind this renderer draws. */
  protected abstract readonly kind: K;

  constructor(options: IRenderMime.IRendererOptions) {
    super();
    this.mimeType = options.mimeType;
    this.addClass(FIGURE_CLASS);
    this.node.dataset.mimeType = options.mimeType;
  }

  /**
   * Validates and draws the model's payload. Called again with the new model when the kernel
   * updates the display in place, so `draw` must update rather than append. A payload saved by an
   * earlier seqgrad gets the fields the library can compute again (`upgradePayload`); one that
   * still does not validate shows the picture saved in the same bundle, with a note to run the
   * cell again, or (with no picture) the error.
   */
  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const data = model.data[this.mimeType];
    let result = validatePayload(this.mimeType, data);
    if (!result.ok) {
      const upgraded = upgradePayload(this.mimeType, data);
      if (upgraded !== data) result = validatePayload(this.mimeType, upgraded);
    }
    if (!result.ok) {
      const saved = savedPictureUrl(model.data);
      if (saved === null) this.showError(result.error);
      else this.showSaved(saved, result.error);
      return;
    }
    if (result.payload.kind !== this.kind) {
      this.showError(`${this.kind}: payload kind; expected "${this.kind}", got "${result.payload.kind}"`);
      return;
    }
    this.node.classList.remove("jp-seqgrad-has-error");
    try {
      // validatePayload checked `kind`, so the payload has this renderer's type.
      await this.draw(result.payload as PayloadByKind[K]);
    } catch (error) {
      this.showError(`${this.kind}: drawing failed; ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Draws (or updates) the figure. */
  protected abstract draw(payload: PayloadByKind[K]): Promise<void>;

  /** Releases charts and listeners; called by `dispose` and before an error box replaces the figure. */
  protected abstract clear(): void;

  override dispose(): void {
    if (this.isDisposed) return;
    this.clear();
    super.dispose();
  }

  private showSaved(picture: { url: string; png: boolean }, why: string): void {
    this.clear();
    this.node.replaceChildren(savedPicture(picture, why));
    this.node.classList.remove("jp-seqgrad-has-error");
  }

  private showError(message: string): void {
    this.clear();
    this.node.replaceChildren(errorBox("seqgrad: this figure cannot be drawn", message));
    this.node.classList.add("jp-seqgrad-has-error");
  }
}
