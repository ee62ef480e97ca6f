/**
 * Opens the static fallback (`text/html`) of every gallery figure in Chromium and writes a PNG per
 * figure to test-artifacts/viz/, checking that each figure draws with a sensible size.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";
import { gallery } from "./gallery";

const CHROMIUM = "/usr/bin/chromium";
const OUT = resolve(__dirname, "../../test-artifacts/viz");
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];

describe.skipIf(!existsSync(CHROMIUM))("static figures in Chromium", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  for (const [name, figure] of gallery()) {
    it(`draws ${name} without scripts and at a readable size`, async () => {
      const html = `<div class="seqgrad-figure">${figure.toSVG()}</div>`;
      expect(html).not.toMatch(/<script|href=|xlink:href|url\(/i);
      writeFileSync(join(OUT, `${name}.html`), `<!doctype html><body style="margin:8px">${html}</body>`);
      await page.setContent(`<!doctype html><body style="margin:8px">${html}</body>`);
      const svg = page.locator(".seqgrad-figure svg");
      const box = await svg.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(150);
      expect(box?.height ?? 0).toBeGreaterThan(60);
      const outside: string[] = [];
      for (const label of await svg.locator(".legend text").all()) {
        const r = await label.boundingBox();
        if (box === null || r === null) continue;
        const inside = r.x >= box.x - 0.5 && r.x + r.width <= box.x + box.width + 0.5 && r.y >= box.y - 0.5 && r.y + r.height <= box.y + box.height + 0.5;
        if (!inside) outside.push((await label.textContent()) ?? "");
      }
      expect(outside, "legend labels outside the figure").toEqual([]);
      await svg.screenshot({ path: join(OUT, `${name}.png`) });
    }, 30_000);
  }
});
