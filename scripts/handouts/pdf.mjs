// Prints HTML handouts to PDF with Debian's Chromium through playwright-core, once MathJax has
// typeset the page (its startup promise resolved) and the fonts are loaded. The page may load
// nothing from outside its own folder: a handout folder must work copied anywhere, offline.
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.SEQGRAD_CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--no-first-run", "--disable-sync"];
const TIMEOUT_MS = 120_000;

export async function launchChromium() {
  if (!existsSync(CHROMIUM)) throw new Error(`handouts: Chromium not found; expected ${CHROMIUM} (apt-get install chromium)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: TIMEOUT_MS });
}

/**
 * Prints `htmlPath` to `pdfPath` (A4 from the page's CSS, backgrounds, no header or footer).
 * `inspect(page)`, when given, runs on the typeset page first; its result is returned.
 */
export async function printPdf(browser, htmlPath, pdfPath, inspect) {
  const url = pathToFileURL(htmlPath).href;
  const folder = url.slice(0, url.lastIndexOf("/") + 1);
  const context = await browser.newContext({ viewport: { width: 1000, height: 1300 } });
  const refused = [];
  const errors = [];
  await context.route("**/*", (route) => {
    const target = route.request().url();
    if (target.startsWith(folder) || target.startsWith("data:")) return route.continue();
    refused.push(target);
    return route.abort();
  });
  try {
    const page = await context.newPage();
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(url, { waitUntil: "load", timeout: TIMEOUT_MS });
    await page.waitForFunction(() => window.MathJax?.startup?.promise !== undefined, undefined, { timeout: TIMEOUT_MS });
    await page.evaluate(async () => {
      await window.MathJax.startup.promise;
      await document.fonts.ready;
    });
    const mathErrors = await page.locator("mjx-merror").count();
    if (refused.length > 0 || errors.length > 0 || mathErrors > 0) {
      throw new Error(`${htmlPath}: ${mathErrors} MathJax errors; page errors: ${errors.join("; ") || "none"}; ` +
        `requests outside the handout folder: ${[...new Set(refused)].join(", ") || "none"}`);
    }
    const inspected = inspect === undefined ? undefined : await inspect(page);
    await page.emulateMedia({ media: "print" });
    await page.pdf({ path: pdfPath, printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false });
    return inspected;
  } finally {
    await context.close();
  }
}
