// Prints HTML handouts to PDF with Debian's Chromium through playwright-core, once MathJax has
// typeset the page (its startup promise resolved) and the fonts are loaded.
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

/** Opens `htmlPath` and resolves once its math is typeset; throws if MathJax reported errors. */
export async function openTypeset(browser, htmlPath) {
  const page = await browser.newPage({ viewport: { width: 1000, height: 1300 } });
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(pathToFileURL(htmlPath).href, { waitUntil: "load", timeout: TIMEOUT_MS });
  await page.waitForFunction(() => window.MathJax?.startup?.promise !== undefined, undefined, { timeout: TIMEOUT_MS });
  await page.evaluate(async () => {
    await window.MathJax.startup.promise;
    await document.fonts.ready;
  });
  const mathErrors = await page.locator("mjx-merror").count();
  if (errors.length > 0 || mathErrors > 0) {
    await page.close();
    throw new Error(`${htmlPath}: ${mathErrors} MathJax errors; page errors: ${errors.join("; ") || "none"}`);
  }
  return page;
}

/** Prints `htmlPath` to `pdfPath` (A4, backgrounds, no header or footer). */
export async function printPdf(browser, htmlPath, pdfPath) {
  const page = await openTypeset(browser, htmlPath);
  try {
    await page.emulateMedia({ media: "print" });
    await page.pdf({ path: pdfPath, printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false });
  } finally {
    await page.close();
  }
}
