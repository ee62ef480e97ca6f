// `npm run test:handouts`: turns the notebooks executed by `test:notebooks` (test-artifacts/executed/)
// into HTML handouts with nbconvert, opens each in Chromium, and checks that every output that
// carries a seqgrad figure shows it from its static SVG fallback (no extension, no scripts).
// Screenshots go to test-artifacts/handouts/. Prints `N passed, N failed`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launchBrowser } from "../browser/harness.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const executed = join(root, "test-artifacts", "executed");
const out = join(root, "test-artifacts", "handouts");
const python = process.env.SEQGRAD_PYTHON ?? "/usr/bin/python3";
const SEQGRAD_MIME = /^application\/vnd\.seqgrad\.[a-z]+\.v\d+\+json$/;

mkdirSync(out, { recursive: true });
const notebooks = existsSync(executed) ? readdirSync(executed).filter((f) => f.endsWith(".ipynb")).sort() : [];
let passed = 0;
let failed = 0;
if (notebooks.length === 0) {
  console.error("test:handouts: no executed notebooks in test-artifacts/executed; run npm run test:notebooks first");
  failed++;
}

const browser = notebooks.length > 0 ? await launchBrowser() : null;
try {
  for (const file of notebooks) {
    const stem = basename(file, ".ipynb");
    try {
      await checkHandout(join(executed, file), stem);
      passed++;
      console.log(`ok   ${stem}`);
    } catch (error) {
      failed++;
      console.log(`FAIL ${stem}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
} finally {
  await browser?.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

/** Converts one executed notebook and compares its figure outputs with the SVGs the page shows. */
async function checkHandout(notebook, stem) {
  const nb = JSON.parse(readFileSync(notebook, "utf8"));
  const expected = figureOutputs(nb);
  const convert = spawnSync(python, ["-m", "nbconvert", "--to", "html", "--output-dir", out, "--output", stem, notebook], { encoding: "utf8" });
  if (convert.status !== 0) throw new Error(`nbconvert failed: ${convert.stderr.slice(-500)}`);
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  try {
    await page.goto(pathToFileURL(join(out, `${stem}.html`)).href, { waitUntil: "load" });
    const shown = await page.evaluate(() => {
      const outputs = [...document.querySelectorAll(".jp-OutputArea-output, .output_subarea")];
      return outputs
        .map((o) => [...o.querySelectorAll(":scope svg")].filter((s) => !s.parentElement?.closest("svg")))
        .filter((svgs) => svgs.length > 0)
        .map((svgs) => svgs.every((s) => {
          const box = s.getBoundingClientRect();
          return box.width > 20 && box.height > 20;
        }));
    });
    const visible = shown.filter(Boolean).length;
    if (shown.length !== expected || visible !== expected) {
      throw new Error(`expected ${expected} figure outputs drawn from their SVG fallbacks; got ${shown.length} outputs with SVG, ${visible} of them visible`);
    }
    const highlighted = await page.locator(".highlight .kd, .highlight .k").count();
    if (highlighted === 0) throw new Error("expected TypeScript syntax highlighting in code cells; got none");
    if (errors.length > 0) throw new Error(`page errors: ${errors.join("; ")}`);
    await page.screenshot({ path: join(out, `${stem}.png`), fullPage: true });
    console.log(`     ${stem}: ${expected} figures`);
  } finally {
    await page.close();
  }
}

/** Outputs whose bundle carries a seqgrad figure MIME type. */
function figureOutputs(nb) {
  let n = 0;
  for (const cell of nb.cells ?? []) {
    for (const output of cell.outputs ?? []) {
      if (Object.keys(output.data ?? {}).some((mime) => SEQGRAD_MIME.test(mime))) n++;
    }
  }
  return n;
}
