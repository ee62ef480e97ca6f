// Checks of one typeset HTML handout page, run by the handout build just before it prints the
// page (which refuses every request outside the handout's folder): all math typeset without
// errors, figures shown from their static SVG, and in print media no code block or equation wider
// than its box and no punctuation after inline math starting the next line. Returns problems
// (strings) and measurements.

/** A4 minus the handout's side margins (12 mm each), in CSS pixels; landscape for wide figures. */
const PRINT_WIDTH_PX = Math.floor(((210 - 24) / 25.4) * 96);
const LANDSCAPE_WIDTH_PX = Math.floor(((297 - 24) / 25.4) * 96);
/** The smallest figure text a printed handout may have. */
export const MIN_FIGURE_TEXT_PT = 7;

export async function inspectPage(page, { figures, hasMath }) {
  const problems = [];
  const math = await page.evaluate(() => ({
    containers: document.querySelectorAll("mjx-container").length,
    errors: document.querySelectorAll("mjx-merror").length,
    rawDisplay: [...document.querySelectorAll(".jp-RenderedMarkdown")].some((el) => el.innerText.includes("$$")),
  }));
  if (hasMath && math.containers === 0) problems.push("no typeset math although the notebook has some");
  if (math.errors > 0) problems.push(`${math.errors} MathJax errors`);
  if (math.rawDisplay) problems.push("raw $$ left in the rendered markdown");
  const shownFigures = await page.evaluate(() => [...document.querySelectorAll(".jp-OutputArea-output")]
    .filter((o) => [...o.querySelectorAll("svg")].some((s) => !s.closest("mjx-container") && s.getBoundingClientRect().width > 20)).length);
  if (shownFigures < figures) problems.push(`expected ${figures} figure outputs drawn from their SVG; got ${shownFigures}`);

  await page.emulateMedia({ media: "print" });
  await page.setViewportSize({ width: PRINT_WIDTH_PX, height: 1100 });
  const printed = await page.evaluate(({ portrait, landscape, minPt }) => {
    const wide = [];
    const blocks = document.querySelectorAll(".jp-InputArea-editor pre, .jp-OutputArea-output pre, .jp-RenderedHTMLCommon pre, mjx-container[display=\"true\"]");
    for (const el of blocks) {
      if (el.scrollWidth > el.clientWidth + 1) wide.push(`${el.tagName.toLowerCase()} ${el.scrollWidth} > ${el.clientWidth}: ${el.textContent.slice(0, 50)}`);
    }
    let smallestFigureText = Infinity;
    const portraitText = new Map();
    for (const svg of document.querySelectorAll(".jp-OutputArea-output svg")) {
      if (svg.closest("mjx-container") || svg.parentElement?.closest("svg")) continue;
      const box = svg.getBoundingClientRect();
      const viewBox = svg.viewBox?.baseVal;
      // a wide figure prints on a landscape page, as much wider as that page is
      const width = svg.closest(".handout-wide") ? Math.min(viewBox.width, box.width + landscape - portrait) : box.width;
      const scale = viewBox && viewBox.width > 0 ? width / viewBox.width : 1;
      const portraitScale = viewBox && viewBox.width > 0 ? box.width / viewBox.width : 1;
      let smallest = Infinity;
      for (const text of svg.querySelectorAll("text")) {
        const size = parseFloat(getComputedStyle(text).fontSize);
        if (size > 0 && text.textContent.trim() !== "") smallest = Math.min(smallest, size);
      }
      smallestFigureText = Math.min(smallestFigureText, smallest * scale * 0.75);
      const cell = svg.closest(".handout-wide");
      if (cell) portraitText.set(cell, Math.min(portraitText.get(cell) ?? Infinity, smallest * portraitScale * 0.75));
    }
    // a cell goes to landscape pages only for a figure whose text would print too small on portrait
    const needless = [...portraitText].filter(([, pt]) => pt >= minPt)
      .map(([cell, pt]) => `${cell.querySelector("text")?.textContent.slice(0, 40)} (${pt.toFixed(1)} pt on portrait)`);
    // punctuation after inline math must not start the next line
    const orphaned = [];
    for (const math of document.querySelectorAll("mjx-container:not([display='true'])")) {
      const next = math.nextSibling;
      if (next?.nodeType !== Node.TEXT_NODE || !/^[,.;:!?)\]]/.test(next.data)) continue;
      const range = document.createRange();
      range.setStart(next, 0);
      range.setEnd(next, 1);
      if (range.getBoundingClientRect().top >= math.getBoundingClientRect().bottom - 1) {
        orphaned.push(`"${next.data.slice(0, 20)}" after ${math.textContent.slice(0, 20) || "math"}`);
      }
    }
    // a markdown table's text is the size of the paragraphs around it
    const tables = [...document.querySelectorAll(".jp-RenderedMarkdown table")].flatMap((table) => {
      const text = parseFloat(getComputedStyle(table.closest(".jp-RenderedMarkdown")).fontSize);
      const cell = parseFloat(getComputedStyle(table.querySelector("td, th") ?? table).fontSize);
      return cell === text ? [] : [`${cell} px in a table, ${text} px around it: ${table.textContent.trim().slice(0, 40)}`];
    });
    return { wide, blocks: blocks.length, smallestFigureText, orphaned, needless, tables };
  }, { portrait: PRINT_WIDTH_PX, landscape: LANDSCAPE_WIDTH_PX, minPt: MIN_FIGURE_TEXT_PT });
  problems.push(...printed.wide.map((w) => `wider than its box in print: ${w}`));
  problems.push(...printed.needless.map((n) => `prints on landscape pages although its figure's text fits a portrait page: ${n}`));
  problems.push(...printed.tables.map((t) => `table text of another size than the text around it: ${t}`));
  problems.push(...printed.orphaned.map((o) => `punctuation starts a line after inline math in print: ${o}`));
  return { problems, blocks: printed.blocks, mathContainers: math.containers, smallestFigureTextPt: printed.smallestFigureText };
}
