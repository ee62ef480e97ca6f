/**
 * A chart wider than the lab's output column (gradient flow with its parameter panel, about 900 px)
 * is scaled down to the column, as the static SVG scales to the page: nothing scrolls sideways,
 * every legend, panel and axis text shows inside the column, hover and box zoom still hit the
 * right data, the scale follows the column when it is resized, it never goes above 1, and below
 * the least scale (tick labels of 7 px) the chart scrolls sideways instead of shrinking further.
 * Heat maps (a 3-D tensor's slices) are fitted the same way. Screenshots in test-artifacts/browser/fit-column/.
 */
import { createRequire } from "node:module";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ARTIFACTS, LAB_BUILD, Suite, TIMEOUT, check, serveStatic } from "./harness.mjs";

const require = createRequire(import.meta.url);
const { makeAll } = require("./library-figures.cjs");
const sg = require("seqgrad");

const OUT = join(ARTIFACTS, "fit-column");
/** The least scale the lab draws a fitted chart at (7 px tick labels of 11 px; extension/src/draw/plot-view.ts). */
const MIN_SCALE = 7 / 11;

/** What the fitted chart looks like now: its scale, boxes that scroll or cut sideways, texts outside the column. */
function readFit(section) {
  const lab = section.querySelector(".jp-seqgrad-figure");
  const plot = lab.querySelector(".js-plotly-plot");
  const col = lab.getBoundingClientRect();
  const main = plot.querySelector(".main-svg").getBoundingClientRect();
  const texts = [...plot.querySelectorAll("text")].filter((t) => (t.textContent ?? "").length > 0 && t.closest(".hoverlayer") === null);
  return {
    column: col.width,
    width: plot._fullLayout.width,
    scale: main.width / plot._fullLayout.width,
    scrollers: [lab, ...lab.querySelectorAll("div")].filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== "visible").map((e) => `${e.className} ${e.scrollWidth}>${e.clientWidth}`),
    outside: texts.map((t) => [t.textContent, t.getBoundingClientRect()]).filter(([, r]) => r.width > 0 && (r.left < col.left - 1 || r.right > col.right + 1)).map(([t]) => t),
    legends: texts.filter((t) => t.closest("g.traces") !== null).length,
    panelTitles: [...plot.querySelectorAll(".annotation-text")].map((t) => t.textContent),
  };
}

/** The page position of data point (x, y) of the main chart, and the chart's x range. */
function pointAt(section, [x, y]) {
  const plot = section.querySelector(".js-plotly-plot");
  const L = plot._fullLayout;
  const main = plot.querySelector(".main-svg").getBoundingClientRect();
  const s = main.width / L.width;
  return { x: main.left + (L.xaxis._offset + L.xaxis.l2p(x)) * s, y: main.top + (L.yaxis._offset + L.yaxis.l2p(Math.log10(y))) * s, range: [...L.xaxis.range] };
}

/** The x of the main chart's data at page position `px`. */
function dataAt(section, px) {
  const plot = section.querySelector(".js-plotly-plot");
  const L = plot._fullLayout;
  const main = plot.querySelector(".main-svg").getBoundingClientRect();
  return L.xaxis.p2l((px - main.left) / (main.width / L.width) - L.xaxis._offset);
}

export async function runFitColumn(browser) {
  const suite = new Suite("fit to the column");
  console.log("fit to the column (a chart wider than the output)");
  mkdirSync(OUT, { recursive: true });
  const server = await serveStatic(LAB_BUILD);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(TIMEOUT);
  try {
    await page.goto(`${server.url}/rendermime-page.html`, { timeout: TIMEOUT });
    await page.waitForSelector("body[data-seqgrad-page=ready]", { state: "attached" });
    await page.addStyleTag({ content: ".test-output { max-width: none; }" });
    const bundle = makeAll().gradflow;
    const payload = bundle["application/vnd.seqgrad.gradflow.v1+json"];
    const i = await page.evaluate((b) => window.seqgradTest.show(b, "gradflow in a narrow column"), bundle);
    const section = page.locator(".test-output").nth(i);
    const setWidth = async (px) => {
      await section.evaluate((s, w) => { s.style.width = `${w}px`; }, px);
      // the resize observer refits on the next frame
      await page.waitForTimeout(200);
    };
    await section.locator(".js-plotly-plot .main-svg").first().waitFor({ state: "attached" });

    await suite.test("gradient flow in a 720 px output: scaled to the column with its aspect, no sideways scroll, every text inside", async () => {
      await setWidth(720);
      const f = await section.evaluate(readFit);
      await section.screenshot({ path: join(OUT, "gradflow-720.png") });
      check(f.width > f.column, `the figure should be wider than the column; figure ${f.width} px, column ${f.column} px`);
      check(Math.abs(f.scale - f.column / f.width) < 0.01, `scale; expected ${(f.column / f.width).toFixed(3)} (column ${f.column} / figure ${f.width}), got ${f.scale.toFixed(3)}`);
      check(f.scrollers.length === 0, `boxes scroll or cut sideways: ${f.scrollers.join("; ")}`);
      check(f.outside.length === 0, `texts outside the column: ${f.outside.join(" | ")}`);
      check(f.legends > 0 && f.panelTitles.includes(payload.parameterPanel.title), `legend entries and the parameter panel's title shown; got ${f.legends} entries, titles ${f.panelTitles.join(" | ")}`);
    });

    await suite.test("hovering a point of the scaled chart shows that point's step and norm", async () => {
      const s = payload.series[0];
      const k = Math.floor(s.steps.length / 2);
      const at = await section.evaluate(pointAt, [s.steps[k], s.norms[k]]);
      await page.mouse.move(at.x, at.y);
      const hover = section.locator(".hoverlayer .hovertext").first();
      await hover.waitFor({ state: "attached" });
      const text = await hover.textContent();
      check(text.includes(`t = ${s.steps[k]}`), `hover at step ${s.steps[k]}; got "${text}"`);
      await page.mouse.move(5, 5);
    });

    await suite.test("a box zoom on the scaled chart zooms to the data under the dragged box", async () => {
      const s = payload.series[0];
      const a = await section.evaluate(pointAt, [s.steps[0], s.norms[0]]);
      const b = await section.evaluate(pointAt, [s.steps[s.steps.length - 1], s.norms[s.norms.length - 1]]);
      const x0 = a.x + (b.x - a.x) * 0.25;
      const x1 = a.x + (b.x - a.x) * 0.6;
      const want = [await section.evaluate(dataAt, x0), await section.evaluate(dataAt, x1)];
      const y = (a.y + b.y) / 2;
      await page.mouse.move(x0, y);
      await page.mouse.down();
      await page.mouse.move((x0 + x1) / 2, y + 30, { steps: 4 });
      await page.mouse.move(x1, y + 60, { steps: 4 });
      await page.mouse.up();
      await page.waitForTimeout(300);
      const got = (await section.evaluate(pointAt, [s.steps[0], s.norms[0]])).range;
      const span = want[1] - want[0];
      check(Math.abs(got[0] - want[0]) < 0.05 * span && Math.abs(got[1] - want[1]) < 0.05 * span, `zoomed x range; expected about [${want.map((v) => v.toFixed(2)).join(", ")}], got [${got.map((v) => v.toFixed(2)).join(", ")}]`);
      await section.screenshot({ path: join(OUT, "gradflow-720-zoomed.png") });
      // double click: back to the payload's range
      await page.mouse.dblclick((x0 + x1) / 2, y);
      await page.waitForTimeout(300);
    });

    await suite.test("the scale follows the column when it is resized and never goes above 1", async () => {
      await setWidth(840);
      const mid = await section.evaluate(readFit);
      check(Math.abs(mid.scale - mid.column / mid.width) < 0.01 && mid.scrollers.length === 0 && mid.outside.length === 0, `at 840 px: scale ${mid.scale.toFixed(3)} (expected ${(mid.column / mid.width).toFixed(3)}), scrolling ${mid.scrollers.join("; ")}, outside ${mid.outside.join(" | ")}`);
      await setWidth(1300);
      const wide = await section.evaluate(readFit);
      check(wide.column > wide.width && Math.abs(wide.scale - 1) < 0.002, `in a column wider than the figure (${wide.column} > ${wide.width} px) the scale is 1; got ${wide.scale.toFixed(3)}`);
    });

    await suite.test("below the least scale (7 px tick labels) the chart scrolls sideways at that scale", async () => {
      await setWidth(420);
      const f = await section.evaluate(readFit);
      await section.screenshot({ path: join(OUT, "gradflow-420.png") });
      check(f.width * MIN_SCALE > f.column, `the figure should be too wide even at the least scale; figure ${f.width} px, column ${f.column} px`);
      check(Math.abs(f.scale - MIN_SCALE) < 0.01, `scale; expected the least scale ${MIN_SCALE.toFixed(3)}, got ${f.scale.toFixed(3)}`);
      check(f.scrollers.some((s) => s.startsWith("jp-seqgrad-plot ")), `the chart's box should scroll sideways; scrolling boxes: ${f.scrollers.join("; ") || "none"}`);
    });

    await suite.test("a wide heat map (a [20, 16, 40] tensor: 12 slices) in a 720 px output is scaled to the column too", async () => {
      sg.manualSeed(1);
      const figure = sg.viz.tensor(sg.randn([20, 16, 40]));
      const tensor = figure[Symbol.for("Jupyter.display")]();
      const k = await page.evaluate((b) => window.seqgradTest.show(b, "tensor in a narrow column"), tensor);
      const heat = page.locator(".test-output").nth(k);
      await heat.evaluate((s) => { s.style.width = "720px"; });
      await heat.locator(".js-plotly-plot .main-svg").first().waitFor({ state: "attached" });
      await page.waitForTimeout(200);
      const f = await heat.evaluate(readFit);
      await heat.screenshot({ path: join(OUT, "tensor3d-720.png") });
      check(f.width > f.column, `the figure should be wider than the column; figure ${f.width} px, column ${f.column} px`);
      check(Math.abs(f.scale - f.column / f.width) < 0.01, `scale; expected ${(f.column / f.width).toFixed(3)}, got ${f.scale.toFixed(3)}`);
      check(f.scrollers.length === 0 && f.outside.length === 0, `scrolling boxes: ${f.scrollers.join("; ") || "none"}; texts outside the column: ${f.outside.join(" | ") || "none"}`);
    });
  } finally {
    await page.close();
    await server.close();
  }
  return suite;
}
