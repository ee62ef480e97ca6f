/**
 * The JupyterLite application: JupyterLab's plugins, JupyterLite's in-browser services (contents,
 * settings, sessions and kernels, no server behind them), the seqgrad renderers and the seqgrad
 * kernel, started as one JupyterLab. Plugins are resolved as JupyterLite's own app does: the
 * service manager first, from its plugins, then the application around it.
 */
import { JupyterLab } from "@jupyterlab/application";
import { IServiceManager, type ServiceManager } from "@jupyterlab/services";
import { PluginRegistry, type IPlugin } from "@lumino/coreutils";
import { REPLACED_KERNEL_CLIENT, kernelClientPlugin } from "./kernel-plugin";

/** Plugins a server-less lab must not run, as JupyterLite's lab leaves them out, and ours. */
const DISABLED = new Set([
  "@jupyterlab/application-extension:logo",
  "@jupyterlab/application-extension:main",
  "@jupyterlab/application-extension:tree-resolver",
  "@jupyterlab/application-extension:router",
  "@jupyterlab/apputils-extension:licenses-client",
  "@jupyterlab/apputils-extension:announcements",
  "@jupyterlab/apputils-extension:resolver",
  "@jupyterlab/docmanager-extension:download",
  "@jupyterlab/filebrowser-extension:download",
  "@jupyterlab/filebrowser-extension:share-file",
  "@jupyterlab/help-extension:about",
  "@jupyterlab/services-extension:config-section-manager",
  "@jupyterlab/services-extension:connection-status",
  "@jupyterlab/services-extension:default-drive",
  "@jupyterlab/services-extension:event-manager",
  "@jupyterlab/services-extension:kernel-manager",
  "@jupyterlab/services-extension:kernel-spec-manager",
  "@jupyterlab/services-extension:nbconvert-manager",
  "@jupyterlab/services-extension:session-manager",
  "@jupyterlab/services-extension:setting-manager",
  "@jupyterlab/services-extension:user-manager",
  "@jupyterlab/services-extension:workspace-manager",
  "@jupyterlab/translation:translator",
  "@jupyterlite/application-extension:logo",
  // its service worker serves stdin and kernel file systems without SharedArrayBuffer; this kernel
  // needs neither (input() is not offered, files are read from the site)
  "@jupyterlite/application-extension:service-worker-manager",
  REPLACED_KERNEL_CLIENT,
]);

/** Language-server plugins need a language server, which a static site has not. */
const EXCLUDED = [/:language-server$/, /lsp-connection-manager$/];

type AnyPlugin = IPlugin<unknown, unknown>;

function pluginsOf(module: unknown): AnyPlugin[] {
  const exports: unknown = typeof module === "object" && module !== null && "default" in module ? module.default : module;
  const plugins = (Array.isArray(exports) ? exports : [exports]) as AnyPlugin[];
  return plugins.filter((plugin) => !DISABLED.has(plugin.id) && !EXCLUDED.some((pattern) => pattern.test(plugin.id)));
}

export async function main(): Promise<void> {
  const extensions = await Promise.all([
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
    import("@jupyterlab/services-extension"),
    import("@jupyterlab/shortcuts-extension"),
    import("@jupyterlab/statusbar-extension"),
    import("@jupyterlab/theme-dark-extension"),
    import("@jupyterlab/theme-light-extension"),
    import("@jupyterlab/toc-extension"),
    import("@jupyterlab/tooltip-extension"),
    import("@jupyterlab/translation-extension"),
    import("@jupyterlab/ui-components-extension"),
    import("@jupyterlite/application-extension"),
    import("@jupyterlite/apputils-extension"),
    import("@jupyterlite/services-extension"),
  ]);
  const mimeExtensions = await Promise.all([import("@jupyterlab/json-extension"), import("@seqgrad/jupyterlab")]);

  const plugins = [...extensions.flatMap(pluginsOf), kernelClientPlugin as AnyPlugin];
  const pluginRegistry = new PluginRegistry();
  pluginRegistry.registerPlugins(plugins);
  const serviceManager = await pluginRegistry.resolveRequiredService<ServiceManager.IManager>(IServiceManager);
  const lab = new JupyterLab({
    pluginRegistry,
    serviceManager,
    mimeExtensions: mimeExtensions.flatMap(pluginsOf) as never,
    availablePlugins: plugins.map((plugin) => ({ ...plugin, extension: plugin.id.split(":")[0] ?? "", enabled: true })) as never,
  });
  // scripts and browser tests reach the application (its commands), as JupyterLab's own build allows
  Reflect.set(window, "jupyterapp", lab);
  await lab.start({ bubblingKeydown: true });
  await lab.restored;
  document.body.dataset["seqgradLite"] = "ready";
}

void main().catch((error: unknown) => {
  console.error("seqgrad lite: the application failed to start", error);
  document.body.dataset["seqgradLite"] = "failed";
});
