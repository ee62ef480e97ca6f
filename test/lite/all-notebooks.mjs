/**
 * `node test/lite/all-notebooks.mjs [PREFIX ...]`: runs every course notebook (or those whose name
 * starts with a PREFIX, e.g. `07 13`) in quick mode on the built JupyterLite site (`npm run lite`
 * first), each in a fresh browser context, and prints one line per notebook with its errors and
 * time, then `N passed, N failed`. Not part of `npm test` (about 4 minutes for all of them here).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT, TIMEOUT, launchBrowser } from "../browser/harness.mjs";
import { serveSite } from "../../lite/scripts/serve.mjs";

const SITE = join(ROOT, "lite", "dist");
const only = process.argv.slice(2);
const notebooks = readdirSync(join(SITE, "files"))
  .filter((name) => name.endsWith(".ipynb") && (only.length === 0 || only.some((prefix) => name.startsWith(prefix))))
  .sort();

/** Runs all cells of `name`; resolves to its error outputs (empty when it ran to the end). */
async function runNotebook(page, url, name) {
  await page.goto(`${url}lab/index.html?path=${name}&SEQGRAD_QUICK=1`, { timeout: TIMEOUT });
  await page.waitForSelector("body[data-seqgrad-lite=ready]", { state: "attached", timeout: TIMEOUT });
  await page.waitForFunction((n) => window.jupyterapp.shell.currentWidget?.context?.path === n, name, { timeout: TIMEOUT });
  await page.waitForFunction(() => window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel?.status === "idle", null, { timeout: TIMEOUT });
  void page.evaluate(() => window.jupyterapp.commands.execute("notebook:run-all-cells")).catch(() => {});
  await page.waitForFunction(() => {
    const panel = window.jupyterapp.shell.currentWidget;
    const code = panel.content.widgets.filter((c) => c.model.type === "code");
    const failed = code.some((c) => c.model.outputs.toJSON().some((o) => o.output_type === "error"));
    const idle = panel.sessionContext.session?.kernel?.status === "idle";
    return idle && (failed || code.every((c) => typeof c.model.executionCount === "number"));
  }, null, { timeout: 5 * TIMEOUT, polling: 1000 });
  return page.evaluate(() =>
    window.jupyterapp.shell.currentWidget.content.widgets.flatMap((cell, index) =>
      cell.model.type !== "code" ? [] : cell.model.outputs.toJSON().filter((o) => o.output_type === "error").map((o) => `cell ${index}: ${o.ename}: ${o.evalue}`),
    ),
  );
}

const server = await serveSite(SITE);
const browser = await launchBrowser();
let passed = 0;
let failed = 0;
try {
  for (const name of notebooks) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const started = Date.now();
    let errors;
    try {
      errors = await runNotebook(page, server.url, name);
    } catch (error) {
      errors = [String(error.message).split("\n")[0]];
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    if (errors.length === 0) passed += 1;
    else failed += 1;
    console.log(`  ${errors.length === 0 ? "ok  " : "FAIL"} ${name} (${seconds} s)${errors.map((e) => `\n       ${e.slice(0, 400)}`).join("")}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
