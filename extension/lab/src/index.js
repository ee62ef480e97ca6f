/*
 * The assembled JupyterLab: core plugins bundled from npm packages, plus every prebuilt
 * extension the server lists (among them @seqgrad/jupyterlab), started as one application.
 */
import { JupyterLab } from "@jupyterlab/application";
import { PageConfig } from "@jupyterlab/coreutils";
import "../build/style.js";

/**
 * Plugins left out on purpose: the language-server integrations need `@jupyterlab/lsp-extension`
 * and the jupyter-lsp server extension, neither of which this lab ships.
 */
const EXCLUDED = [/:language-server$/];

function pluginsOf(mod) {
  const exports = mod && Object.prototype.hasOwnProperty.call(mod, "__esModule") ? mod.default : mod;
  const plugins = Array.isArray(exports) ? exports : [exports];
  return plugins.filter((plugin) => !EXCLUDED.some((pattern) => pattern.test(plugin.id)));
}

/** Gets a module exposed by a federated extension container. */
async function federatedModule(scope, module) {
  const factory = await window._JUPYTERLAB[scope].get(module);
  return factory();
}

export async function main() {
  const extensions = [
    import("@jupyterlab/application-extension"),
    import("@jupyterlab/apputils-extension"),
    import("@jupyterlab/celltags-extension"),
    import("@jupyterlab/codemirror-extension"),
    import("@jupyterlab/completer-extension"),
    import("@jupyterlab/console-extension"),
    import("@jupyterlab/docmanager-extension"),
    import("@jupyterlab/documentsearch-extension"),
    import("@jupyterlab/filebrowser-extension"),
    import("@jupyterlab/fileeditor-extension"),
    import("@jupyterlab/help-extension"),
    import("@jupyterlab/inspector-extension"),
    import("@jupyterlab/launcher-extension"),
    import("@jupyterlab/mainmenu-extension"),
    import("@jupyterlab/markdownviewer-extension"),
    import("@jupyterlab/markedparser-extension"),
    import("@jupyterlab/mathjax-extension"),
    import("@jupyterlab/metadataform-extension"),
    import("@jupyterlab/notebook-extension"),
    import("@jupyterlab/rendermime-extension"),
    import("@jupyterlab/running-extension"),
    import("@jupyterlab/shortcuts-extension"),
    import("@jupyterlab/statusbar-extension"),
    import("@jupyterlab/theme-dark-extension"),
    import("@jupyterlab/theme-light-extension"),
    import("@jupyterlab/toc-extension"),
    import("@jupyterlab/tooltip-extension"),
    import("@jupyterlab/translation-extension"),
    import("@jupyterlab/ui-components-extension"),
  ];
  const mimeExtensions = [import("@jupyterlab/json-extension")];

  // Prebuilt extensions listed by the server (their containers were initialised in bootstrap.js).
  const federated = PageConfig.getOption("federated_extensions");
  const data = federated ? JSON.parse(federated) : [];
  for (const ext of data) {
    if (ext.extension) extensions.push(federatedModule(ext.name, ext.extension));
    if (ext.mimeExtension) mimeExtensions.push(federatedModule(ext.name, ext.mimeExtension));
    if (ext.style) await federatedModule(ext.name, ext.style);
  }

  const lab = new JupyterLab({ mimeExtensions: (await Promise.all(mimeExtensions)).flatMap(pluginsOf) });
  lab.registerPlugins((await Promise.all(extensions)).flatMap(pluginsOf));
  // Scripts and browser tests reach the application (its commands) as JupyterLab's own build allows.
  window.jupyterapp = lab;
  await lab.start();
  await lab.restored;
  document.body.dataset.seqgradLab = "ready";
}
