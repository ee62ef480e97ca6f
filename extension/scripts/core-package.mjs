/**
 * Writes `lab/core/package.json`: the "core" description that both the assembled lab
 * (its Module Federation share scope) and `build-labextension --core-path` read.
 *
 * It lists, with the versions actually installed, every shared package reachable from
 * the lab's dependencies (`resolutions`, as `~x.y.z` so extensions accept later patches),
 * the lab's direct dependencies, and JupyterLab's singleton packages. Generated, not
 * committed, so it can never drift from the lockfile.
 */
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const LAB_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "lab");
const OUT_DIR = join(LAB_DIR, "core");

/** Packages shared between the lab and federated extensions (scopes and exact names). */
const SHARED_SCOPES = ["@jupyterlab/", "@lumino/", "@jupyter/", "@codemirror/", "@lezer/", "@microsoft/fast-"];
const SHARED_NAMES = ["react", "react-dom", "yjs"];

/** JupyterLab's singleton packages: one instance per page, never bundled by extensions. */
const SINGLETONS = [
  "@codemirror/language", "@codemirror/state", "@codemirror/view",
  "@jupyter/react-components", "@jupyter/web-components", "@jupyter/ydoc",
  "@jupyterlab/application", "@jupyterlab/apputils", "@jupyterlab/cell-toolbar",
  "@jupyterlab/codeeditor", "@jupyterlab/codemirror", "@jupyterlab/completer",
  "@jupyterlab/console", "@jupyterlab/coreutils", "@jupyterlab/docmanager",
  "@jupyterlab/documentsearch", "@jupyterlab/filebrowser", "@jupyterlab/fileeditor",
  "@jupyterlab/inspector", "@jupyterlab/launcher", "@jupyterlab/logconsole", "@jupyterlab/lsp",
  "@jupyterlab/mainmenu", "@jupyterlab/markdownviewer", "@jupyterlab/metadataform",
  "@jupyterlab/notebook", "@jupyterlab/rendermime", "@jupyterlab/rendermime-interfaces",
  "@jupyterlab/services", "@jupyterlab/settingregistry", "@jupyterlab/statedb",
  "@jupyterlab/statusbar", "@jupyterlab/toc", "@jupyterlab/tooltip", "@jupyterlab/translation",
  "@jupyterlab/ui-components", "@jupyterlab/workspaces",
  "@lezer/common", "@lezer/highlight",
  "@lumino/algorithm", "@lumino/application", "@lumino/commands", "@lumino/coreutils",
  "@lumino/datagrid", "@lumino/disposable", "@lumino/domutils", "@lumino/dragdrop",
  "@lumino/keyboard", "@lumino/messaging", "@lumino/polling", "@lumino/properties",
  "@lumino/signaling", "@lumino/virtualdom", "@lumino/widgets",
  "@microsoft/fast-element", "@microsoft/fast-foundation",
  "react", "react-dom", "yjs"
];

function isShared(name) {
  return SHARED_NAMES.includes(name) || SHARED_SCOPES.some((scope) => name.startsWith(scope));
}

/** Depth-first walk of production dependencies, resolved the way Node (and webpack) would. */
function collectShared(rootPkg) {
  const found = new Map();
  const visit = (name, fromDir) => {
    const req = createRequire(join(fromDir, "package.json"));
    let pkgPath;
    try {
      pkgPath = req.resolve(`${name}/package.json`);
    } catch {
      return; // optional peer that is not installed
    }
    const pkg = JSON.parse(readFileSync(pkgPath, "utf8"));
    const seen = found.get(name);
    if (seen !== undefined) {
      if (seen !== pkg.version) throw new Error(`core-package: ${name} is installed twice; expected one version, got ${seen} and ${pkg.version}`);
      return;
    }
    found.set(name, pkg.version);
    for (const dep of Object.keys(pkg.dependencies ?? {})) if (isShared(dep)) visit(dep, dirname(pkgPath));
  };
  for (const dep of Object.keys(rootPkg.dependencies)) visit(dep, LAB_DIR);
  return found;
}

const lab = JSON.parse(readFileSync(join(LAB_DIR, "package.json"), "utf8"));
const shared = collectShared(lab);
const resolutions = Object.fromEntries([...shared].sort().map(([name, v]) => [name, `~${v}`]));
const dependencies = Object.fromEntries(Object.keys(lab.dependencies).sort().map((name) => [name, resolutions[name]]));
const core = {
  name: "@seqgrad/lab-core",
  version: lab.version,
  private: true,
  dependencies,
  resolutions,
  jupyterlab: { singletonPackages: SINGLETONS.filter((name) => shared.has(name)) }
};
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(join(OUT_DIR, "package.json"), JSON.stringify(core, null, 2) + "\n");
console.log(`core-package: ${shared.size} shared packages, ${core.jupyterlab.singletonPackages.length} singletons`);
