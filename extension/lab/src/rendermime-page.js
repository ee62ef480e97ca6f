/*
 * A bare rendermime test page (no JupyterLab shell): JupyterLab's output area and standard
 * renderers plus the seqgrad renderers, bundled directly. Browser tests drive it through
 * `window.seqgradTest`: show a MIME bundle, update it in place as `update_display_data` does,
 * and switch between the light and dark themes.
 */
import { OutputArea, OutputAreaModel } from "@jupyterlab/outputarea";
import { RenderMimeRegistry, standardRendererFactories } from "@jupyterlab/rendermime";
import { Widget } from "@lumino/widgets";
import "@jupyterlab/rendermime/style/index.css";
import "@jupyterlab/outputarea/style/index.css";
import "../../style/index.css";
import seqgradExtensions from "../../lib/extension/src/index.js";

const rendermime = new RenderMimeRegistry({ initialFactories: standardRendererFactories });
for (const ext of seqgradExtensions) rendermime.addFactory(ext.rendererFactory, ext.rank);

const areas = [];

/** Sets the theme as JupyterLab does: the theme's CSS, then the body's data attributes. */
function setTheme(name) {
  const dark = name === "dark";
  const link = document.getElementById("jp-theme");
  const href = `themes/@jupyterlab/theme-${dark ? "dark" : "light"}-extension/index.css`;
  return new Promise((resolve, reject) => {
    link.onload = () => {
      document.body.dataset.jpThemeLight = dark ? "false" : "true";
      document.body.dataset.jpThemeName = dark ? "JupyterLab Dark" : "JupyterLab Light";
      resolve();
    };
    link.onerror = () => reject(new Error(`rendermime page: cannot load ${href}`));
    link.href = href;
  });
}

window.seqgradTest = {
  /** Shows `bundle` as a display_data output in a new output area; returns its index. */
  show(bundle, title) {
    const model = new OutputAreaModel({ trusted: true });
    const area = new OutputArea({ model, rendermime });
    const section = document.createElement("section");
    section.className = "test-output";
    const heading = document.createElement("h3");
    heading.textContent = title || "";
    section.appendChild(heading);
    document.getElementById("outputs").appendChild(section);
    Widget.attach(area, section);
    model.add({ output_type: "display_data", data: bundle, metadata: {} });
    areas.push({ area, model, section });
    return areas.length - 1;
  },
  /** Replaces output `index` in place, as the kernel's update_display_data does. */
  update(index, bundle) {
    areas[index].model.set(0, { output_type: "display_data", data: bundle, metadata: {} });
  },
  /** The data of output `index` as the model holds it now (to check renderers never mutate it). */
  data(index) {
    return JSON.stringify(areas[index].model.get(0).data);
  },
  /** The MIME type the registry prefers for `bundle`. */
  preferred(bundle) {
    return rendermime.preferredMimeType(bundle, "any");
  },
  /** Disposes output `index` (renderers must free their charts). */
  dispose(index) {
    areas[index].area.dispose();
    areas[index].section.remove();
  },
  setTheme,
  clear() {
    while (areas.length > 0) {
      const { area, section } = areas.pop();
      area.dispose();
      section.remove();
    }
  },
};
document.body.dataset.seqgradPage = "ready";
