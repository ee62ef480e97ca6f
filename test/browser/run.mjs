/**
 * `npm run test:browser`: the browser tests against the built extension and lab (run
 * `npm run build:extension` first; `npm run test:browser:full` does both). Prints
 * `N passed, N failed`; screenshots go to test-artifacts/browser/.
 * `node test/browser/run.mjs [renderers] [side-by-side] [fit] [notebooks] [lab] [help]` runs only those;
 * `notebooks-all` (on request only) compares every figure of the executed notebooks.
 * `SEQGRAD_BROWSER_GREP=pattern` runs only the tests whose title matches it.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { LAB_BUILD, launchBrowser } from "./harness.mjs";
import { runRenderers } from "./renderers.mjs";
import { runLab } from "./lab.mjs";
import { runLabHelp } from "./lab-help.mjs";
import { runLabDark } from "./lab-dark.mjs";
import { runSideBySide } from "./side-by-side.mjs";
import { runFitColumn } from "./fit-column.mjs";
import { runNotebookGallery } from "./notebook-gallery.mjs";

if (!existsSync(join(LAB_BUILD, "rendermime-page.html")) || !existsSync(join(LAB_BUILD, "bundle.js"))) {
  console.error("test:browser: the lab is not built; expected extension/lab/build/, got nothing (run npm run build:extension)");
  console.log("0 passed, 1 failed");
  process.exit(1);
}

const only = process.argv.slice(2);
const browser = await launchBrowser();
const suites = [];
try {
  if (only.length === 0 || only.includes("renderers")) suites.push(await runRenderers(browser));
  if (only.length === 0 || only.includes("side-by-side")) suites.push(await runSideBySide(browser));
  if (only.length === 0 || only.includes("fit")) suites.push(await runFitColumn(browser));
  if (only.length === 0 || only.includes("notebooks")) suites.push(await runNotebookGallery(browser));
  // every figure of the executed notebooks in test-artifacts/executed (after npm run test:notebooks), on request only
  if (only.includes("notebooks-all")) suites.push(await runNotebookGallery(browser, { all: true }));
  if (only.length === 0 || only.includes("lab")) suites.push(await runLab(browser));
  if (only.length === 0 || only.includes("help")) suites.push(await runLabHelp(browser));
  // the lab suite checks the dark theme too; alone on request
  if (only.includes("dark")) suites.push(await runLabDark(browser));
} finally {
  await browser.close();
}
const passed = suites.reduce((n, s) => n + s.passed, 0);
const failed = suites.reduce((n, s) => n + s.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
