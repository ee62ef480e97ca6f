/**
 * The wasm backend in a Chromium page: with cross-origin isolation (COOP/COEP headers) the page
 * has shared memory and the backend starts a Web Worker helper, so a large GEMM runs on two
 * threads with the bits of one, on the page's thread and in a dedicated worker; without
 * isolation it runs on the page's thread alone. The page
 * loads the package's sources bundled as one ES module (as scripts/build-esm.mjs bundles them).
 */
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { chromium } from "playwright-core";
import type { Browser } from "playwright-core";
import { rolldown } from "rolldown";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CHROMIUM = "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];
const ROOT = resolve(__dirname, "../..");

// A GEMM of 96 x 160 x 80 (past the split threshold) on the default backend, repeated (letting
// the event loop turn, so the helper can start) until a helper ran chunks or 200 calls passed;
// every result is compared bit for bit with the first and with a float64 product. It runs on the
// page's thread (which may not block: the caller spins) and in a dedicated worker (which may: the
// case of a notebook kernel in a Web Worker, whose helpers are nested workers).
const RUN = `async function runGemm(sg) {
  const b = sg.getBackend();
  const [m, n, k] = [96, 160, 80];
  let s = 7;
  const rand = () => ((s = (s * 1103515245 + 12345) >>> 0) / 4294967296) * 2 - 1;
  const a = Float32Array.from({ length: m * k }, rand);
  const w = Float32Array.from({ length: k * n }, rand);
  const product = () => {
    const c = new Float32Array(m * n);
    b.gemm(false, false, m, n, k, 1, a, 0, k, w, 0, n, 0, c, 0, n);
    return c;
  };
  const first = product();
  let err = 0;
  let worst = 0;
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let ref = 0;
    for (let p = 0; p < k; p++) ref += a[i * k + p] * w[p * n + j];
    err = Math.max(err, Math.abs(first[i * n + j] - ref));
    worst = Math.max(worst, Math.abs(ref));
  }
  let differing = 0;
  let calls = 1;
  const stats = () => (b.threadStats ? b.threadStats() : { threads: 1, jobs: 0, helperChunks: 0 });
  while (stats().threads > 1 && stats().helperChunks === 0 && calls < 200) {
    const c = product();
    calls++;
    for (let i = 0; i < c.length; i++) if (c[i] !== first[i]) differing++;
    await new Promise((r) => setTimeout(r, 5));
  }
  return { isolated: globalThis.crossOriginIsolated === true, backend: b.name, detail: b.detail, ...stats(), calls, differing, err, worst };
}`;

const PAGE = `<!doctype html><meta charset="utf-8"><title>seqgrad threads</title>
<script type="module">
import * as sg from "/seqgrad.mjs";
${RUN}
window.runGemm = () => runGemm(sg);
window.runGemmInWorker = () => new Promise((ok, fail) => {
  const worker = new Worker("/worker.mjs", { type: "module" });
  worker.onmessage = (e) => { worker.terminate(); ok(e.data); };
  worker.onerror = (e) => fail(new Error(e.message));
});
window.ready = true;
</script>`;

const WORKER = `import * as sg from "/seqgrad.mjs";
${RUN}
runGemm(sg).then((r) => postMessage(r));
`;

/** Serves the page and the bundle, with the isolation headers when `isolated`. */
function serve(bundle: string, isolated: boolean): Promise<Server> {
  const server = createServer((req, res) => {
    const headers: Record<string, string> = isolated ? { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" } : {};
    if (req.url === "/seqgrad.mjs" || req.url === "/worker.mjs") {
      res.writeHead(200, { ...headers, "Content-Type": "text/javascript" });
      res.end(req.url === "/worker.mjs" ? WORKER : bundle);
    } else if (req.url === "/") {
      res.writeHead(200, { ...headers, "Content-Type": "text/html" });
      res.end(PAGE);
    } else {
      res.writeHead(404, headers);
      res.end();
    }
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

interface PageResult {
  isolated: boolean;
  backend: string;
  detail: string;
  threads: number;
  helperChunks: number;
  calls: number;
  differing: number;
  err: number;
  worst: number;
}

describe.skipIf(!existsSync(CHROMIUM))("the wasm backend's threads in a Chromium page", () => {
  let browser: Browser;
  let bundle = "";

  beforeAll(async () => {
    const build = await rolldown({
      input: resolve(ROOT, "src/index.ts"),
      platform: "neutral",
      logLevel: "silent",
      transform: { define: { __dirname: "import.meta.dirname" } },
      resolve: { mainFields: ["module", "main"], conditionNames: ["import", "default"] },
    });
    const { output } = await build.generate({ format: "esm" });
    bundle = output[0].code;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(isolated: boolean, where: "runGemm" | "runGemmInWorker" = "runGemm"): Promise<PageResult> {
    const server = await serve(bundle, isolated);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    try {
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      await page.waitForFunction(() => (globalThis as { ready?: boolean }).ready === true, null, { timeout: 60_000 });
      const result = await page.evaluate(async (name) => {
        const run: unknown = Reflect.get(globalThis, name);
        if (typeof run !== "function") throw new Error(`browser-threads test: the page has no ${name}`);
        return (run as () => Promise<PageResult>)();
      }, where);
      expect(errors).toEqual([]);
      return result;
    } finally {
      await page.close();
      server.close();
    }
  }

  it("runs a GEMM on two threads (a Web Worker helper) in a cross-origin-isolated page, with the bits of one thread", async () => {
    const r = await open(true);
    expect(r.isolated).toBe(true);
    expect(r.backend).toBe("wasm");
    expect(r.detail).toContain("2 threads");
    expect(r.threads).toBe(2);
    expect(r.helperChunks, `the helper ran no chunk in ${r.calls} calls`).toBeGreaterThan(0);
    expect(r.differing).toBe(0);
    expect(r.err).toBeLessThan(1e-5 * r.worst);
  }, 120_000);

  it("runs the GEMM on two threads in a dedicated worker of an isolated page too (the helper a nested worker)", async () => {
    const r = await open(true, "runGemmInWorker");
    expect(r.isolated).toBe(true);
    expect(r.threads).toBe(2);
    expect(r.helperChunks, `the helper ran no chunk in ${r.calls} calls`).toBeGreaterThan(0);
    expect(r.differing).toBe(0);
    expect(r.err).toBeLessThan(1e-5 * r.worst);
  }, 120_000);

  it("runs the same GEMM on the page's thread alone without cross-origin isolation", async () => {
    const r = await open(false);
    expect(r.isolated).toBe(false);
    expect(r.backend).toBe("wasm");
    expect(r.detail).toContain("1 thread");
    expect(r.threads).toBe(1);
    expect(r.err).toBeLessThan(1e-5 * r.worst);
  }, 120_000);
});
