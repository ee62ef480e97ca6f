// The training-step table in headless Chromium: the ESM build of the package (dist/esm/index.mjs)
// in a page, with the very models of the Node side (bench/lib/models.mjs), on the same WebAssembly
// backend. The page is served by a local server that sends the cross-origin isolation headers
// (COOP same-origin, COEP require-corp), so the page has SharedArrayBuffer and the tensors live
// in the backend's shared memory as in Node, and large kernels are split over a Web Worker helper
// as they are over a worker thread in Node (2 threads on 2 cores; `threads` in the output, and the
// chunks the helper ran). Debian's Chromium, driven by playwright-core.
//
//   node bench/browser-steps.mjs [--steps N] [--config NAME[,NAME]]   (on the built package)
//
// Prints { isolated, backend, detail, threads, browser, configs: { [name]: { ms, n, copies, helperChunks } } } as JSON.
import { createServer } from "node:http";
import { readFileSync, existsSync } from "node:fs";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];
const TYPES = { ".mjs": "text/javascript", ".js": "text/javascript", ".json": "application/json", ".html": "text/html" };
const SERVED = ["/dist/esm/", "/bench/lib/models.mjs", "/bench/configs.json"];

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

const PAGE = `<!doctype html><meta charset="utf-8"><title>seqgrad training steps</title>
<script type="module">
import * as sg from "/dist/esm/index.mjs";
import { model } from "/bench/lib/models.mjs";
window.bench = {
  info() {
    const b = sg.getBackend();
    const threads = b.threadStats?.().threads ?? 1;
    return { isolated: globalThis.crossOriginIsolated === true, backend: b.name, detail: b.detail ?? "", threads };
  },
  async run(config, warmup, steps) {
    const { loss, opt } = model(config, sg);
    const step = () => { opt.zeroGrad(); const v = loss(); v.backward(); opt.step(); return v.item(); };
    for (let i = 0; i < warmup; i++) step();
    const transfers = sg.getBackend().transfers;
    const before = transfers?.();
    const helped = () => sg.getBackend().threadStats?.().helperChunks ?? 0;
    const helpedBefore = helped();
    const times = [];
    for (let i = 0; i < steps; i++) {
      const t0 = performance.now();
      step();
      times.push(performance.now() - t0);
      // let the page's event loop turn between steps, as a training loop in a page does
      await new Promise((r) => setTimeout(r, 0));
    }
    const after = transfers?.();
    return { times, copies: before && after ? (after.copies - before.copies) / steps : null, helperChunks: helped() - helpedBefore };
  },
};
window.benchReady = true;
</script>`;

/** A static server for the page, the ESM build and the bench models, cross-origin isolated. */
function serve() {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    const headers = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp", "Cache-Control": "no-store" };
    if (path === "/" || path === "/index.html") {
      res.writeHead(200, { ...headers, "Content-Type": "text/html" });
      res.end(PAGE);
      return;
    }
    const file = join(root, path);
    if (!SERVED.some((p) => path.startsWith(p)) || !file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

async function main() {
  if (!existsSync(CHROMIUM)) throw new Error(`browser-steps: Chromium not found; expected ${CHROMIUM} (apt-get install chromium)`);
  const all = JSON.parse(readFileSync(join(root, "bench", "configs.json"), "utf8")).configs;
  const names = option("--config", null)?.split(",");
  const configs = names ? all.filter((c) => names.includes(c.name)) : all;
  const steps = Number(option("--steps", "10"));
  const server = await serve();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 90_000 });
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 }).catch(() => {
      throw new Error(`browser-steps: the page did not load the package: ${problems.join("; ") || "no error reported"}`);
    });
    const info = await page.evaluate(() => window.bench.info());
    process.stderr.write(`[browser] ${info.detail}\n`);
    const out = { ...info, browser: browser.version(), configs: {} };
    for (const c of configs) {
      const big = c.kind === "seq2seq" || c.hidden >= 256;
      const n = big ? steps : steps * 3;
      const res = await page.evaluate(([config, count]) => window.bench.run(config, 2, count), [c, n]);
      const sorted = [...res.times].sort((a, b) => a - b);
      out.configs[c.name] = { ms: sorted[Math.floor(sorted.length / 2)], n: sorted.length, copies: res.copies, helperChunks: res.helperChunks };
      process.stderr.write(`[browser] ${c.name}: ${out.configs[c.name].ms.toFixed(1)} ms (${info.threads} threads, ${res.helperChunks} chunks run by the helper)\n`);
    }
    process.stdout.write(JSON.stringify(out) + "\n");
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((err) => {
  process.stderr.write(`browser-steps: ${err.stack ?? err}\n`);
  process.exit(1);
});
