/**
 * End to end in the assembled lab: start the server (Debian's jupyterlab_server) on a scratch
 * copy of a notebook, run all cells on the seqgrad kernel, check that seqgrad's renderers (not the
 * PNG fallback) drew the figures, interrupt a long-running cell and run the next one, then
 * save, reload and see the outputs again; then every figure kind under JupyterLab Dark
 * (lab-dark.mjs). Screenshots go to test-artifacts/browser/.
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, Suite, TIMEOUT, check, shot, testConsoleClean, watchConsole } from "./harness.mjs";
import { startLab } from "./lab-server.mjs";
import { testDarkGallery, writeDarkGallery } from "./lab-dark.mjs";

const NOTEBOOK = "figures.ipynb";
const FIGURES = ["tensor", "graph", "unrolled", "gradflow", "curves", "attention"];

/** Installs the kernel spec and the prebuilt extension into a scratch Jupyter data dir. */
export function prepareDataDir(scratch) {
  const prefix = join(scratch, "prefix");
  const kernel = spawnSync("npm", ["run", "--silent", "kernel:install", "--", "--prefix", prefix], { cwd: ROOT, encoding: "utf8" });
  if (kernel.status !== 0) throw new Error(`lab test: kernel:install failed; expected exit 0, got ${kernel.status}\n${kernel.stderr}`);
  const dataDir = join(prefix, "share", "jupyter");
  const ext = spawnSync(process.execPath, [join(ROOT, "extension", "scripts", "install-labextension.mjs"), "--data-dir", dataDir], { encoding: "utf8" });
  if (ext.status !== 0) throw new Error(`lab test: install-labextension failed; expected exit 0, got ${ext.status}\n${ext.stderr}`);
  return dataDir;
}

/** The seqgrad figure kinds drawn in the notebook's outputs. */
function drawnKinds(page) {
  return page.evaluate(() => [...document.querySelectorAll(".jp-OutputArea-output.jp-seqgrad-figure")].map((n) => n.getAttribute("data-mime-type") ?? ""));
}

export async function openNotebook(page, url) {
  await page.goto(url, { timeout: TIMEOUT });
  await page.waitForSelector("body[data-seqgrad-lab=ready]", { state: "attached", timeout: TIMEOUT });
  await page.waitForSelector(".jp-NotebookPanel .jp-Notebook .jp-Cell", { timeout: TIMEOUT });
  await page.waitForFunction(() => {
    const panel = document.querySelector(".jp-NotebookPanel:not(.lm-mod-hidden)");
    return panel !== null && /seqgrad/i.test(panel.querySelector(".jp-KernelName, .jp-Toolbar-kernelName")?.textContent ?? "");
  }, null, { timeout: TIMEOUT });
}

/** Waits until the current notebook's kernel is idle. */
export function kernelIdle(page) {
  return page.waitForFunction(() => window.jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel?.status === "idle", null, { timeout: TIMEOUT });
}

export const command = (page, id, args = {}) => page.evaluate(([c, a]) => window.jupyterapp.commands.execute(c, a), [id, args]);

export async function runLab(browser) {
  const suite = new Suite("lab");
  console.log("lab (assembled JupyterLab, end to end)");
  const scratch = mkdtempSync(join(tmpdir(), "seqgrad-lab-"));
  const notebooks = join(scratch, "notebooks");
  mkdirSync(notebooks);
  copyFileSync(join(ROOT, "test", "browser", "fixtures", NOTEBOOK), join(notebooks, NOTEBOOK));
  const gallery = writeDarkGallery(notebooks);
  let lab = null;
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const problems = watchConsole(page);
  page.setDefaultTimeout(TIMEOUT);
  try {
    await suite.test("the lab starts on the seqgrad kernel and opens the notebook", async () => {
      const dataDir = prepareDataDir(scratch);
      lab = await startLab({ rootDir: notebooks, dataDir, configDir: join(scratch, "config"), runtimeDir: join(scratch, "runtime") });
      await openNotebook(page, `${lab.url}/lab/tree/${NOTEBOOK}?token=${lab.token}`);
      await shot(page, "lab-opened");
    });

    await suite.test("run all: seqgrad's renderers draw the tensor, graph, unrolled graph, gradient flow, live curves and attention", async () => {
      await kernelIdle(page);
      void command(page, "notebook:run-all-cells");
      await page.waitForFunction((n) => document.querySelectorAll(".jp-OutputArea-output.jp-seqgrad-figure").length >= n, FIGURES.length, { timeout: 3 * TIMEOUT });
      const kinds = await drawnKinds(page);
      for (const kind of FIGURES) {
        check(kinds.includes(`application/vnd.seqgrad.${kind}.v1+json`), `no ${kind} figure drawn by seqgrad; drawn: ${kinds.join(", ")}`);
      }
      check((await page.locator(".jp-seqgrad-error").count()) === 0, "an error box was shown");
      await page.waitForSelector(".jp-OutputArea-output.jp-seqgrad-figure .js-plotly-plot .main-svg", { state: "attached" });
      check(await page.evaluate(() => window.__pwned === undefined), "an injected token ran script");
      await shot(page, "lab-figures");
    });

    await suite.test("interrupting a long-running cell stops it, and the next cell runs", async () => {
      const running = page.locator(".jp-CodeCell").nth(7);
      await running.locator(".jp-InputPrompt", { hasText: "[*]" }).waitFor({ timeout: TIMEOUT });
      await command(page, "notebook:interrupt-kernel");
      await kernelIdle(page);
      await page.evaluate(() => {
        const panel = window.jupyterapp.shell.currentWidget;
        panel.content.activeCellIndex = panel.content.widgets.length - 1;
      });
      await command(page, "notebook:run-cell");
      const last = page.locator(".jp-CodeCell").last();
      await last.locator(".jp-OutputArea-output", { hasText: "after interrupt: 42" }).waitFor({ timeout: TIMEOUT });
      await shot(page, "lab-interrupted");
    });

    await suite.test("save and reload: the figures are drawn again from the saved notebook", async () => {
      await command(page, "docmanager:save");
      await page.waitForFunction(() => !document.querySelector(".jp-NotebookPanel .jp-mod-dirty, .lm-TabBar-tab.jp-mod-dirty"), null, { timeout: TIMEOUT });
      await openNotebook(page, `${lab.url}/lab/tree/${NOTEBOOK}`);
      await page.waitForFunction((n) => document.querySelectorAll(".jp-OutputArea-output.jp-seqgrad-figure").length >= n, FIGURES.length, { timeout: TIMEOUT });
      const kinds = await drawnKinds(page);
      for (const kind of FIGURES) check(kinds.includes(`application/vnd.seqgrad.${kind}.v1+json`), `after reload, no ${kind} figure; drawn: ${kinds.join(", ")}`);
      await shot(page, "lab-reloaded");
    });

    // every figure kind under JupyterLab Dark (test/browser/lab-dark.mjs)
    if (lab !== null) await testDarkGallery(suite, page, lab, gallery);

    await testConsoleClean(suite, problems);
  } finally {
    await page.close();
    if (lab !== null) await lab.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
  return suite;
}
