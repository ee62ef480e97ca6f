/**
 * `npm run test:lite`: the JupyterLite site in Chromium, with no Jupyter server anywhere: builds the
 * site (`npm run lite`; `--no-build` reuses lite/dist), serves it on 127.0.0.1 with the
 * cross-origin isolation headers, then
 *  - opens the welcome notebook, runs all cells on the browser kernel, and checks that seqgrad's
 *    renderers drew the figures and that a display handle updated its output in place;
 *  - asks the kernel for completions and a tooltip;
 *  - interrupts a training loop (it stops between steps; the kernel keeps its variables), and a
 *    busy loop that never checks for interrupts (the worker is restarted, with a message);
 *  - runs a lecture notebook in quick mode to the end, reading its data file from the site.
 * Prints `N passed, N failed`; screenshots go to test-artifacts/lite/.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT, Suite, TIMEOUT, check, launchBrowser, testConsoleClean, watchConsole } from "../browser/harness.mjs";
import { serveSite } from "../../lite/scripts/serve.mjs";
import { INTERRUPT_NOTEBOOK } from "./interrupt-notebook.mjs";

const SITE = join(ROOT, "lite", "dist");
const SHOTS = join(ROOT, "test-artifacts", "lite");
/** A lecture notebook that reads a bundled corpus (tiny Shakespeare) and checks its results. */
const LECTURE = "12-elmo.ipynb";

mkdirSync(SHOTS, { recursive: true });
const shot = (page, name) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

/** Runs a command of the lab (JupyterLite exposes the application as `jupyterapp`). */
const command = (page, id, args = {}) => page.evaluate(([c, a]) => window.jupyterapp.commands.execute(c, a), [id, args]);

/**
 * Opens the site at `url` and makes the notebook `path` the current widget: the lab also restores
 * the notebooks of the page's last visit (from the browser's storage), and one of them may come
 * out on top.
 */
async function openNotebook(page, url, path = "00-welcome.ipynb") {
  await page.goto(url, { timeout: TIMEOUT });
  await page.waitForSelector("body[data-seqgrad-lite=ready]", { state: "attached", timeout: TIMEOUT });
  await page.waitForSelector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell", { timeout: TIMEOUT });
  await page.evaluate((p) => window.jupyterapp.commands.execute("docmanager:open", { path: p }), path);
  await page.waitForFunction((p) => window.jupyterapp.shell.currentWidget?.context?.path === p, path, { timeout: TIMEOUT });
  await kernelIdle(page);
}

/** Waits until the current notebook's kernel (the seqgrad one) is idle. */
function kernelIdle(page, timeout = TIMEOUT) {
  return page.waitForFunction(() => {
    const kernel = window.jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel;
    return kernel?.name === "seqgrad" && kernel.status === "idle";
  }, null, { timeout });
}

/** Runs every cell and waits until each code cell has an execution count and the kernel is idle. */
async function runAll(page, timeout) {
  // not awaited: the command resolves when the last cell has run, with no time limit of its own
  void command(page, "notebook:run-all-cells").catch(() => {});
  await waitForAllRun(page, timeout).catch(async (error) => {
    await shot(page, "run-all-timeout");
    const state = await page.evaluate(() => {
      const panel = window.jupyterapp.shell.currentWidget;
      const counts = panel.content.widgets.filter((c) => c.model.type === "code").map((c) => c.model.executionCount);
      return `kernel ${panel.sessionContext.session?.kernel?.status}; execution counts ${JSON.stringify(counts)}`;
    });
    throw new Error(`${error.message}\n${state}`);
  });
}

function waitForAllRun(page, timeout) {
  return page.waitForFunction(() => {
    const panel = window.jupyterapp.shell.currentWidget;
    const cells = panel?.content?.widgets ?? [];
    const code = cells.filter((c) => c.model.type === "code");
    const idle = panel.sessionContext.session?.kernel?.status === "idle";
    // run-all stops at a failing cell: its error ends the wait too (the caller reports it)
    const failed = code.some((c) => c.model.outputs.toJSON().some((o) => o.output_type === "error"));
    return idle && code.length > 0 && (failed || code.every((c) => typeof c.model.executionCount === "number"));
  }, null, { timeout, polling: 500 });
}

/** The error outputs of the current notebook, as text. */
function errorOutputs(page) {
  return page.evaluate(() =>
    window.jupyterapp.shell.currentWidget.content.widgets.flatMap((cell, index) =>
      cell.model.type !== "code" ? [] : cell.model.outputs.toJSON().filter((o) => o.output_type === "error").map((o) => `cell ${index}: ${o.ename}: ${o.evalue}`),
    ),
  );
}

function drawnKinds(page) {
  return page.evaluate(() => [...document.querySelectorAll(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output.jp-seqgrad-figure")].map((n) => n.getAttribute("data-mime-type") ?? ""));
}

/** The outputs of code cell `index` of the current notebook (nbformat JSON). */
function outputsOf(page, index) {
  return page.evaluate((i) => window.jupyterapp.shell.currentWidget.content.widgets[i].model.outputs.toJSON(), index);
}

/** Runs cell `index` of the current notebook and waits for its execution count. */
async function runCell(page, index, timeout = TIMEOUT) {
  await page.evaluate((i) => {
    const panel = window.jupyterapp.shell.currentWidget;
    panel.content.activeCellIndex = i;
    panel.content.widgets[i].model.executionCount = null;
  }, index);
  void command(page, "notebook:run-cell").catch(() => {});
  await page.waitForFunction((i) => typeof window.jupyterapp.shell.currentWidget.content.widgets[i].model.executionCount === "number", index, { timeout });
}

/**
 * Runs the interrupt notebook's training cell (live curves, a million steps) and interrupts it:
 * it must stop between steps, and the next cell must still see the model.
 */
async function interruptTraining(page, siteUrl, name) {
  await page.evaluate((content) => window.jupyterapp.serviceManager.contents.save("interrupt.ipynb", { type: "notebook", format: "json", content }), INTERRUPT_NOTEBOOK);
  await openNotebook(page, `${siteUrl}lab/index.html?path=interrupt.ipynb`, "interrupt.ipynb");
  await runCell(page, 0);
  void runCell(page, 1, 3 * TIMEOUT).catch(() => {});
  await page.waitForFunction(() => window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel?.status === "busy", null, { timeout: TIMEOUT });
  // live curves: one display, updated in place while the loop runs
  const curvesStep = () =>
    page.evaluate(() => {
      const outputs = window.jupyterapp.shell.currentWidget.content.widgets[1].model.outputs.toJSON();
      const shown = outputs.filter((o) => o.output_type === "display_data" && "application/vnd.seqgrad.curves.v1+json" in o.data);
      return { displays: shown.length, text: shown.length === 1 ? String(shown[0].data["text/plain"]) : "" };
    });
  await page.waitForFunction(() => JSON.stringify(window.jupyterapp.shell.currentWidget.content.widgets[1].model.outputs.toJSON()).includes("curves.v1+json"), null, { timeout: TIMEOUT });
  const first = await curvesStep();
  await page.waitForTimeout(2500);
  const later = await curvesStep();
  check(first.displays === 1 && later.displays === 1, `expected one live curves display, got ${first.displays} then ${later.displays}`);
  check(first.text !== later.text, `the live curves were not updated in place: "${first.text}" then "${later.text}"`);
  // a page screenshot clipped to the cell: an element screenshot waits for the cell to stop changing
  const box = await page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell").nth(1).boundingBox();
  if (box !== null) await page.screenshot({ path: join(SHOTS, `${name}-live-curves.png`), clip: box });
  const running = await page.evaluate(() => window.jupyterapp.shell.currentWidget.content.widgets[1].model.executionCount === null);
  check(running, "the training cell ended before the interrupt; expected a run of a million steps");
  const t0 = Date.now();
  await command(page, "kernelmenu:interrupt");
  await page.waitForFunction(() => typeof window.jupyterapp.shell.currentWidget.content.widgets[1].model.executionCount === "number", null, { timeout: TIMEOUT });
  console.log(`       the training loop stopped ${Date.now() - t0} ms after the interrupt (${name})`);
  await kernelIdle(page);
  await runCell(page, 2);
  const out = await outputsOf(page, 2);
  const text = JSON.stringify(out);
  check(/aborted after \d+ steps; model still here: true/.test(text), `after the interrupt: ${text.slice(0, 400)}`);
  await shot(page, `${name}-interrupt-training`);
}

/** Interrupts the busy loop: the worker restarts with an error matching `reason`; the next cell runs. */
async function interruptBusyLoop(page, name, reason) {
  void runCell(page, 3, 3 * TIMEOUT).catch(() => {});
  await page.waitForTimeout(1500);
  await command(page, "kernelmenu:interrupt");
  await page.waitForFunction(() => typeof window.jupyterapp.shell.currentWidget.content.widgets[3].model.executionCount === "number", null, { timeout: TIMEOUT });
  const busy = JSON.stringify(await outputsOf(page, 3));
  check(/the kernel was restarted/.test(busy) && reason.test(busy), `the busy cell's output: ${busy.slice(0, 400)}`);
  await kernelIdle(page);
  await runCell(page, 4);
  const after = JSON.stringify(await outputsOf(page, 4));
  check(after.includes("after interrupt: 42"), `the cell after the restart: ${after.slice(0, 300)}`);
  await shot(page, `${name}-interrupt-busy-loop`);
}

function build() {
  const r = spawnSync("npm", ["run", "--silent", "lite"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (r.status !== 0) throw new Error(`test:lite: npm run lite failed with exit code ${r.status}\n${r.stdout}\n${r.stderr}`);
}

async function main() {
  const started = Date.now();
  const suite = new Suite("lite");
  console.log("lite (JupyterLite site, browser kernel, no server)");
  if (!process.argv.includes("--no-build")) await suite.test("npm run lite builds the site", async () => build());
  // published in a folder, as on most static hosts
  const server = await serveSite(SITE, { folder: "course" });
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const problems = watchConsole(page);
  // which resource a "Failed to load resource" error names (workers' requests have no response event)
  page.on("console", (m) => {
    if (m.type() === "error" && m.location()?.url) problems.push(`  at ${m.location().url}`);
  });
  page.setDefaultTimeout(TIMEOUT);
  try {
    await suite.test("the site's address opens the welcome notebook on the seqgrad kernel, cross-origin isolated", async () => {
      await openNotebook(page, server.url);
      const path = await page.evaluate(() => window.jupyterapp.shell.currentWidget.context.path);
      check(path === "00-welcome.ipynb", `expected the welcome notebook, got "${path}"`);
      check(await page.evaluate(() => window.crossOriginIsolated === true), "the page is not cross-origin isolated");
      const name = await page.evaluate(() => window.jupyterapp.shell.currentWidget.sessionContext.kernelDisplayName);
      check(name === "TypeScript (seqgrad)", `expected the kernel "TypeScript (seqgrad)", got "${name}"`);
    });

    await suite.test("run all: every cell runs in the browser and seqgrad's renderers draw the figures", async () => {
      const t0 = Date.now();
      await runAll(page, 3 * TIMEOUT);
      console.log(`       welcome notebook ran in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      const errors = await errorOutputs(page);
      check(errors.length === 0, `error outputs:\n${errors.join("\n")}`);
      const kinds = await drawnKinds(page);
      for (const kind of ["tensor", "graph"]) check(kinds.includes(`application/vnd.seqgrad.${kind}.v1+json`), `no ${kind} figure drawn; drawn: ${kinds.join(", ")}`);
      const cells = await page.evaluate(() => window.jupyterapp.shell.currentWidget.content.widgets.map((c) => c.model.toJSON()));
      const rnnCell = cells.findIndex((c) => String(c.source).includes("new nn.RNN"));
      const rnnOut = cells[rnnCell].outputs;
      check(rnnOut.some((o) => o.output_type === "stream" && o.text.includes("output [5,2,4]")), `console.log did not print the shapes: ${JSON.stringify(rnnOut).slice(0, 300)}`);
      check(rnnOut.some((o) => o.output_type === "execute_result" && "text/html" in o.data), "the module's table is missing");
      const live = cells.findIndex((c) => String(c.source).includes("display(h)"));
      const liveOut = cells[live].outputs;
      check(liveOut.length === 1 && liveOut[0].output_type === "display_data", `the display handle should leave one output updated in place, got ${liveOut.length}`);
      await page.evaluate(() => window.jupyterapp.shell.currentWidget.content.widgets.at(-1).node.scrollIntoView());
      await shot(page, "welcome-run-all");
    });

    await suite.test("completion and inspection come from the TypeScript language service in the worker", async () => {
      const reply = await page.evaluate(async () => {
        const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
        const complete = await kernel.requestComplete({ code: "nn.LS", cursor_pos: 5 });
        const earlier = await kernel.requestComplete({ code: "rn", cursor_pos: 2 });
        const inspect = await kernel.requestInspect({ code: "new nn.LSTM(", cursor_pos: 9, detail_level: 0 });
        return { matches: complete.content.matches, earlier: earlier.content.matches, inspect: inspect.content };
      });
      check(reply.matches.includes("LSTM") && reply.matches.includes("LSTMCell"), `completions of nn.LS: ${reply.matches.join(", ")}`);
      check(reply.earlier.includes("rnn"), `a name from an earlier cell does not complete: ${reply.earlier.slice(0, 20).join(", ")}`);
      check(reply.inspect.found === true && /LSTM/.test(reply.inspect.data["text/plain"] ?? ""), `inspection of nn.LSTM: ${JSON.stringify(reply.inspect).slice(0, 300)}`);
    });

    await suite.test("interrupt stops a training loop between steps and keeps the kernel's variables", async () => {
      await interruptTraining(page, server.url, "isolated");
    });

    await suite.test("interrupting a loop that never checks restarts the worker, says so, and the next cell runs", async () => {
      await interruptBusyLoop(page, "isolated", /did not stop within 3 s/);
    });

    await suite.test(`the lecture notebook ${LECTURE} runs to the end in quick mode, reading its corpus from the site`, async () => {
      await openNotebook(page, `${server.url}lab/index.html?path=${LECTURE}&SEQGRAD_QUICK=1`, LECTURE);
      const t0 = Date.now();
      await runAll(page, 5 * TIMEOUT);
      console.log(`       ${LECTURE} ran in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      const errors = await errorOutputs(page);
      check(errors.length === 0, `error outputs:\n${errors.join("\n")}`);
      await page.evaluate(() => window.jupyterapp.shell.currentWidget.content.widgets.at(-1).node.scrollIntoView());
      await shot(page, "lecture-quick");
    });

    await suite.test("on a host without the isolation headers, interrupt still stops the training loop (it awaits), and a busy loop restarts the worker", async () => {
      const plainServer = await serveSite(SITE, { folder: "plain", isolate: false });
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const plainPage = await context.newPage();
      plainPage.setDefaultTimeout(TIMEOUT);
      try {
        await openNotebook(plainPage, plainServer.url);
        check(await plainPage.evaluate(() => window.crossOriginIsolated === false), "the page without the headers is cross-origin isolated");
        await interruptTraining(plainPage, plainServer.url, "plain");
        await interruptBusyLoop(plainPage, "plain", /not cross-origin isolated/);
      } finally {
        await context.close();
        await plainServer.close();
      }
    });

    // The test opens the site's address again for each scenario; a page load still under way
    // is then cancelled by the browser (net::ERR_ABORTED on the site's own address). That is the
    // test navigating, not a failed request of the site.
    await testConsoleClean(suite, problems, (p) => p === `requestfailed: ${server.url} net::ERR_ABORTED`);
  } finally {
    await page.close();
    await browser.close();
    await server.close();
  }
  console.log(`test:lite took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`${suite.passed} passed, ${suite.failed} failed`);
  process.exit(suite.failed === 0 ? 0 : 1);
}

await main();
