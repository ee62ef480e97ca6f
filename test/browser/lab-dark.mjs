/**
 * Every figure kind in the assembled lab under JupyterLab's dark theme: a notebook whose saved
 * outputs are the library's figures (one of each kind) is opened, the theme switched with the
 * lab's own command (`apputils:change-theme`), and each figure kept as a screenshot in
 * test-artifacts/browser/dark/. Every text a figure prints on the page's background (titles,
 * labels, ticks, legends, notes) must read on it: a contrast ratio of at least 3 (WCAG's floor for
 * large text and graphics) between its painted ink and the background it sits on.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ARTIFACTS, Suite, TIMEOUT, check, testConsoleClean, watchConsole } from "./harness.mjs";
import { startLab } from "./lab-server.mjs";
import { command, openNotebook, prepareDataDir } from "./lab.mjs";

const require = createRequire(import.meta.url);
const { makeAll } = require("./library-figures.cjs");

const NOTEBOOK = "dark-gallery.ipynb";
const OUT = join(ARTIFACTS, "dark");
/** Least contrast ratio between a text's ink and the background behind it. */
const MIN_CONTRAST = 3;

/** A notebook of one code cell per figure, each with the figure's bundle as its saved output. */
function galleryNotebook(figures) {
  const cells = Object.entries(figures).map(([name, bundle]) => ({
    cell_type: "code",
    execution_count: null,
    metadata: {},
    source: [`// ${name}`],
    outputs: [{ output_type: "display_data", metadata: {}, data: Object.fromEntries(Object.entries(bundle).filter(([mime]) => mime !== "image/png")) }],
  }));
  return { nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: "seqgrad", display_name: "seqgrad (TypeScript)", language: "typescript" } }, cells };
}

/**
 * In the page: each text of figure output `i` whose ink reads poorly on what is behind it, as
 * "text: ink on background (ratio)". Behind a text is the fill of the nearest shape under its
 * centre that the figure painted (a node's box), else the output's background; values printed in
 * heat-map cells are left out (their ink is chosen against each cell's colour).
 */
function poorTexts(node, min) {
  const parse = (c) => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c ?? "");
    return m === null ? null : { r: +m[1], g: +m[2], b: +m[3], a: m[4] === undefined ? 1 : +m[4] };
  };
  const over = (top, base) => ({ r: top.r * top.a + base.r * (1 - top.a), g: top.g * top.a + base.g * (1 - top.a), b: top.b * top.a + base.b * (1 - top.a), a: 1 });
  const lum = ({ r, g, b }) => {
    const f = (v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
  // the page's background where the output sits
  let page = { r: 255, g: 255, b: 255, a: 1 };
  for (let el = node; el !== null; el = el.parentElement) {
    const c = parse(getComputedStyle(el).backgroundColor);
    if (c !== null && c.a > 0) {
      page = over(c, { r: 255, g: 255, b: 255, a: 1 });
      break;
    }
  }
  // heat-map cells (plotly draws them as one image, under no pointer): the library chose the ink of
  // the values printed in them against each cell's colour
  const cells = [...node.querySelectorAll(".heatmaplayer image")].map((im) => im.getBoundingClientRect());
  const inCells = (x, y) => cells.some((c) => x >= c.left && x <= c.right && y >= c.top && y <= c.bottom);
  const out = [];
  for (const t of node.querySelectorAll("text, .jp-seqgrad-heading-title, .jp-seqgrad-heading-subtitle, .jp-seqgrad-saved-note")) {
    const text = (t.textContent ?? "").trim();
    if (text.length === 0) continue;
    const r = t.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const s = getComputedStyle(t);
    if (s.visibility === "hidden" || s.display === "none") continue;
    if (inCells((r.left + r.right) / 2, (r.top + r.bottom) / 2)) continue;
    // what is painted behind the text's centre: the topmost filled shape under it, else the page
    let behind = page;
    const stack = document.elementsFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
    for (const el of stack) {
      if (el === t || t.contains(el) || el.tagName === "text" || el.tagName === "tspan") continue;
      if (!(el instanceof SVGElement) || !["rect", "path", "polygon", "circle", "ellipse"].includes(el.tagName)) {
        if (el instanceof SVGSVGElement || !node.contains(el)) break;
        continue;
      }
      const es = getComputedStyle(el);
      const fill = parse(es.fill);
      if (fill === null) continue;
      const a = fill.a * Number(es.fillOpacity) * Number(es.opacity);
      if (a < 0.5) continue;
      behind = over({ ...fill, a }, page);
      break;
    }
    const ink = parse(s.fill !== "" && t instanceof SVGElement ? s.fill : s.color);
    if (ink === null) continue;
    const alpha = ink.a * (t instanceof SVGElement ? Number(s.fillOpacity) : 1) * Number(s.opacity);
    const painted = over({ ...ink, a: alpha }, behind);
    const k = ratio(painted, behind);
    if (k < min) out.push(`${text.slice(0, 30)}: ${s.fill || s.color} on rgb(${Math.round(behind.r)}, ${Math.round(behind.g)}, ${Math.round(behind.b)}) (${k.toFixed(2)})`);
  }
  return out;
}

/** Writes the gallery notebook (every figure kind of the library as saved outputs) into `dir`; its figures' names. */
export function writeDarkGallery(dir) {
  const figures = makeAll();
  writeFileSync(join(dir, NOTEBOOK), JSON.stringify(galleryNotebook(figures)));
  return Object.keys(figures);
}

/**
 * The dark-theme tests on a running lab whose root holds the gallery notebook: open it, switch to
 * JupyterLab Dark, and check each figure; the theme is switched back to JupyterLab Light after.
 */
export async function testDarkGallery(suite, page, lab, names) {
  mkdirSync(OUT, { recursive: true });
  await suite.test("dark theme: the gallery of every figure kind opens and the lab switches to JupyterLab Dark", async () => {
    await openNotebook(page, `${lab.url}/lab/tree/${NOTEBOOK}?token=${lab.token}`);
    await command(page, "apputils:change-theme", { theme: "JupyterLab Dark" });
    await page.waitForFunction(() => document.body.dataset.jpThemeLight === "false", null, { timeout: TIMEOUT });
    await page.waitForFunction((n) => document.querySelectorAll(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output.jp-seqgrad-figure").length >= n, names.length, { timeout: TIMEOUT });
  });
  for (const [i, name] of names.entries()) {
    await suite.test(`dark theme: ${name} is drawn with every text readable on its background`, async () => {
      const output = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output.jp-seqgrad-figure").nth(i);
      await output.scrollIntoViewIfNeeded();
      await output.locator(".main-svg, svg.jp-seqgrad-svg, img.jp-seqgrad-image, .jp-seqgrad-scalar, .jp-seqgrad-error").first().waitFor({ state: "attached" });
      // a redraw after the theme change (plotly and the SVG renderers recolour on it)
      await page.waitForTimeout(300);
      check((await output.locator(".jp-seqgrad-error").count()) === 0, `${name}: error box shown`);
      await output.screenshot({ path: join(OUT, `${String(i).padStart(2, "0")}-${name}.png`) });
      const poor = await output.evaluate(poorTexts, MIN_CONTRAST);
      check(poor.length === 0, `${name}: ${poor.length} texts read poorly on their background: ${poor.slice(0, 4).join("; ")}`);
    });
  }
  await command(page, "apputils:change-theme", { theme: "JupyterLab Light" });
}

/** The dark-theme tests alone, on a lab of their own (`node test/browser/run.mjs dark`; the lab suite runs them too). */
export async function runLabDark(browser) {
  const suite = new Suite("dark theme in the lab");
  console.log("dark theme (assembled JupyterLab, every figure kind)");
  const scratch = mkdtempSync(join(tmpdir(), "seqgrad-dark-"));
  const notebooks = join(scratch, "notebooks");
  mkdirSync(notebooks);
  const names = writeDarkGallery(notebooks);
  let lab = null;
  const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
  const problems = watchConsole(page);
  page.setDefaultTimeout(TIMEOUT);
  try {
    await suite.test("the lab starts", async () => {
      lab = await startLab({ rootDir: notebooks, dataDir: prepareDataDir(scratch), configDir: join(scratch, "config"), runtimeDir: join(scratch, "runtime") });
    });
    if (lab !== null) await testDarkGallery(suite, page, lab, names);
    await testConsoleClean(suite, problems);
  } finally {
    await page.close();
    if (lab !== null) await lab.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
  return suite;
}
