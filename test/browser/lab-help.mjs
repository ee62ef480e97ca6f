/**
 * Help where the cursor is, in the assembled lab on the seqgrad kernel, as a user presses the
 * keys: Shift+Tab right after `(` shows the tooltip with the class's documentation and options,
 * and Tab after `nn.L` opens the completer (no fallback) with kind badges and the selected item's
 * documentation.
 * Screenshots go to test-artifacts/browser/.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Suite, TIMEOUT, check, shot, testConsoleClean, watchConsole } from "./harness.mjs";
import { command, kernelIdle, openNotebook, prepareDataDir } from "./lab.mjs";
import { startLab } from "./lab-server.mjs";

const NOTEBOOK = "help.ipynb";

/** A notebook whose first cell imports seqgrad and whose second is empty, for typing. */
function helpNotebook() {
  const cell = (source) => ({ cell_type: "code", execution_count: null, metadata: {}, outputs: [], source });
  return {
    cells: [cell('import { nn, viz } from "seqgrad";'), cell("")],
    metadata: {
      kernelspec: { name: "seqgrad", display_name: "TypeScript (seqgrad)", language: "typescript" },
      language_info: { name: "typescript" },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/** Runs the import cell, then puts the cursor into the empty cell in edit mode. */
async function editEmptyCell(page) {
  await kernelIdle(page);
  await command(page, "notebook:run-all-cells");
  await page.waitForFunction(() => document.querySelector(".jp-CodeCell .jp-InputPrompt")?.textContent?.includes("[1]"), null, { timeout: TIMEOUT });
  await page.locator(".jp-CodeCell").nth(1).locator(".cm-content").click();
}

async function typeIntoCell(page, text) {
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Backspace");
  await page.keyboard.type(text, { delay: 20 });
}

export async function runLabHelp(browser) {
  const suite = new Suite("help");
  console.log("help (Shift+Tab and Tab in the assembled lab)");
  const scratch = mkdtempSync(join(tmpdir(), "seqgrad-help-"));
  const notebooks = join(scratch, "notebooks");
  mkdirSync(notebooks);
  writeFileSync(join(notebooks, NOTEBOOK), JSON.stringify(helpNotebook(), null, 1));
  let lab = null;
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const problems = watchConsole(page);
  page.setDefaultTimeout(TIMEOUT);
  try {
    await suite.test("Shift+Tab right after `new nn.LSTM(` shows the class, its documentation and its options", async () => {
      const dataDir = prepareDataDir(scratch);
      lab = await startLab({ rootDir: notebooks, dataDir, configDir: join(scratch, "config"), runtimeDir: join(scratch, "runtime") });
      await openNotebook(page, `${lab.url}/lab/tree/${NOTEBOOK}?token=${lab.token}`);
      await editEmptyCell(page);
      await typeIntoCell(page, "const lstm = new nn.LSTM(");
      await page.keyboard.press("Shift+Tab");
      const tooltip = page.locator(".jp-Tooltip");
      await tooltip.waitFor({ timeout: TIMEOUT });
      const text = await tooltip.innerText();
      check(text.includes("class nn.LSTM"), `the tooltip does not name the class; got ${text.slice(0, 200)}`);
      check(text.includes("hiddenSize"), `the tooltip lists no options; got ${text.slice(0, 400)}`);
      check((await tooltip.locator("table").count()) === 1, "the options are not drawn as a markdown table");
      await shot(page, "help-tooltip");
      await page.keyboard.press("Escape");
    });

    await suite.test("Tab after `nn.L` opens the completer with kind badges and the documentation of the selected item", async () => {
      await typeIntoCell(page, "nn.L");
      const pressed = Date.now();
      await page.keyboard.press("Tab");
      // JupyterLab drops a completion that takes more than 1 s (providerTimeout): the completer
      // then never opens. The kernel builds its language services before the first Tab.
      const opened = await page
        .waitForFunction(() => document.querySelector(".jp-Completer:not(.lm-mod-hidden) .jp-Completer-item") !== null, null, { timeout: 10000 })
        .then(() => true, () => false);
      const text = await page.locator(".jp-CodeCell").nth(1).locator(".cm-content").innerText();
      check(opened, `Tab did not open the completer within 10 s; the cell reads ${JSON.stringify(text)}`);
      console.log(`       (the completer opened ${Date.now() - pressed} ms after Tab)`);
      check(text === "nn.L", `Tab changed the cell; expected "nn.L", got ${JSON.stringify(text)}`);
      const completer = page.locator(".jp-Completer");
      await completer.waitFor({ timeout: TIMEOUT });
      await page.waitForFunction(() => document.querySelectorAll(".jp-Completer-item .jp-Completer-type").length > 0, null, { timeout: TIMEOUT });
      const badges = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll(".jp-Completer-item")].map((item) => [item.querySelector(".jp-Completer-match")?.textContent ?? "", item.querySelector(".jp-Completer-type")?.getAttribute("data-type") ?? item.querySelector(".jp-Completer-type")?.textContent ?? ""])));
      check(badges["LSTM"] !== undefined && badges["LSTM"] !== "", `no badge on LSTM; got ${JSON.stringify(badges)}`);
      await page.locator(".jp-Completer-docpanel").waitFor({ timeout: TIMEOUT });
      const docs = await page.locator(".jp-Completer-docpanel").innerText();
      check(docs.length > 20, `the documentation panel is empty; got ${docs}`);
      await shot(page, "help-completer");
      await page.keyboard.press("Escape");
    });

    await testConsoleClean(suite, problems);
  } finally {
    await page.close();
    if (lab !== null) await lab.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
  return suite;
}
