/**
 * The comparison behind the side-by-side tests: a figure's bundle drawn by the lab renderer and,
 * beside it, its static SVG drawn again from the payload (as the handouts draw it), on the
 * rendermime test page. They must agree: the same numeric tick labels (none longer than 8
 * characters), series colours, number, order and kind of panels, values in small heat maps' cells,
 * text in every graph node, headings, box fills, and the unrolled graph's cell text, edge colours,
 * edge labels and colour-bar ticks, the category labels (tokens, indices, bar names) the payload
 * chose, none of which may overlap its neighbour or (in the static SVG) be cut at the drawing's edge,
 * axis titles, and the plotted size of charts the payload sizes (heat maps of square cells, bar
 * charts): the lab must plot them at the static drawing's size, not stretched to the output's width.
 * The pair is kept as a screenshot.
 */
import { TEXT_ROLES } from "seqgrad/payloads";
import { LAB_BUILD, TIMEOUT, check, serveStatic } from "./harness.mjs";

const SEQGRAD = /^application\/vnd\.seqgrad\.([a-z]+)\.v1\+json$/;
const NUMERIC = /^[\u2212-]?\d+(\.\d+)?(e[\u2212-]?\d+)?$/;

/** The rendermime test page laid out for pairs: lab renderer left, static SVG right. Resolves to { page, close }. */
export async function openComparePage(browser) {
  const server = await serveStatic(LAB_BUILD);
  const page = await browser.newPage({ viewport: { width: 1880, height: 1000 } });
  page.setDefaultTimeout(TIMEOUT);
  await page.goto(`${server.url}/rendermime-page.html`, { timeout: TIMEOUT });
  await page.waitForSelector("body[data-seqgrad-page=ready]", { state: "attached" });
  await page.addStyleTag({ content: ".test-output { max-width: none; display: grid; grid-template-columns: 900px 900px; gap: 16px; align-items: start; } .test-output > h3 { grid-column: 1 / 3; margin: 4px 0; } .side-by-side-static { border-left: 2px dashed #999; padding-left: 12px; }" });
  return { page, close: async () => { await page.close(); await server.close(); } };
}

/** Draws `bundle` both ways on `page`, keeps the screenshot at `shotPath`, and throws at the first disagreement. */
export async function compareFigure(page, viz, name, bundle, shotPath) {
  const kind = kindOf(bundle);
  const i = await page.evaluate(([b, t]) => window.seqgradTest.show(b, t), [bundle, name]);
  const section = page.locator(".test-output").nth(i);
  await page.evaluate(([k, html]) => {
    const div = document.createElement("div");
    div.className = "side-by-side-static";
    // the static drawing as the handout shows it (it carries no scripts)
    div.innerHTML = html;
    document.querySelectorAll(".test-output")[k].appendChild(div);
  }, [i, staticSvg(viz, bundle)]);
  await section.locator(".jp-seqgrad-figure .main-svg, .jp-seqgrad-figure svg.jp-seqgrad-svg, .jp-seqgrad-figure img.jp-seqgrad-image, .jp-seqgrad-scalar, .jp-seqgrad-error").first().waitFor({ state: "attached" });
  await page.waitForTimeout(150);
  check((await section.locator(".jp-seqgrad-error").count()) === 0, `${name}: the lab shows an error box`);
  const d = await section.evaluate(readDrawings);
  await section.screenshot({ path: shotPath });
  // (a 1-D tensor's bar strip has a numeric x axis, compared with the numeric ticks below)
  check((kind === "tensor" && d.bars) || JSON.stringify(d.labCategories) === JSON.stringify(d.svgCategories), `${name}: category labels differ; lab ${d.labCategories.join(" ")} | svg ${d.svgCategories.join(" ")}`);
  check(d.svgLabelTrouble.length === 0, `${name}: static category labels cut or overlapping: ${d.svgLabelTrouble.slice(0, 4).join("; ")}`);
  check(d.labLabelTrouble.length === 0, `${name}: lab category labels cut or overlapping: ${d.labLabelTrouble.slice(0, 4).join("; ")}`);
  const numericLab = d.labTicks.filter((t) => NUMERIC.test(t)).sort();
  const numericSvg = d.svgTicks.filter((t) => NUMERIC.test(t)).sort();
  // the unrolled graph and the computation graph are SVG drawings in the lab too, without numeric axes
  check(kind === "unrolled" || kind === "graph" || JSON.stringify(numericLab) === JSON.stringify(numericSvg), `${name}: numeric tick labels differ; lab ${numericLab.join(" ")} | svg ${numericSvg.join(" ")}`);
  const tooLong = [...numericLab, ...numericSvg].filter((t) => t.length > 8);
  check(tooLong.length === 0, `${name}: tick labels over 8 characters: ${tooLong.join(", ")}`);
  check(JSON.stringify(d.labColors) === JSON.stringify(d.svgColors), `${name}: series colours differ; lab ${d.labColors.join(" ")} | svg ${d.svgColors.join(" ")}`);
  if (d.svgPanels.length > 0) {
    const lab = d.labPanels.slice(0, d.svgPanels.length);
    check(JSON.stringify(lab) === JSON.stringify(d.svgPanels), `${name}: panels differ; lab ${d.labPanels.join(" ")} | svg ${d.svgPanels.join(" ")}`);
  }
  if (kind === "graph") {
    const nodes = bundle["application/vnd.seqgrad.graph.v1+json"].nodes.length;
    check(d.labNodes === nodes, `${name}: lab graph nodes; expected ${nodes}, got ${d.labNodes}`);
    check(JSON.stringify(d.labNodeLines) === JSON.stringify(d.svgNodeLines), `${name}: node text differs; lab ${d.labNodeLines.slice(0, 6).join(" | ")} | svg ${d.svgNodeLines.slice(0, 6).join(" | ")}`);
    check(d.svgNodeTitles === nodes, `${name}: static nodes with a <title>; expected ${nodes}, got ${d.svgNodeTitles}`);
  }
  // (a tensor's heat maps are compared panel by panel, below)
  if (fixedSize(kind, bundle) && kind !== "tensor") {
    const [lw, lh] = d.labPlotSize ?? [NaN, NaN];
    const [sw, sh] = d.svgPlotSize ?? [NaN, NaN];
    check(d.labPlotSize !== null, `${name}: the lab stretches the chart to the output's width; the static drawing plots ${sw} x ${sh} px`);
    check(Math.abs(lw - sw) <= SIZE_TOLERANCE && Math.abs(lh - sh) <= SIZE_TOLERANCE, `${name}: plotted size differs; lab ${Math.round(lw)} x ${Math.round(lh)} px | svg ${sw} x ${sh} px`);
  }
  if (FRAME_KINDS.has(kind)) check(d.labFramed === d.svgFramed, `${name}: the static plot ${d.svgFramed ? "is" : "is not"} framed, the lab's ${d.labFramed ? "is" : "is not"}`);
  // axis titles in the text ink, as the heading's title (the static drawing prints both in INK.text)
  check(d.labAxisTitleInk.every((c) => c === d.labTitleInk) && d.svgAxisTitleInk.every((c) => c === d.svgTitleInk), `${name}: axis titles not in the text ink; lab ${d.labAxisTitleInk.join(" ")} vs ${d.labTitleInk} | svg ${d.svgAxisTitleInk.join(" ")} vs ${d.svgTitleInk}`);
  if (AXIS_TITLE_KINDS.has(kind)) check(JSON.stringify(d.labAxisTitles) === JSON.stringify(d.svgAxisTitles), `${name}: axis titles differ; lab ${d.labAxisTitles.join(" | ")} | svg ${d.svgAxisTitles.join(" | ")}`);
  if (kind === "graph" || kind === "unrolled" || kind === "plot") {
    check((kind === "plot" || d.labHeading.length > 0) && JSON.stringify(d.labHeading) === JSON.stringify(d.svgHeading), `${name}: heading differs; lab ${d.labHeading.join(" | ")} | svg ${d.svgHeading.join(" | ")}`);
    check(JSON.stringify(d.labNodeFills) === JSON.stringify(d.svgNodeFills), `${name}: box fills differ; lab ${d.labNodeFills.slice(0, 6).join(" ")} | svg ${d.svgNodeFills.slice(0, 6).join(" ")}`);
  }
  if (kind === "unrolled") {
    const p = bundle["application/vnd.seqgrad.unrolled.v1+json"];
    check(JSON.stringify(d.labCellLines) === JSON.stringify(d.svgCellLines), `${name}: cell text differs; lab ${d.labCellLines.slice(0, 8).join(" | ")} | svg ${d.svgCellLines.slice(0, 8).join(" | ")}`);
    check(d.labEdgeColors.length === p.edges.length && JSON.stringify(d.labEdgeColors) === JSON.stringify(d.svgEdgeColors), `${name}: edge colours differ; lab ${d.labEdgeColors.slice(0, 6).join(" ")} | svg ${d.svgEdgeColors.slice(0, 6).join(" ")}`);
    check(JSON.stringify(d.labEdgeLabels) === JSON.stringify(d.svgEdgeLabels), `${name}: edge labels differ; lab ${d.labEdgeLabels.join(" ")} | svg ${d.svgEdgeLabels.join(" ")}`);
    check(JSON.stringify(d.labBarTicks) === JSON.stringify(d.svgBarTicks), `${name}: colour-bar ticks differ; lab ${d.labBarTicks.join(" ")} | svg ${d.svgBarTicks.join(" ")}`);
    check(d.svgCellTitles === p.cells.length, `${name}: static cells with a <title>; expected ${p.cells.length}, got ${d.svgCellTitles}`);
  }
  if (kind === "gradflow") {
    // the parameter panel's shaded rows, as the payload says
    check(d.labShades === d.svgShades, `${name}: shaded parameter rows differ; lab ${d.labShades} | svg ${d.svgShades}`);
    // parameter names in the text ink, as the heading's title
    check(d.labRowNameInk.every((c) => c === d.labTitleInk) && d.svgRowNameInk.every((c) => c === d.svgTitleInk), `${name}: parameter names not in the text ink; lab ${d.labRowNameInk.join(" ")} vs ${d.labTitleInk} | svg ${d.svgRowNameInk.join(" ")} vs ${d.svgTitleInk}`);
  }
  if (LAID_OUT_KINDS.has(kind) && laidOut(kind, bundle)) {
    // every legend entry (the charts' and panels' own) in both, at the same place relative to the figure's first plotted box
    check(JSON.stringify(d.labLegend) === JSON.stringify(d.svgLegend), `${name}: legend entries differ; lab ${d.labLegend.join(" ")} | svg ${d.svgLegend.join(" ")}`);
    // (a name may be in two legends, the chart's and a panel's: each static entry takes the nearest lab entry of its name)
    const unused = [...d.labLegendAt];
    const far = [];
    for (const [t, x, y] of d.svgLegendAt) {
      const same = unused.filter((e) => e[0] === t).sort((a, b) => Math.hypot(a[1] - x, a[2] - y) - Math.hypot(b[1] - x, b[2] - y));
      const lab = same[0];
      if (lab !== undefined) unused.splice(unused.indexOf(lab), 1);
      if (lab === undefined || Math.abs(lab[1] - x) > LEGEND_TOLERANCE || Math.abs(lab[2] - y) > LEGEND_TOLERANCE) far.push(`${t} svg (${Math.round(x)}, ${Math.round(y)}) lab ${JSON.stringify(lab?.slice(1).map(Math.round) ?? null)}`);
    }
    check(far.length === 0, `${name}: legend entries placed apart: ${far.slice(0, 3).join("; ")}`);
    // the plotted boxes of every panel at the payload's size, in both (a square one for the spectrum)
    check(d.labFixed, `${name}: the lab stretches the chart to the output's width; the payload lays it out at a fixed size`);
    const sizes = d.svgFrames.map(([w, h], i) => [w, h, ...(d.labFrames[i] ?? [NaN, NaN])]);
    const off = sizes.filter(([sw, sh, lw, lh]) => !(Math.abs(lw - sw) <= SIZE_TOLERANCE && Math.abs(lh - sh) <= SIZE_TOLERANCE));
    check(d.labFrames.length === d.svgFrames.length && off.length === 0, `${name}: plotted boxes differ; lab ${d.labFrames.map(([w, h]) => `${w}x${h}`).join(" ")} ${JSON.stringify(d.labSize)} | svg ${d.svgFrames.map(([w, h]) => `${w}x${h}`).join(" ")}`);
    if (kind === "spectrum") check(d.labFrames.every(([w, h]) => Math.abs(w - h) <= 1), `${name}: the lab's complex plane is not square: ${d.labFrames.map(([w, h]) => `${w}x${h}`).join(" ")}`);
    const grid = kind === "spectrum" ? bundle["application/vnd.seqgrad.spectrum.v1+json"].grid ?? null : null;
    if (grid !== null) {
      // a spectrum grid: a complex plane per matrix in both, titled as the payload titles it, in its order
      check(d.svgFrames.length === grid.panels.length, `${name}: ${grid.panels.length} matrices, but the static drawing has ${d.svgFrames.length} planes`);
      check(JSON.stringify(d.svgPanelTitles) === JSON.stringify(grid.panels.map((q) => q.title)), `${name}: panel titles are not the payload's: ${d.svgPanelTitles.join(" | ")}`);
    }
    // panel titles: the same texts, in the same weight
    check(JSON.stringify(d.labPanelTitles) === JSON.stringify(d.svgPanelTitles), `${name}: panel titles differ; lab ${d.labPanelTitles.join(" | ")} | svg ${d.svgPanelTitles.join(" | ")}`);
    check(d.labPanelTitleWeights.every((w) => w === "600") && d.svgPanelTitleWeights.every((w) => w === "600"), `${name}: panel titles not semibold; lab ${d.labPanelTitleWeights.join(" ")} | svg ${d.svgPanelTitleWeights.join(" ")}`);
    // text roles: tick labels muted, legend names, axis and panel titles and parameter names in the text ink; equal sizes and weights
    compareXyRoles(name, d);
    compareGeometry(name, d);
    // the heading centred over the figure, as the static drawing centres it
    check(d.labHeadingOffset === null || Math.abs(d.labHeadingOffset) <= HEADING_TOLERANCE, `${name}: the lab heading is ${Math.round(d.labHeadingOffset ?? 0)} px off the figure's centre`);
  }
  if (kind === "curves") compareNote(name, bundle["application/vnd.seqgrad.curves.v1+json"], d);
  if (FIT_KINDS.has(kind)) {
    // a chart wider than the column is scaled down to it (never up): nothing scrolls sideways, every text shows
    check(d.labScale <= 1.001, `${name}: the lab draws the chart at ${d.labScale.toFixed(3)} x its size; a chart is never scaled up`);
    check(d.labScrollers.length === 0, `${name}: the lab scrolls or cuts sideways: ${d.labScrollers.join("; ")}`);
    check(d.labTextsOutside.length === 0, `${name}: lab texts outside the output column: ${d.labTextsOutside.slice(0, 4).join("; ")}`);
  }
  if (kind === "plot" && bundle["application/vnd.seqgrad.plot.v1+json"].type === "bar") compareBars(name, d);
  if (HEAT_GRID_KINDS.has(kind)) compareHeatGrid(name, kind, bundle, d);
  if (HEAT_GRID_KINDS.has(kind) || (kind === "tensor" && fixedSize(kind, bundle))) {
    compareTextRoles(name, d);
    compareHeatPlaces(name, d);
  }
  if (kind === "attention") {
    // the weights the payload prints in cells, panel by panel, row by row, in both drawings
    const p = bundle["application/vnd.seqgrad.attention.v1+json"];
    const want = p.panels.flatMap((panel) => (panel.values === null ? [] : panel.values.text.flat()));
    const titles = new Set([...p.panels.map((panel) => panel.title), p.colorScale.title]);
    const lab = d.labCellValues.filter((t) => !titles.has(t));
    check(JSON.stringify(lab) === JSON.stringify(want) && JSON.stringify(d.svgCellValues) === JSON.stringify(want), `${name}: attention values in cells differ; payload ${want.slice(0, 8).join(" ")} | lab ${lab.slice(0, 8).join(" ")} | svg ${d.svgCellValues.slice(0, 8).join(" ")}`);
  }
  if (kind === "tensor" && d.bars) check(JSON.stringify(d.labBarFills) === JSON.stringify(d.svgBarFills), `${name}: bar fills differ; lab ${d.labBarFills.join(" ")} | svg ${d.svgBarFills.join(" ")}`);
  // every slice of a 3-D tensor, in both
  if (kind === "tensor") check(JSON.stringify(d.labCellValues) === JSON.stringify(d.svgCellValues), `${name}: values in cells differ; lab ${d.labCellValues.join(" ")} | svg ${d.svgCellValues.join(" ")}`);
  if (kind === "tensor" && fixedSize(kind, bundle)) {
    const v = bundle["application/vnd.seqgrad.tensor.v1+json"].view;
    const panels = v.type === "slices" ? v.slices.length : 1;
    check(d.labPanelSizes.length === panels && d.svgPanelSizes.length === panels, `${name}: heat maps; expected ${panels} (every slice carried), got lab ${d.labPanelSizes.length} | svg ${d.svgPanelSizes.length}`);
    check(d.labFixed, `${name}: the lab stretches the heat map to the output's width; the payload's frame fixes its size`);
    const m = v.type === "slices" ? v.slices[0] : v.matrix;
    const g = v.type === "slices" ? v.grids[0] : v.grid;
    const want = [m.colIndex.length * g.width, m.rowIndex.length * g.height];
    for (const [who, sizes] of [["lab", d.labPanelSizes], ["svg", d.svgPanelSizes]]) {
      const off = sizes.filter(([w, h]) => Math.abs(w - want[0]) > SIZE_TOLERANCE || Math.abs(h - want[1]) > SIZE_TOLERANCE);
      check(off.length === 0, `${name}: ${who} heat maps are not the payload's ${want[0]} x ${want[1]} px: ${off.slice(0, 3).map(([w, h]) => `${w} x ${h}`).join(", ")}`);
    }
    const labels = v.type === "slices" ? v.labels : [];
    check(JSON.stringify(d.labPanelTitles.filter((t) => labels.includes(t))) === JSON.stringify(labels) && JSON.stringify(d.svgPanelTitles) === JSON.stringify(labels), `${name}: slice labels differ from the payload's; payload ${labels.join(" ")} | lab ${d.labPanelTitles.join(" ")} | svg ${d.svgPanelTitles.join(" ")}`);
  }
  if (name === "tensor-2x3-values") check(d.svgCellValues.length === 6, `${name}: expected 6 values in cells, got ${d.svgCellValues.length}`);
}

/** Pixels by which a plotted box's margin in its figure may differ in the two drawings. */
const MARGIN_TOLERANCE = 2;

/**
 * A bar chart laid out by its payload: the plotted box at the same margins (left, right, bottom)
 * within 2 px, the legend's entries the same and at the same places (within 14 px of the plotted
 * box's corner), category names in the category label's role, and the heading centred.
 */
function compareBars(name, d) {
  const [lab, svg] = [d.labMargins ?? [], d.svgMargins ?? []];
  check(lab.length === 3 && svg.length === 3 && lab.every((m, i) => Math.abs(m - svg[i]) <= MARGIN_TOLERANCE), `${name}: the plotted box's margins (left, right, bottom) differ; lab ${lab.map(Math.round).join(" ")} | svg ${svg.map(Math.round).join(" ")}`);
  check(JSON.stringify(d.labLegend) === JSON.stringify(d.svgLegend), `${name}: legend entries differ; lab ${d.labLegend.join(" ")} | svg ${d.svgLegend.join(" ")}`);
  const far = d.svgLegendAt.filter(([t, x, y]) => {
    const e = d.labLegendAt.find((l) => l[0] === t);
    return e === undefined || Math.abs(e[1] - x) > LEGEND_TOLERANCE || Math.abs(e[2] - y) > LEGEND_TOLERANCE;
  });
  check(far.length === 0, `${name}: legend entries placed apart: ${far.map(([t, x, y]) => `${t} svg (${Math.round(x)}, ${Math.round(y)}) lab ${JSON.stringify(d.labLegendAt.find((l) => l[0] === t)?.slice(1).map(Math.round) ?? null)}`).join("; ")}`);
  // category names in the text ink (the heading title's, or without a heading the axis titles'), at the same size and weight
  const text = (heading, titleInk, axisTitles) => (heading.length > 0 ? titleInk : axisTitles[0]?.ink);
  const [labText, svgText] = [text(d.labHeading, d.labTitleInk, d.labAxisTitleLook), text(d.svgHeading, d.svgTitleInk, d.svgAxisTitleLook)];
  const inks = (l) => [...new Set(l.map((x) => x.ink))];
  check(labText !== undefined && svgText !== undefined && inks(d.labBarCategoryLook).every((c) => c === labText) && inks(d.svgCategoryLook).every((c) => c === svgText), `${name}: category names not in the text ink; lab ${inks(d.labBarCategoryLook).join(" ")} (text ${labText}) | svg ${inks(d.svgCategoryLook).join(" ")} (text ${svgText})`);
  const sizes = (l) => [...new Set(l.map((x) => `${x.size}/${x.weight}`))].sort().join(" ");
  check(sizes(d.labBarCategoryLook) === sizes(d.svgCategoryLook), `${name}: category names' size/weight differ; lab ${sizes(d.labBarCategoryLook)} | svg ${sizes(d.svgCategoryLook)}`);
  check(d.labHeadingOffset === null || Math.abs(d.labHeadingOffset) <= HEADING_TOLERANCE, `${name}: the lab heading is ${Math.round(d.labHeadingOffset ?? 0)} px off the figure's centre`);
  compareGeometry(name, d);
}

/** Pixels by which the heading's lines, the plotted box's top, tick labels and axis titles may sit apart in the two drawings. */
const GEOMETRY_TOLERANCE = 3;

/**
 * The vertical places of the heading (title and subtitle glyph tops from the figure's top) and of
 * the first plotted box (when the lab is not scaled and shows no progress bar), and the gaps between
 * that box and its tick labels and axis titles (x: below its bottom edge, y: left of its left edge),
 * the same in both drawings within 3 px (figure pixels).
 */
function compareGeometry(name, d) {
  // (a figure with no plotted box, such as curves before the first value, has nothing to place)
  if (d.svgGeometry === null) return;
  const lab = d.labGeometry ?? {};
  const svg = d.svgGeometry;
  const apart = [];
  for (const key of ["titleTop", "subtitleTop", "plotTop", "xTickGap", "yTickGap", "xTitleGap", "yTitleGap"]) {
    const [a, b] = [lab[key] ?? null, svg[key] ?? null];
    // a part in one drawing only, or placed apart (the plot's top is not compared when the lab scales it or shows progress)
    if (key === "plotTop" && a === null) continue;
    if ((a === null) !== (b === null) || (a !== null && Math.abs(a - b) > GEOMETRY_TOLERANCE)) apart.push(`${key} lab ${a === null ? "none" : a.toFixed(1)} | svg ${b === null ? "none" : b.toFixed(1)}`);
  }
  check(apart.length === 0, `${name}: placed apart (px): ${apart.join("; ")}`);
}

/** Pixels by which a chart note's centre may sit apart in the two drawings (in figure pixels). */
const NOTE_TOLERANCE = 3;

/**
 * A curves figure's note (before the first logged value): both drawings print the payload's note
 * text, in its role (the muted ink of tick labels, the same size and weight), at the same place
 * within 3 px, and neither draws an axis while there are no panels.
 */
function compareNote(name, p, d) {
  const want = p.note === null || p.note === undefined ? [] : [p.note.text];
  check(JSON.stringify(d.labNotes.map((n) => n.text)) === JSON.stringify(want) && JSON.stringify(d.svgNotes.map((n) => n.text)) === JSON.stringify(want), `${name}: notes differ from the payload's; payload ${want.join(" | ")} | lab ${d.labNotes.map((n) => n.text).join(" | ")} | svg ${d.svgNotes.map((n) => n.text).join(" | ")}`);
  if (p.panels.length === 0) check(d.labVisibleAxes === 0 && d.svgFrameCount === 0, `${name}: no panels, yet the lab shows ${d.labVisibleAxes} axes and the static drawing ${d.svgFrameCount} frames`);
  const [lab, svg] = [d.labNotes[0], d.svgNotes[0]];
  if (lab === undefined || svg === undefined) return;
  // its role's ink: the text ink is the heading title's, and a muted role is not printed in it
  const role = TEXT_ROLES[p.note.role];
  const inkOk = (n, titleInk) => (role.ink === "text" ? n.ink === titleInk : n.ink !== titleInk);
  check(inkOk(lab, d.labTitleInk) && inkOk(svg, d.svgTitleInk), `${name}: the note is not in the ${role.ink} ink; lab ${lab.ink} (text ${d.labTitleInk}) | svg ${svg.ink} (text ${d.svgTitleInk})`);
  const look = (n) => `${n.size}/${n.weight}`;
  const wantLook = `${role.size}/${role.weight >= 550 ? "bold" : "normal"}`;
  check(look(lab) === wantLook && look(svg) === wantLook, `${name}: the note's size/weight; role ${wantLook} | lab ${look(lab)} | svg ${look(svg)}`);
  check(Math.abs(lab.dx - svg.dx) <= NOTE_TOLERANCE && Math.abs(lab.dy - svg.dy) <= NOTE_TOLERANCE, `${name}: the note sits apart; from the figure's bottom centre lab (${lab.dx.toFixed(1)}, ${lab.dy.toFixed(1)}) | svg (${svg.dx.toFixed(1)}, ${svg.dy.toFixed(1)}) px`);
}

/** Figures the lab scales down to its output column when they are wider, as the static SVG scales to the page. */
const FIT_KINDS = new Set(["plot", "curves", "spectrum", "gradflow"]);

/** Figures drawn as a grid of heat maps in the payload's frame (panels, labels, titles, colour bar). */
const HEAT_GRID_KINDS = new Set(["attention", "gates"]);

/**
 * A grid of heat maps (attention, gates): both drawings print the payload's axis titles and
 * colour-bar title, in the text roles' ink, size and weight (category labels and titles in the text
 * ink, colour-bar ticks muted, panel titles semibold), and plot every panel's cells at the payload's
 * cell size (square for attention), within 1 px.
 */
function compareHeatGrid(name, kind, bundle, d) {
  const p = bundle[`application/vnd.seqgrad.${kind}.v1+json`];
  const scale = kind === "attention" ? p.colorScale : p.gates[0].colorScale;
  const axisTitles = [...new Set(kind === "attention" ? [p.rowTitle, p.colTitle] : [p.rowTitle])].filter((t) => t.length > 0).sort();
  check(JSON.stringify(d.labAxisTitles) === JSON.stringify(axisTitles) && JSON.stringify(d.svgAxisTitles) === JSON.stringify(axisTitles), `${name}: axis titles differ from the payload's; payload ${axisTitles.join(" | ")} | lab ${d.labAxisTitles.join(" | ")} | svg ${d.svgAxisTitles.join(" | ")}`);
  const barTitle = scale.title.length > 0 ? [scale.title] : [];
  check(JSON.stringify(d.labBarTitles) === JSON.stringify(barTitle) && JSON.stringify(d.svgBarTitles) === JSON.stringify(barTitle), `${name}: colour-bar titles differ from the payload's; payload ${barTitle.join(" ")} | lab ${d.labBarTitles.join(" ")} | svg ${d.svgBarTitles.join(" ")}`);
  check(d.svgCaptions.length === 0, `${name}: the static drawing prints a caption the payload does not carry: ${d.svgCaptions.join(" | ")}`);
  const cells = p.frame.panels.map((b, k) => {
    const m = kind === "attention" ? p.panels[k].matrix : p.gates[k].matrix;
    return [m.colIndex.length, m.rowIndex.length];
  });
  const want = kind === "attention" ? [p.cell, p.cell] : [p.cellWidth, p.cellHeight];
  const cellOf = (sizes) => sizes.map(([w, h], k) => [w / (cells[k]?.[0] ?? 1), h / (cells[k]?.[1] ?? 1)]);
  for (const [who, sizes] of [["lab", d.labPanelSizes], ["svg", d.svgPanelSizes]]) {
    check(sizes.length === cells.length, `${name}: ${who} panels; expected ${cells.length}, got ${sizes.length}`);
    const bad = cellOf(sizes).filter(([w, h]) => Math.abs(w - want[0]) > CELL_TOLERANCE || Math.abs(h - want[1]) > CELL_TOLERANCE);
    check(bad.length === 0, `${name}: ${who} cells are not the payload's ${want[0]} x ${want[1]} px: ${bad.slice(0, 3).map(([w, h]) => `${w.toFixed(2)} x ${h.toFixed(2)}`).join(", ")}`);
  }
}

/**
 * Text roles of heat maps (attention, gates, tensors): each drawing prints a role in its own ink of
 * that name (the static drawing's INK, the lab's theme), both at the same size and weight: category
 * labels and titles in the text ink, colour-bar ticks muted, panel titles semibold.
 */
function compareTextRoles(name, d) {
  const roles = [
    ["category labels in the text ink", d.labCategoryLook, d.svgCategoryLook, d.labTitleInk, d.svgTitleInk],
    ["colour-bar ticks in the muted ink", d.labBarTickLook, d.svgBarTickLook, d.labSubtitleInk, d.svgSubtitleInk],
    ["panel titles in the text ink", d.labPanelTitleLook, d.svgPanelTitleLook, d.labTitleInk, d.svgTitleInk],
    ["axis titles in the text ink", d.labAxisTitleLook, d.svgAxisTitleLook, d.labTitleInk, d.svgTitleInk],
  ];
  for (const [what, lab, svg, labInk, svgInk] of roles) {
    const labInks = [...new Set(lab.map((l) => l.ink))];
    const svgInks = [...new Set(svg.map((l) => l.ink))];
    check(labInks.every((c) => c === labInk) && svgInks.every((c) => c === svgInk), `${name}: ${what}; lab ${labInks.join(" ")} (text ${labInk}) | svg ${svgInks.join(" ")} (text ${svgInk})`);
    const sizes = (l) => [...new Set(l.map((x) => `${x.size}/${x.weight}`))].sort().join(" ");
    check(sizes(lab) === sizes(svg), `${name}: ${what.split(" in ")[0]}: size/weight differ; lab ${sizes(lab)} | svg ${sizes(svg)}`);
  }
}

/** Pixels by which a heat map's axis title or colour bar may sit apart in the two drawings. */
const PLACE_TOLERANCE = 3;

/**
 * Heat maps: every axis and panel title's centre and the colour bar's box, measured from the first
 * panel's cells, agree within `PLACE_TOLERANCE` px in the two drawings.
 */
function compareHeatPlaces(name, d) {
  const far = [];
  d.svgHeatTitlesAt.forEach(([t, x, y], i) => {
    const lab = d.labHeatTitlesAt[i];
    if (lab === undefined || lab[0] !== t || Math.abs(lab[1] - x) > PLACE_TOLERANCE || Math.abs(lab[2] - y) > PLACE_TOLERANCE) far.push(`${t} svg (${x.toFixed(1)}, ${y.toFixed(1)}) lab ${lab === undefined ? "none" : `${lab[0]} (${lab[1].toFixed(1)}, ${lab[2].toFixed(1)})`}`);
  });
  check(d.labHeatTitlesAt.length === d.svgHeatTitlesAt.length && far.length === 0, `${name}: axis titles placed apart (${d.labHeatTitlesAt.length} lab, ${d.svgHeatTitlesAt.length} svg): ${far.slice(0, 3).join("; ")}`);
  const apart = d.svgPanelTitlesAt.filter(([t, x, y], i) => {
    const lab = d.labPanelTitlesAt[i];
    return lab === undefined || lab[0] !== t || Math.abs(lab[1] - x) > PLACE_TOLERANCE || Math.abs(lab[2] - y) > PLACE_TOLERANCE;
  });
  check(d.labPanelTitlesAt.length === d.svgPanelTitlesAt.length && apart.length === 0, `${name}: panel titles placed apart: svg ${JSON.stringify(d.svgPanelTitlesAt.slice(0, 2))} | lab ${JSON.stringify(d.labPanelTitlesAt.slice(0, 2))}`);
  const [lab, svg] = [d.labColorBarAt, d.svgColorBarAt];
  const show = (b) => (b === null ? "none" : b.map((n) => n.toFixed(1)).join(", "));
  check(lab !== null && svg !== null && lab.every((n, i) => Math.abs(n - svg[i]) <= PLACE_TOLERANCE), `${name}: colour bars differ (x, y, width, height from the cells); lab ${show(lab)} | svg ${show(svg)}`);
}

/** Pixels by which a drawn cell's side may differ from the payload's cell size (a panel's size over its cells). */
const CELL_TOLERANCE = 0.05;

/** Pixels by which the lab's plotted width or height may differ from the static drawing's. */
const SIZE_TOLERANCE = 2;
/** Pixels by which a legend entry's text may sit apart in the two drawings (plotly pads its legends). */
const LEGEND_TOLERANCE = 14;
/** Pixels by which the lab heading's centre may sit off the figure's centre. */
const HEADING_TOLERANCE = 6;
/** x-y figures whose payload lays them out (sizes of the plotted boxes, legends, panel titles). */
const LAID_OUT_KINDS = new Set(["plot", "curves", "spectrum", "gradflow"]);

/**
 * The text roles of an x-y figure, in both drawings: numeric tick labels in one muted ink (the
 * subtitle's, where there is one; never the text ink), legend names, axis and panel titles in the
 * text ink (the heading title's, or without a heading the axis titles'), with the same sizes and weights.
 */
function compareXyRoles(name, d) {
  const inks = (l) => [...new Set(l.map((x) => x.ink))];
  const sizes = (l) => [...new Set(l.map((x) => `${x.size}/${x.weight}`))].sort().join(" ");
  for (const [who, ticks, legend, titles, axisTitles, titleInk, subtitleInk, hasTitle, hasSubtitle] of [
    ["lab", d.labTickLook, d.labLegendLook, d.labPanelTitleLook, d.labAxisTitleLook, d.labTitleInk, d.labSubtitleInk, d.labHeading.length > 0, d.labHasSubtitle],
    ["svg", d.svgTickLook, d.svgLegendLook, d.svgPanelTitleLook, d.svgAxisTitleLook, d.svgTitleInk, d.svgSubtitleInk, d.svgHeading.length > 0, d.svgHasSubtitle],
  ]) {
    const text = hasTitle ? titleInk : axisTitles[0]?.ink;
    const tickInks = inks(ticks);
    check(tickInks.length <= 1 && (hasSubtitle ? tickInks.every((c) => c === subtitleInk) : tickInks.every((c) => c !== text)), `${name}: ${who} tick labels not in the one muted ink: ${tickInks.join(" ")} (text ${text}, subtitle ${hasSubtitle ? subtitleInk : "none"})`);
    for (const [what, list] of [["legend names", legend], ["panel titles", titles], ["axis titles", axisTitles]]) {
      check(inks(list).every((c) => c === text), `${name}: ${who} ${what} not in the text ink: ${inks(list).join(" ")} (text ${text})`);
    }
  }
  for (const [what, lab, svg] of [["tick labels", d.labTickLook, d.svgTickLook], ["legend names", d.labLegendLook, d.svgLegendLook], ["panel titles", d.labPanelTitleLook, d.svgPanelTitleLook], ["axis titles", d.labAxisTitleLook, d.svgAxisTitleLook]]) {
    check(sizes(lab) === sizes(svg), `${name}: ${what}: size/weight differ; lab ${sizes(lab)} | svg ${sizes(svg)}`);
  }
}

/** Whether a figure of those kinds is an x-y chart laid out by its payload (not a heat map or bar chart). */
function laidOut(kind, bundle) {
  const p = bundle[`application/vnd.seqgrad.${kind}.v1+json`];
  return kind !== "plot" || p.type === "line" || p.type === "scatter";
}
/** Figures whose axis titles both drawings print (attention, gates and gradient flow are compared elsewhere). */
const AXIS_TITLE_KINDS = new Set(["plot", "tensor", "spectrum"]);

/** Figures whose x-y panels both drawings frame (or both leave open). */
const FRAME_KINDS = new Set(["plot", "curves", "spectrum"]);

/** Whether the payload decides the chart's plotted size (heat maps of square cells, bar charts): then the lab must plot at it. */
function fixedSize(kind, bundle) {
  const p = bundle[`application/vnd.seqgrad.${kind}.v1+json`];
  if (kind === "plot") return p.type === "heatmap" || p.type === "bar";
  if (kind === "tensor") return p.view.type === "heatmap" || p.view.type === "slices";
  return false;
}

/** The static SVG of a bundle, drawn from its payload as the handouts draw it. */
function staticSvg(viz, bundle) {
  const mime = Object.keys(bundle).find((m) => SEQGRAD.test(m));
  return mime === undefined ? "" : viz.fromPayload(mime, bundle[mime]).toSVG();
}

export function kindOf(bundle) {
  for (const mime of Object.keys(bundle)) {
    const m = SEQGRAD.exec(mime);
    if (m !== null) return m[1];
  }
  return "";
}

/** What a drawing shows, read in the page: tick texts, series colours, panels. */
function readDrawings(section) {
  // "#rrggbb", with "/alpha" when not opaque (the lab theme's inks differ by alpha: rgba(0, 0, 0, 0.87) and 0.54)
  const rgb = (c) => {
    const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?/.exec(c ?? "");
    if (m === null) return (c ?? "").toLowerCase();
    const alpha = m[4] === undefined || Number(m[4]) >= 1 ? "" : `/${Number(m[4])}`;
    return `#${[m[1], m[2], m[3]].map((v) => Number(v).toString(16).padStart(2, "0")).join("")}${alpha}`;
  };
  // the painted ink of an SVG text: its fill, with the opacity plotly splits an rgba colour into (fill-opacity, or opacity on titles)
  const ink = (t) => {
    const s = getComputedStyle(t);
    const c = rgb(s.fill);
    const opacity = Number(s.fillOpacity) * Number(s.opacity);
    return c.includes("/") || !(opacity < 1) ? c : `${c}/${Math.round(opacity * 100) / 100}`;
  };
  const lab = section.querySelector(".jp-seqgrad-figure");
  const svg = section.querySelector(".side-by-side-static svg");
  const plot = lab?.querySelector(".js-plotly-plot");
  const texts = (root, selector) => [...(root?.querySelectorAll(selector) ?? [])].map((t) => t.textContent ?? "").filter((t) => t.length > 0);
  const layout = plot?._fullLayout;
  const labPanels = layout === undefined ? [] : Object.keys(layout).filter((k) => /^yaxis\d*$/.test(k)).sort((a, b) => Number(a.slice(5) || 1) - Number(b.slice(5) || 1)).map((k) => layout[k].type);
  // heat maps: the colour bar's ticks (their row and column labels are categories, compared apart)
  const heat = plot?.querySelector(".heatmaplayer, g.hm") !== null && plot?.querySelector(".heatmaplayer, g.hm") !== undefined;
  const bars = plot?.querySelector(".barlayer .trace") !== null && plot?.querySelector(".barlayer .trace") !== undefined;
  const unique = (list) => [...new Set(list)].sort();
  // a text's look: its painted ink, size (px) and weight
  const look = (nodes) => [...(nodes ?? [])].filter((t) => (t.textContent ?? "").length > 0).map((t) => {
    const s = getComputedStyle(t);
    return { ink: ink(t), size: Math.round(parseFloat(s.fontSize)), weight: Number(s.fontWeight) >= 550 ? "bold" : "normal" };
  });
  const AXIS_TITLES = "g[class^='g-x'][class$='title'] text, g[class^='g-y'][class$='title'] text";
  // the texts of the lab's annotations named "note" (a chart's note, not a panel title)
  const labNoteTexts = new Set((layout?.annotations ?? []).filter((a) => a.name === "note").map((a) => a.text));
  const note = (t, fig, scale) => {
    const r = t.getBoundingClientRect();
    const f = fig.getBoundingClientRect();
    const s = getComputedStyle(t);
    return { text: t.textContent ?? "", ink: ink(t), size: Math.round(parseFloat(s.fontSize)), weight: Number(s.fontWeight) >= 550 ? "bold" : "normal", dx: ((r.left + r.right) / 2 - (f.left + f.right) / 2) / scale, dy: (f.bottom - (r.top + r.bottom) / 2) / scale };
  };
  const panelTitles = new Set([...(svg?.querySelectorAll("text.panel-title") ?? [])].map((t) => t.textContent ?? ""));
  // the lab's annotations of a name ("axis-title", "panel-title", "colorbar-title"; cell values have none), as painted
  const annotated = (test) => (layout?.annotations ?? []).map((a, i) => [a, i]).filter(([a]) => test(a.name)).map(([, i]) => plot?.querySelector(`.annotation[data-index="${i}"] .annotation-text`)).filter((t) => t !== null && t !== undefined);
  const labAxisTitleNodes = [...(plot?.querySelectorAll(AXIS_TITLES) ?? []), ...annotated((n) => n === "axis-title")];
  // centres of texts relative to a box's top left corner, sorted by text and place
  const centres = (nodes, origin) => origin === null || origin === undefined ? [] : [...nodes].filter((t) => (t.textContent ?? "").length > 0).map((t) => {
    const r = t.getBoundingClientRect();
    return [t.textContent ?? "", (r.left + r.right) / 2 - origin.x, (r.top + r.bottom) / 2 - origin.y];
  }).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
  const svgHeatOrigin = (() => {
    const r = svg?.querySelector("rect.heatmap-frame")?.getBoundingClientRect();
    return r === undefined ? null : { x: r.left, y: r.top };
  })();
  // a box relative to an origin: [x, y, width, height]
  const boxAt = (el, origin) => {
    if (el === null || el === undefined || origin === null) return null;
    const r = el.getBoundingClientRect();
    return [r.left - origin.x, r.top - origin.y, r.width, r.height];
  };
  // the top left corner of the lab's first plotted box, in the page
  // the scale each drawing is shown at (the lab fits a wide chart to its column, the static SVG scales to its box)
  const labScale = (() => {
    const main = plot?.querySelector(".main-svg");
    return main === null || main === undefined || !(layout?.width > 0) ? 1 : main.getBoundingClientRect().width / layout.width;
  })();
  const svgScale = svg === null || svg === undefined || !(svg.viewBox?.baseVal?.width > 0) ? 1 : svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  // the top of a heading line's glyphs below `top`, in figure pixels (null without that line)
  const headingTop = (el, top, scale = 1) => {
    if (el === null || el === undefined) return null;
    const range = document.createRange();
    range.selectNodeContents(el);
    const r = el instanceof SVGElement ? el.getBoundingClientRect() : range.getBoundingClientRect();
    return (r.top - top) / scale;
  };
  const labPlotOrigin = () => {
    const main = plot?.querySelector(".main-svg");
    if (layout?.xaxis === undefined || layout?.yaxis === undefined || main === null || main === undefined) return null;
    const m = main.getBoundingClientRect();
    return { x: m.left + layout.xaxis._offset * labScale, y: m.top + layout.yaxis._offset * labScale };
  };
  // category labels cut at the drawing's edge (static SVG), or upright ones overlapping a neighbour (boxes 1 px inset)
  const labelTrouble = (frameEl, labels) => {
    if (frameEl === undefined) return [];
    const f = frameEl === null ? { left: -Infinity, right: Infinity, top: -Infinity, bottom: Infinity } : frameEl.getBoundingClientRect();
    const boxes = labels.filter((t) => (t.textContent ?? "").length > 0).map((t) => ({ t: t.textContent, r: t.getBoundingClientRect(), upright: !/rotate\((?!0)/.test(t.getAttribute("transform") ?? "") }));
    const out = boxes.filter((b) => b.r.left < f.left - 1 || b.r.right > f.right + 1 || b.r.top < f.top - 1 || b.r.bottom > f.bottom + 1).map((b) => `cut: ${b.t}`);
    const up = boxes.filter((b) => b.upright);
    for (let i = 0; i < up.length; i += 1) {
      for (let j = i + 1; j < up.length; j += 1) {
        const a = up[i].r;
        const c = up[j].r;
        if (a.left + 1 < c.right && c.left + 1 < a.right && a.top + 1 < c.bottom && c.top + 1 < a.bottom) out.push(`overlap: ${up[i].t} / ${up[j].t}`);
      }
    }
    return out;
  };
  return {
    // labels must lie inside the lab's chart (a chart wider than the output scrolls, so its own box is the edge)
    labLabelTrouble: labelTrouble(plot?.querySelector(".main-svg") ?? null, [...(plot?.querySelectorAll(".xaxislayer-above text, .yaxislayer-above text") ?? [])].filter(() => heat || bars)),
    svgLabelTrouble: labelTrouble(svg ?? undefined, [...(svg?.querySelectorAll("text.category") ?? [])]),
    // category labels (tokens, indices, bar names) as the payload chose them, in both drawings
    labCategories: unique(heat ? texts(plot, ".xaxislayer-above text, .yaxislayer-above text") : bars ? texts(plot, ".xaxislayer-above text") : []),
    svgCategories: unique(texts(svg, "text.category")),
    bars,
    labTicks: texts(plot, heat ? ".colorbar text" : ".xaxislayer-above text, .yaxislayer-above text"),
    svgTicks: texts(svg, "text.tick"),
    labColors: [...new Set([...(plot?.querySelectorAll(".scatterlayer .trace path.js-line") ?? [])].map((p) => rgb(p.style.stroke)).filter((c) => c !== ""))].sort(),
    svgColors: [...new Set([...(svg?.querySelectorAll("polyline.series") ?? [])].map((p) => (p.getAttribute("stroke") ?? "").toLowerCase()))].sort(),
    // the fills of a bar strip's bars (a tensor's values), one set of colours in each drawing
    labBarFills: unique([...(plot?.querySelectorAll(".barlayer .point path") ?? [])].map((p) => rgb(getComputedStyle(p).fill))),
    svgBarFills: unique([...(svg?.querySelectorAll("rect.bar") ?? [])].map((r) => rgb(getComputedStyle(r).fill)).filter((c) => c !== "#ff00ff")),
    labPanels,
    svgPanels: [...(svg?.querySelectorAll("g.panel") ?? [])].map((g) => (g.getAttribute("data-y-scale") === "log" ? "log" : "linear")),
    // axis titles, and the plotted size of a chart of fixed size (null when the lab autosizes it)
    labAxisTitles: unique(labAxisTitleNodes.map((t) => t.textContent ?? "").filter((t) => t.length > 0)),
    svgAxisTitles: unique(texts(svg, "text.axis-label")),
    labFramed: layout !== undefined && layout.xaxis?.showline === true && layout.xaxis?.mirror === true,
    svgFramed: svg?.querySelector("rect.frame, rect.heatmap-frame") !== null && svg?.querySelector("rect.frame, rect.heatmap-frame") !== undefined,
    labAxisTitleInk: labAxisTitleNodes.map(ink),
    svgAxisTitleInk: [...(svg?.querySelectorAll("text.axis-label") ?? [])].map(ink),
    labTitleInk: rgb(getComputedStyle(lab?.querySelector(".jp-seqgrad-heading-title") ?? document.body).color),
    svgTitleInk: rgb(getComputedStyle(svg?.querySelector("text.title") ?? svg ?? document.body).fill),
    labPlotSize: layout === undefined || layout.autosize !== false ? null : [layout.xaxis._length, layout.yaxis._length],
    svgPlotSize: (() => {
      const r = svg?.querySelector("rect.plot-area");
      return r === null || r === undefined ? null : [Number(r.getAttribute("width")), Number(r.getAttribute("height"))];
    })(),
    // heat-map grids: colour-bar titles, captions, the look of each text role, each panel's plotted size
    labBarTitles: [...(layout?.annotations ?? []).filter((a) => a.name === "colorbar-title").map((a) => a.text), ...texts(plot, ".colorbar .cbtitle text")],
    svgBarTitles: texts(svg, "text.colorbar-title"),
    svgCaptions: texts(svg, "text.caption"),
    labCategoryLook: look(bars ? plot?.querySelectorAll(".xaxislayer-above text") : plot?.querySelectorAll(".xaxislayer-above text, .yaxislayer-above text")),
    labBarCategoryLook: look(plot?.querySelectorAll(".xaxislayer-above text")),
    svgCategoryLook: look(svg?.querySelectorAll("text.category")),
    labBarTickLook: look(plot?.querySelectorAll(".colorbar .cbaxis text, .colorbar .ytick text")),
    svgBarTickLook: look(svg?.querySelectorAll("text.tick")),
    labPanelTitleLook: look([...(plot?.querySelectorAll(".annotation-text") ?? [])].filter((t) => panelTitles.has(t.textContent ?? ""))),
    svgPanelTitleLook: look(svg?.querySelectorAll("text.panel-title")),
    labAxisTitleLook: look(labAxisTitleNodes),
    // heat maps: axis titles' centres and the colour bar's box, from the first panel's cells' top left corner
    labHeatTitlesAt: centres(labAxisTitleNodes, labPlotOrigin()),
    labPanelTitlesAt: centres(annotated((n) => n === "panel-title"), labPlotOrigin()),
    svgPanelTitlesAt: centres(svg?.querySelectorAll("text.panel-title") ?? [], svgHeatOrigin),
    svgHeatTitlesAt: centres(svg?.querySelectorAll("text.axis-label") ?? [], svgHeatOrigin),
    labColorBarAt: boxAt(plot?.querySelector(".colorbar .cbfill"), labPlotOrigin()),
    svgColorBarAt: boxAt(svg?.querySelector("rect.colorbar-frame"), svgHeatOrigin),
    svgAxisTitleLook: look(svg?.querySelectorAll("text.axis-label")),
    // numeric tick labels (gradient flow's parameter names are category labels)
    labTickLook: look([...(plot?.querySelectorAll(".xaxislayer-above text, .yaxislayer-above text") ?? [])].filter((t) => /^[\u2212-]?\d+(\.\d+)?(e[\u2212-]?\d+)?$/.test(t.textContent ?? ""))),
    svgTickLook: look(svg?.querySelectorAll("text.tick")),
    labLegendLook: look([...(plot?.querySelectorAll("g.traces") ?? [])].map((g) => g.querySelector("text")).filter((t) => t !== null)),
    svgLegendLook: look(svg?.querySelectorAll("g.legend text")),
    labHasSubtitle: lab?.querySelector(".jp-seqgrad-heading-subtitle") !== null,
    svgHasSubtitle: svg?.querySelector("text.subtitle") !== null,
    labSubtitleInk: rgb(getComputedStyle(lab?.querySelector(".jp-seqgrad-heading-subtitle") ?? document.body).color),
    svgSubtitleInk: rgb(getComputedStyle(svg?.querySelector("text.subtitle") ?? svg ?? document.body).fill),
    labPanelSizes: layout === undefined ? [] : Object.keys(layout).filter((k) => /^xaxis\d*$/.test(k)).sort((a, b) => Number(a.slice(5) || 1) - Number(b.slice(5) || 1)).map((k) => [layout[k]._length, layout[`y${k.slice(1)}`]?._length ?? NaN]),
    svgPanelSizes: [...(svg?.querySelectorAll("rect.heatmap-frame") ?? [])].map((r) => [Number(r.getAttribute("width")), Number(r.getAttribute("height"))]),
    labNodes: lab?.querySelectorAll(".jp-seqgrad-node").length ?? 0,
    // values printed in heat-map cells, row by row
    labCellValues: annotated((n) => n === undefined || n === "").map((t) => t.textContent ?? "").filter((t) => t.length > 0),
    svgCellValues: texts(svg, "text.value"),
    // graph: the text lines of every node, and the hover text of the static nodes
    labNodeLines: texts(lab, ".jp-seqgrad-node text"),
    svgNodeLines: texts(svg, "g.node text"),
    svgNodeTitles: [...(svg?.querySelectorAll("g.node") ?? [])].filter((g) => (g.querySelector("title")?.textContent ?? "").length > 0).length,
    // graph and unrolled: the heading, and colours as the page paints them (CSS could override an attribute)
    labHeading: texts(lab, ".jp-seqgrad-heading-title, .jp-seqgrad-heading-subtitle"),
    svgHeading: texts(svg, ":scope > text.title, :scope > text.subtitle"),
    labNodeFills: [...(lab?.querySelectorAll(".jp-seqgrad-node > rect, .jp-seqgrad-cell > rect") ?? [])].map((r) => rgb(getComputedStyle(r).fill)),
    svgNodeFills: [...(svg?.querySelectorAll("g.node > rect, g.cell > rect") ?? [])].map((r) => rgb(getComputedStyle(r).fill)),
    // unrolled: the text of every box, edge colours and labels, the colour bar's ticks, hover texts
    labCellLines: texts(lab, ".jp-seqgrad-cell text"),
    svgCellLines: texts(svg, "g.cell text"),
    labEdgeColors: [...(lab?.querySelectorAll(".jp-seqgrad-uedge-line") ?? [])].map((p) => rgb(getComputedStyle(p).stroke)),
    svgEdgeColors: [...(svg?.querySelectorAll("g.edge > polyline") ?? [])].map((p) => rgb(getComputedStyle(p).stroke)),
    labEdgeLabels: texts(lab, ".jp-seqgrad-edge-label"),
    svgEdgeLabels: texts(svg, "text.edge-label"),
    labBarTicks: texts(lab, ".jp-seqgrad-colorbar .jp-seqgrad-tick"),
    svgBarTicks: texts(svg, "g.colorbar text.tick"),
    labShades: plot?.querySelectorAll(".layer-below .shapelayer path").length ?? 0,
    svgShades: svg?.querySelectorAll("rect.row-shade").length ?? 0,
    // legend entries of every plotly legend (the chart's and the parameter panel's own)
    labLegend: [...(plot?.querySelectorAll("g.traces") ?? [])].map((g) => g.textContent ?? "").filter((t) => t.length > 0).sort(),
    svgLegend: texts(svg, "g.legend text").sort(),
    // x-y layouts: legend entries relative to the first plotted box, the boxes' sizes, panel titles, heading centre
    labLegendAt: (() => {
      const origin = labPlotOrigin();
      return origin === null ? [] : [...(plot?.querySelectorAll("g.traces") ?? [])].map((g) => g.querySelector("text")).filter((t) => t !== null).map((t) => { const r = t.getBoundingClientRect(); return [t.textContent ?? "", (r.left - origin.x) / labScale, (r.top - origin.y) / labScale]; });
    })(),
    svgLegendAt: (() => {
      const f = svg?.querySelector("rect.frame, rect.plot-area")?.getBoundingClientRect();
      return f === undefined ? [] : [...(svg?.querySelectorAll("g.legend text") ?? [])].map((t) => { const r = t.getBoundingClientRect(); return [t.textContent ?? "", (r.left - f.left) / svgScale, (r.top - f.top) / svgScale]; });
    })(),
    // the first plotted box's margins in its figure (left, right, bottom; figure pixels): the payload's layout in both
    labMargins: layout?.xaxis === undefined || layout?.yaxis === undefined ? null : [layout.xaxis._offset, layout.width - layout.xaxis._offset - layout.xaxis._length, layout.height - layout.yaxis._offset - layout.yaxis._length],
    svgMargins: (() => {
      const r = svg?.querySelector("rect.frame, rect.plot-area");
      if (r === null || r === undefined) return null;
      const [x, y, w, h] = ["x", "y", "width", "height"].map((a) => Number(r.getAttribute(a)));
      return [x, svg.viewBox.baseVal.width - x - w, svg.viewBox.baseVal.height - y - h];
    })(),
    // where the heading, the first plotted box, its tick labels and axis titles sit (figure pixels; see compareGeometry)
    labGeometry: (() => {
      const main = plot?.querySelector(".main-svg");
      if (layout?.xaxis === undefined || layout?.yaxis === undefined || main === null || main === undefined) return null;
      const top = lab.getBoundingClientRect().top;
      const m = main.getBoundingClientRect();
      const box = { left: m.left + layout.xaxis._offset * labScale, top: m.top + layout.yaxis._offset * labScale };
      box.bottom = box.top + layout.yaxis._length * labScale;
      const rects = (sel) => [...plot.querySelectorAll(sel)].filter((t) => (t.textContent ?? "").length > 0).map((t) => t.getBoundingClientRect());
      const xTitle = rects(".g-xtitle text")[0];
      const yTitle = rects(".g-ytitle text")[0];
      const yTicks = rects(".yaxislayer-above .ytick text");
      const xTicks = rects(".xaxislayer-above .xtick text");
      return {
        // the heading is never scaled: its places are figure pixels as they are
        titleTop: headingTop(lab.querySelector(".jp-seqgrad-heading-title"), top),
        subtitleTop: headingTop(lab.querySelector(".jp-seqgrad-heading-subtitle"), top),
        plotTop: labScale === 1 && lab.querySelector(".jp-seqgrad-progress") === null ? box.top - top : null,
        xTitleGap: xTitle === undefined ? null : (xTitle.top - box.bottom) / labScale,
        yTitleGap: yTitle === undefined ? null : (box.left - yTitle.right) / labScale,
        yTickGap: yTicks.length === 0 ? null : Math.min(...yTicks.map((r) => box.left - r.right)) / labScale,
        xTickGap: xTicks.length === 0 ? null : Math.min(...xTicks.map((r) => r.top - box.bottom)) / labScale,
      };
    })(),
    svgGeometry: (() => {
      const frame = svg?.querySelector("rect.frame, rect.plot-area");
      if (frame === null || frame === undefined) return null;
      const top = svg.getBoundingClientRect().top;
      const f = frame.getBoundingClientRect();
      const panel = frame.closest("g.panel") ?? svg;
      const rects = (sel) => [...panel.querySelectorAll(sel)].filter((t) => (t.textContent ?? "").length > 0).map((t) => t.getBoundingClientRect());
      // (the y title is the rotated one)
      const titles = [...panel.querySelectorAll("text.axis-label")].filter((t) => (t.textContent ?? "").length > 0).map((t) => ({ r: t.getBoundingClientRect(), rotated: /rotate\(/.test(t.getAttribute("transform") ?? "") }));
      const xTitle = titles.filter((t) => !t.rotated && t.r.top >= f.bottom - 1).map((t) => t.r).sort((a, b) => a.top - b.top)[0];
      const yTitle = titles.filter((t) => t.rotated && t.r.right <= f.left + 1).map((t) => t.r).sort((a, b) => b.right - a.right)[0];
      const yTicks = rects("text.tick").filter((r) => r.right <= f.left + 1);
      const xTicks = rects("text.tick, text.category").filter((r) => r.top >= f.bottom - 1);
      return {
        titleTop: headingTop(svg.querySelector(":scope > text.title"), top, svgScale),
        subtitleTop: headingTop(svg.querySelector(":scope > text.subtitle"), top, svgScale),
        plotTop: (f.top - top) / svgScale,
        xTitleGap: xTitle === undefined ? null : (xTitle.top - f.bottom) / svgScale,
        yTitleGap: yTitle === undefined ? null : (f.left - yTitle.right) / svgScale,
        yTickGap: yTicks.length === 0 ? null : Math.min(...yTicks.map((r) => f.left - r.right)) / svgScale,
        xTickGap: xTicks.length === 0 ? null : Math.min(...xTicks.map((r) => r.top - f.bottom)) / svgScale,
      };
    })(),
    labFixed: layout !== undefined && layout.autosize === false,
    labSize: layout === undefined ? null : [layout.width, layout.height, layout._size, layout.yaxis?.domain],
    labFrames: layout === undefined ? [] : Object.keys(layout).filter((k) => /^xaxis\d*$/.test(k) && layout[k].visible !== false).sort((a, b) => Number(a.slice(5) || 1) - Number(b.slice(5) || 1)).map((k) => [layout[k]._length, layout[layout[k].anchor === undefined || layout[k].anchor === "free" ? "yaxis" : `yaxis${layout[k].anchor.slice(1)}`]?._length]),
    svgFrames: [...(svg?.querySelectorAll("rect.frame") ?? [])].map((r) => [Number(r.getAttribute("width")), Number(r.getAttribute("height"))]),
    labPanelTitles: [...(plot?.querySelectorAll(".annotation-text") ?? [])].map((t) => t.textContent ?? "").filter((t) => !labNoteTexts.has(t)),
    // a chart's note (curves before the first value): its text, look and centre, measured from the figure's bottom centre in figure pixels
    labNotes: [...(plot?.querySelectorAll(".annotation-text") ?? [])].filter((t) => labNoteTexts.has(t.textContent ?? "")).map((t) => note(t, plot?.querySelector(".main-svg"), labScale)),
    svgNotes: [...(svg?.querySelectorAll("text.note") ?? [])].map((t) => note(t, svg, svgScale)),
    labVisibleAxes: layout === undefined ? 0 : Object.keys(layout).filter((k) => /^[xy]axis\d*$/.test(k) && layout[k].visible !== false).length,
    svgFrameCount: svg?.querySelectorAll("rect.frame").length ?? 0,
    svgPanelTitles: texts(svg, "text.panel-title"),
    labPanelTitleWeights: [...(plot?.querySelectorAll(".annotation-text") ?? [])].filter((t) => !labNoteTexts.has(t.textContent ?? "")).map((t) => String(getComputedStyle(t).fontWeight)),
    svgPanelTitleWeights: [...(svg?.querySelectorAll("text.panel-title") ?? [])].map((t) => String(getComputedStyle(t).fontWeight)),
    labHeadingOffset: (() => {
      const title = lab?.querySelector(".jp-seqgrad-heading-title");
      const main = plot?.querySelector(".main-svg");
      if (title === null || title === undefined || main === null || main === undefined) return null;
      const range = document.createRange();
      range.selectNodeContents(title);
      const t = range.getBoundingClientRect();
      const m = main.getBoundingClientRect();
      // (a figure wider than its output scrolls sideways, its heading centred over the visible part)
      if (m.width > (lab?.clientWidth ?? 0) + 1) return null;
      return (t.left + t.right) / 2 - (m.left + m.right) / 2;
    })(),
    // charts the lab fits to its column: the scale, boxes that scroll or cut sideways, texts outside the column
    labScale,
    labScrollers: [lab, ...(lab?.querySelectorAll("div") ?? [])].filter((e) => e !== null && e !== undefined && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== "visible").map((e) => `${e.className} ${e.scrollWidth}>${e.clientWidth}`),
    labTextsOutside: (() => {
      const col = lab?.getBoundingClientRect();
      if (col === undefined) return [];
      return [...(plot?.querySelectorAll("text") ?? [])].filter((t) => (t.textContent ?? "").length > 0 && t.closest(".hoverlayer") === null).map((t) => [t.textContent, t.getBoundingClientRect()]).filter(([, r]) => r.width > 0 && (r.left < col.left - 1 || r.right > col.right + 1)).map(([t, r]) => `${t} (${Math.round(r.left - col.left)}..${Math.round(r.right - col.left)} of ${Math.round(col.width)})`);
    })(),
    labRowNameInk: [...(plot?.querySelectorAll(".yaxislayer-above .y2tick text") ?? [])].map(ink),
    svgRowNameInk: [...(svg?.querySelectorAll("text.row-name") ?? [])].map(ink),
    svgCellTitles: [...(svg?.querySelectorAll("g.cell") ?? [])].filter((g) => (g.querySelector("title")?.textContent ?? "").length > 0).length,
  };
}

