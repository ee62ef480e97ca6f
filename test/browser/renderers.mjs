/**
 * Renderer tests on the rendermime test page (extension/lab/build/rendermime-page.html): every
 * figure the library makes is drawn by the seqgrad renderer (not the PNG fallback);
 * malformed payloads show an error box; label injection runs nothing; dark theme; in-place
 * updates; dispose frees plotly. Payloads come from the built library, never written by hand
 * (the malformed ones are library payloads broken on purpose).
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { ARTIFACTS, LAB_BUILD, Suite, TIMEOUT, check, launchBrowser, serveStatic, shot, watchConsole } from "./harness.mjs";

const require = createRequire(import.meta.url);
const { makeAll, missing, viz, sg, curveBundles, EVIL } = require("./library-figures.cjs");

const SEQGRAD = /^application\/vnd\.seqgrad\.[a-z]+\.v1\+json$/;
const PLOTLY_KINDS = new Set(["tensor", "curves", "attention", "gradflow", "gates", "spectrum", "plot"]);

function mimeOf(bundle) {
  return Object.keys(bundle).find((m) => SEQGRAD.test(m));
}

function kindOf(bundle) {
  return /vnd\.seqgrad\.([a-z]+)\.v1/.exec(mimeOf(bundle) ?? "")?.[1] ?? "";
}

export async function runRenderers(browser) {
  const suite = new Suite("renderers");
  console.log("renderers (rendermime test page)");
  const server = await serveStatic(LAB_BUILD);
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const problems = watchConsole(page);
  page.setDefaultTimeout(TIMEOUT);
  await page.goto(`${server.url}/rendermime-page.html`, { timeout: TIMEOUT });
  await page.waitForSelector("body[data-seqgrad-page=ready]", { state: "attached" });
  const figures = makeAll();

  const show = (bundle, title) => page.evaluate(([b, t]) => window.seqgradTest.show(b, t), [bundle, title]);
  const output = (i) => page.locator(".test-output").nth(i);

  /** Waits until output i has drawn: a plotly chart, an SVG drawing, a scalar, or an error box. */
  async function drawn(i, kind) {
    const o = output(i);
    if (kind === "tensor" || PLOTLY_KINDS.has(kind)) {
      await o.locator(".jp-seqgrad-figure .js-plotly-plot .main-svg, .jp-seqgrad-scalar, .jp-seqgrad-error").first().waitFor({ state: "attached" });
    } else if (kind === "image") {
      await o.locator(".jp-seqgrad-figure img.jp-seqgrad-image, .jp-seqgrad-error").first().waitFor({ state: "attached" });
    } else {
      await o.locator(".jp-seqgrad-figure svg.jp-seqgrad-svg .jp-seqgrad-node, .jp-seqgrad-figure svg.jp-seqgrad-svg .jp-seqgrad-cell, .jp-seqgrad-error").first().waitFor({ state: "attached" });
    }
  }

  const shown = new Map();
  for (const [name, bundle] of Object.entries(figures)) {
    await suite.test(`${name}: the seqgrad renderer (not the PNG fallback) draws the library's figure`, async () => {
      const mime = mimeOf(bundle);
      check(mime !== undefined, `${name}: the library bundle has no seqgrad MIME type; got ${Object.keys(bundle).join(", ")}`);
      const preferred = await page.evaluate((b) => window.seqgradTest.preferred(b), bundle);
      check(preferred === mime, `${name}: preferred MIME type; expected ${mime}, got ${preferred}`);
      const before = JSON.stringify(bundle);
      const i = await show(bundle, name);
      shown.set(name, i);
      await drawn(i, kindOf(bundle));
      const o = output(i);
      if ((await o.locator(".jp-seqgrad-error").count()) > 0) throw new Error(`${name}: error box shown: ${await o.locator(".jp-seqgrad-error").first().textContent()}`);
      check((await o.locator(".jp-RenderedHTMLCommon, .jp-RenderedImage, .jp-RenderedSVG").count()) === 0, `${name}: the image fallback was rendered`);
      const after = await page.evaluate((k) => window.seqgradTest.data(k), i);
      check(after === before, `${name}: the renderer changed the model's data`);
    });
  }

  await suite.test("graph: one SVG node per payload node, and hovering a node shows its op, shape, value and grad", async () => {
    const i = shown.get("graph");
    const payload = figures.graph["application/vnd.seqgrad.graph.v1+json"];
    const nodes = output(i).locator(".jp-seqgrad-node");
    check((await nodes.count()) === payload.nodes.length, `graph nodes; expected ${payload.nodes.length}, got ${await nodes.count()}`);
    const op = output(i).locator(".jp-seqgrad-node-op").first();
    await op.hover();
    const tip = output(i).locator(".jp-seqgrad-tooltip");
    await tip.waitFor({ state: "visible" });
    const text = await tip.textContent();
    check(/value/.test(text) && /grad/.test(text) && /\[/.test(text), `graph tooltip lacks value, grad or shape: ${text}`);
  });

  await suite.test("graph: labels print at 11 px or more on screen, and zoomed in the whole drawing stays reachable", async () => {
    const o = output(shown.get("graph"));
    const svgEl = o.locator("svg.jp-seqgrad-svg").first();
    const smallest = await svgEl.evaluate((s) => Math.min(...[...s.querySelectorAll("text")].map((t) => t.getBoundingClientRect().height > 0 ? parseFloat(getComputedStyle(t).fontSize) * s.getBoundingClientRect().width / s.viewBox.baseVal.width : Infinity)));
    check(smallest >= 11 - 1e-6, `smallest graph label on screen; expected >= 11 px, got ${smallest.toFixed(2)} px`);
    const before = Number(await svgEl.getAttribute("width"));
    for (let k = 0; k < 8; k++) await o.locator(".jp-seqgrad-button", { hasText: "+" }).click();
    const after = Number(await svgEl.getAttribute("width"));
    check(after > before * 2, `zoom in left the drawing ${after} px wide (was ${before})`);
    // scrolled to the far corner, the last node's box is inside the visible part of the scroll box
    const reach = await o.locator(".jp-seqgrad-scroll").evaluate((box) => {
      box.scrollLeft = box.scrollWidth;
      box.scrollTop = box.scrollHeight;
      const view = box.getBoundingClientRect();
      const nodes = [...box.querySelectorAll(".jp-seqgrad-node rect")].map((r) => r.getBoundingClientRect());
      const right = Math.max(...nodes.map((r) => r.right));
      const bottom = Math.max(...nodes.map((r) => r.bottom));
      return { right, bottom, viewRight: view.right, viewBottom: view.bottom, scrollable: box.scrollWidth > box.clientWidth && box.scrollHeight > box.clientHeight };
    });
    check(reach.scrollable, "zoomed in, the drawing does not scroll");
    check(reach.right <= reach.viewRight + 1 && reach.bottom <= reach.viewBottom + 1, `zoomed in, the far nodes cannot be reached: ${JSON.stringify(reach)}`);
    await o.locator(".jp-seqgrad-button", { hasText: "1:1" }).click();
  });

  await suite.test("unrolled: clicking a time step's cell expands it into its gates", async () => {
    const o = output(shown.get("unrolled"));
    check((await o.locator(".jp-seqgrad-gate").count()) === 0, "gates are shown before any click");
    await o.locator(".jp-seqgrad-expandable").first().click();
    await o.locator(".jp-seqgrad-gate").first().waitFor();
    check((await o.locator(".jp-seqgrad-gate").count()) >= 4, "fewer than 4 gates (an LSTM cell has i, f, g, o)");
    await shot(page, "renderer-unrolled-expanded");
  });

  await suite.test("image: the pixels are drawn at the payload's size, and hovering one shows its RGB bytes", async () => {
    const o = output(shown.get("image"));
    const payload = figures.image["application/vnd.seqgrad.image.v1+json"];
    const img = o.locator("img.jp-seqgrad-image");
    await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
    const size = await img.evaluate((el) => [el.naturalWidth, el.naturalHeight, el.clientWidth]);
    check(size[0] === payload.width && size[1] === payload.height, `decoded image; expected ${payload.width} x ${payload.height}, got ${size[0]} x ${size[1]}`);
    check(Math.abs(size[2] - payload.displayWidth) < 1.5, `drawn width; expected ${payload.displayWidth}, got ${size[2]}`);
    await img.scrollIntoViewIfNeeded();
    const box = await img.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
    const tip = o.locator(".jp-seqgrad-tooltip");
    await tip.waitFor({ state: "visible" });
    check(/RGB \d+, \d+, \d+/.test(await tip.textContent()), `image tooltip lacks RGB: ${await tip.textContent()}`);
    await shot(page, "renderer-image");
  });

  await suite.test("tensor heat map: hovering a cell shows its index and value", async () => {
    const o = output(shown.get("tensor2d"));
    const plot = o.locator(".nsewdrag").first();
    await plot.scrollIntoViewIfNeeded();
    const box = await plot.boundingBox();
    check(box !== null, "no plot area");
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3, { steps: 5 });
    await o.locator(".hoverlayer .hovertext").first().waitFor();
    const text = await o.locator(".hoverlayer .hovertext").first().textContent();
    check(/\[\d+, \d+\]/.test(text) && /value/.test(text), `hover text lacks index or value: ${text}`);
  });

  await suite.test("3-D tensor: every slice is drawn at once, and hovering a cell of the last one names its slice, index and value", async () => {
    const o = output(shown.get("tensor3d"));
    const plot = o.locator(".js-plotly-plot");
    const traces = await plot.evaluate((el) => el.data.filter((t) => t.type === "heatmap").length);
    check(traces === 3, `expected 3 slices drawn, got ${traces}`);
    check((await o.locator("select").count()) === 0, "a slice selector is still shown");
    const last = o.locator(".nsewdrag").nth(2);
    await last.scrollIntoViewIfNeeded();
    const box = await last.boundingBox();
    check(box !== null, "no plot area for the last slice");
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 5 });
    await o.locator(".hoverlayer .hovertext").first().waitFor();
    const text = await o.locator(".hoverlayer .hovertext").first().textContent();
    check(/^\[2, :, :\] \[\d+, \d+\]/.test(text) && /value/.test(text), `hover text lacks the slice, index or value: ${text}`);
  });

  await suite.test("an in-place update (update_display_data) redraws the same chart without re-creating it", async () => {
    const first = viz.tensor(sg.randn([4, 4]));
    const second = viz.tensor(sg.randn([4, 6]));
    const i = await show(first.bundle(), "live update");
    await drawn(i, "tensor");
    const o = output(i);
    await o.locator(".js-plotly-plot").evaluate((el) => { el.dataset.marker = "same-node"; });
    await page.evaluate(([k, b]) => window.seqgradTest.update(k, b), [i, second.bundle()]);
    await page.waitForFunction((el) => el.data[0].z[0].length === 6, await o.locator(".js-plotly-plot").elementHandle());
    check((await o.locator(".js-plotly-plot[data-marker=same-node]").count()) === 1, "the chart node was replaced instead of updated in place");
  });

  await suite.test("live training curves: each update redraws the same chart in place with the new steps", async () => {
    const [first, second] = curveBundles(20, 30);
    const i = await show(first, "live curves");
    await drawn(i, "curves");
    const o = output(i);
    const plot = o.locator(".js-plotly-plot");
    await plot.evaluate((el) => { el.dataset.marker = "same-node"; });
    const before = await o.locator(".jp-seqgrad-progress-text").textContent();
    await page.evaluate(([k, b]) => window.seqgradTest.update(k, b), [i, second]);
    await page.waitForFunction((el) => el.data[0].x.length === 50, await plot.elementHandle());
    check((await o.locator(".js-plotly-plot[data-marker=same-node]").count()) === 1, "the curves chart was re-created instead of updated in place");
    const after = await o.locator(".jp-seqgrad-progress-text").textContent();
    check(before !== after && /step 50/.test(after), `progress not updated: ${before} -> ${after}`);
    await shot(page, "renderer-live-curves");
  });

  await suite.test("malformed payloads show a readable error box and throw nothing", async () => {
    const good = figures.tensor2d;
    const mime = mimeOf(good);
    const payload = good[mime];
    const broken = [
      ["wrong version", { ...payload, version: 2 }, /version/],
      ["missing shape", { ...payload, shape: undefined }, /shape/],
      ["not an object", "a string", /object/],
      ["ragged matrix", { ...payload, view: { ...payload.view, matrix: { ...payload.view.matrix, z: payload.view.matrix.z.slice(1) } } }, /z/],
      ["graph edge to nowhere", { ...figures.graph["application/vnd.seqgrad.graph.v1+json"], edges: [{ id: "e", source: "nope", target: "nope", inputIndex: 0, points: [], head: [] }] }, /source/, "application/vnd.seqgrad.graph.v1+json"],
    ];
    for (const [name, data, pattern, type] of broken) {
      const i = await show({ [type ?? mime]: data, "text/plain": "fallback" }, `malformed: ${name}`);
      const box = output(i).locator(".jp-seqgrad-error");
      await box.waitFor({ state: "attached" });
      const text = await box.textContent();
      check(pattern.test(text), `${name}: error text does not name the field: ${text}`);
    }
    await shot(page, "renderer-malformed");
  });

  await suite.test("payload strings are shown as text, never run as HTML", async () => {
    const evil = EVIL;
    const bundles = [viz.tensor(sg.randn([3, 3]), { title: evil }).bundle(), viz.tensor(sg.tensor(1.5), { title: evil }).bundle()];
    for (const b of bundles) {
      const i = await show(b, "label injection");
      await drawn(i, "tensor");
      const text = await output(i).locator(".jp-seqgrad-heading-title").textContent();
      check(text === evil, `title not shown literally: ${text}`);
    }
    for (const name of ["attention", "gates"]) {
      const ticks = await output(shown.get(name)).locator(".xtick text, .ytick text").allTextContents();
      check(ticks.some((t) => t.replace(/\u2423/g, " ").startsWith("<img src=x")), `${name}: the token is not shown literally among the ticks: ${ticks.join(" | ")}`);
    }
    const pwned = await page.evaluate(() => window.__pwned);
    check(pwned === undefined, "an injected onerror handler ran");
    // the image figure's own <img> shows the payload's PNG; no other <img> may exist
    check((await page.locator(".test-output img:not(.jp-seqgrad-image)").count()) === 0, "an <img> element was created from a payload string");
  });

  await suite.test("notebooks saved by an earlier seqgrad: heat maps are drawn from upgraded payloads, other figures show their saved picture with a note", async () => {
    const saved = require("./fixtures/saved-bundles.json");
    for (const [name, bundle] of Object.entries(saved)) {
      const i = await show(bundle, `saved: ${name}`);
      const o = output(i);
      await o.locator(".jp-seqgrad-figure .main-svg, .jp-seqgrad-saved, .jp-seqgrad-error").first().waitFor({ state: "attached" });
      if ((await o.locator(".jp-seqgrad-error").count()) > 0) throw new Error(`${name}: error box shown: ${await o.locator(".jp-seqgrad-error").first().textContent()}`);
      if (name === "curves") {
        const img = o.locator(".jp-seqgrad-saved img");
        await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
        const note = await o.locator(".jp-seqgrad-saved-note").textContent();
        check(/Run the cell again/.test(note), `${name}: the note does not ask to run the cell again: ${note}`);
        const width = await img.evaluate((el) => el.getBoundingClientRect().width);
        check(width > 300, `${name}: the saved picture is ${width} px wide`);
      } else {
        check((await o.locator(".jp-seqgrad-saved").count()) === 0, `${name}: the saved picture is shown, not the upgraded payload`);
      }
      await o.screenshot({ path: join(ARTIFACTS, `renderer-saved-${name}.png`) });
    }
  });

  for (const kind of missing) suite.skip(`${kind}: drawn from a library figure`, `the library exports no viz.${kind} yet`);

  await suite.test("the dark theme recolours the figures", async () => {
    const o = output(shown.get("tensor2d"));
    const tick = o.locator(".xtick text").first();
    const light = await tick.evaluate((el) => getComputedStyle(el).fill);
    await shot(page, "renderers-light");
    await page.evaluate(() => window.seqgradTest.setTheme("dark"));
    await page.waitForFunction((before) => {
      const el = document.querySelector(".test-output .xtick text");
      return el !== null && getComputedStyle(el).fill !== before;
    }, light);
    await shot(page, "renderers-dark");
    await page.evaluate(() => window.seqgradTest.setTheme("light"));
  });

  await suite.test("disposing outputs frees their charts", async () => {
    const count = await page.locator(".js-plotly-plot").count();
    check(count > 0, "no charts to dispose");
    await page.evaluate(() => window.seqgradTest.clear());
    check((await page.locator(".js-plotly-plot").count()) === 0, "charts left after dispose");
  });

  await suite.test("the page logged no errors or warnings", async () => {
    const relevant = problems.filter((p) => !/favicon/.test(p));
    check(relevant.length === 0, relevant.join("\n"));
  });

  await page.close();
  await server.close();
  return suite;
}
