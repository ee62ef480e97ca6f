// seqgrad's training steps in headless Chromium, as one more worker of the bench's interleaved
// rounds: the ESM build of the package (dist/esm/index.mjs) in a dedicated Web Worker of a page,
// with the very models of the Node side (bench/lib/models.mjs), on the same WebAssembly backend
// (or on the page's own thread, for comparison: see STEPS below). The page is served by a local
// server that sends the cross-origin isolation headers (COOP same-origin, COEP require-corp), so it
// has SharedArrayBuffer, the tensors live in the backend's shared memory as in Node, and large
// kernels are split over a Web Worker helper as they are over a worker thread in Node. Debian's
// Chromium, driven by playwright-core.
//
// It answers the requests of seqgrad-worker.mjs that the training table needs (info, setup, run,
// quit) with the same replies, and it is measured the same way: the same warm-up, the same steps
// per round, in the same rounds (rotated with the Node workers, so a busy moment of a shared
// machine hits both), the event loop turning between steps (untimed) as Node's setImmediate does.
import { createServer } from "node:http";
import { existsSync, readFileSync } from "node:fs";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];
const TYPES = { ".mjs": "text/javascript", ".js": "text/javascript", ".json": "application/json", ".html": "text/html" };
const SERVED = ["/dist/esm/", "/bench/lib/models.mjs"];

// The steps module, loaded by a dedicated Web Worker of the page (the default) or by the page
// itself: the step closure of seqgrad-worker.mjs's make(), and a yield between steps through a
// MessageChannel, a task that runs as soon as the event loop turns, like Node's setImmediate (a
// setTimeout(0) in a loop is clamped to 4 ms after five nested calls). A worker may block in
// Atomics.wait, as Node's main thread may; the page's main thread may not, so there the backend
// spins while the helper finishes a chunk, and the char-LM RNN, whose sequence jobs meet at every
// step, took 1.10-1.27x Node 26's CPU per step that way (0.95-1.03x in a worker; three A/B runs).
const STEPS = `import * as sg from "/dist/esm/index.mjs";
import { model } from "/bench/lib/models.mjs";
const steps = new Map();
const channel = new MessageChannel();
const waiting = [];
channel.port1.onmessage = () => waiting.shift()();
const turn = () => new Promise((resolve) => { waiting.push(resolve); channel.port2.postMessage(0); });
export function info() {
  const b = sg.getBackend();
  const threads = b.threadStats?.().threads ?? 1;
  const thread = typeof window === "undefined" ? "worker" : "main";
  return { isolated: globalThis.crossOriginIsolated === true, backend: b.name, detail: b.detail ?? "", threads, thread };
}
export function setup(config, warmup) {
  const { loss, opt } = model(config, sg);
  const step = () => { opt.zeroGrad(); const v = loss(); v.backward(); opt.step(); return v.item(); };
  for (let i = 0; i < warmup; i++) step();
  steps.set(config.name, step);
}
export async function run(name, count) {
  const step = steps.get(name);
  const transfers = sg.getBackend().transfers;
  const before = transfers?.();
  const helped = () => sg.getBackend().threadStats?.().helperChunks ?? 0;
  const helpedBefore = helped();
  const times = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    step();
    times.push(performance.now() - t0);
    await turn();
  }
  const after = transfers?.();
  return { times, copies: before && after ? (after.copies - before.copies) / count : null, helperChunks: helped() - helpedBefore };
}
`;

const STEPS_WORKER = `import * as steps from "/steps.mjs";
self.onmessage = async ({ data: { id, cmd, args } }) => {
  try {
    self.postMessage({ id, value: await steps[cmd](...args) });
  } catch (err) {
    self.postMessage({ id, error: String(err?.stack ?? err) });
  }
};
`;

// The page: bench.call(cmd, args) runs a function of the steps module in the worker (?thread=worker,
// the default) or on the page's own thread (?thread=main).
const PAGE = `<!doctype html><meta charset="utf-8"><title>seqgrad training steps</title>
<script type="module">
const onMain = new URLSearchParams(location.search).get("thread") === "main";
if (onMain) {
  const steps = await import("/steps.mjs");
  window.bench = { call: async (cmd, args) => steps[cmd](...args) };
} else {
  const worker = new Worker("/steps-worker.mjs", { type: "module", name: "seqgrad training steps" });
  const pending = new Map();
  let next = 0;
  worker.onmessage = ({ data }) => {
    const p = pending.get(data.id);
    pending.delete(data.id);
    if (data.error === undefined) p.resolve(data.value);
    else p.reject(new Error(data.error));
  };
  worker.onerror = (e) => {
    for (const p of pending.values()) p.reject(new Error("the steps worker failed: " + (e.message || "no message")));
    pending.clear();
  };
  window.bench = {
    call: (cmd, args) => new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, cmd, args });
    }),
  };
}
window.benchReady = true;
</script>`;

/** A static server for the page, the ESM build and the bench models, cross-origin isolated. */
function serve() {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    const headers = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp", "Cache-Control": "no-store" };
    const made = { "/": ["text/html", PAGE], "/steps.mjs": ["text/javascript", STEPS], "/steps-worker.mjs": ["text/javascript", STEPS_WORKER] }[path];
    if (made !== undefined) {
      res.writeHead(200, { ...headers, "Content-Type": made[0] });
      res.end(made[1]);
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

/** The Chromium page as a bench worker: `request` answers like seqgrad-worker.mjs's JSON lines. */
export class BrowserWorker {
  /** `thread`: "worker" runs the steps in a dedicated Web Worker of the page, "main" on the page's own thread. */
  constructor(name = "chromium", thread = "worker") {
    this.name = name;
    this.thread = thread;
    this.server = null;
    this.browser = null;
    this.ready = this.start();
    // a failed start is reported by the first request
    this.ready.catch(() => undefined);
  }

  async start() {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found; expected ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
    const { chromium } = await import("playwright-core");
    this.server = await serve();
    this.browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 90_000 });
    const page = await this.browser.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(`http://127.0.0.1:${this.server.address().port}/?thread=${this.thread}`);
    await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 }).catch(() => {
      throw new Error(`the page did not load the package: ${problems.join("; ") || "no error reported"}`);
    });
    const cdp = await this.browser.newBrowserCDPSession();
    this.v8 = (await cdp.send("Browser.getVersion")).jsVersion;
    await cdp.detach();
    return page;
  }

  /** Answers one request (info, setup, run, quit) as seqgrad-worker.mjs does; an error rejects, naming this worker. */
  async request(req) {
    try {
      const page = await this.ready;
      if (req.cmd === "info") {
        const info = await page.evaluate(() => window.bench.call("info", []));
        return { ...info, version: this.browser.version(), v8: this.v8 };
      }
      if (req.cmd === "setup") {
        await page.evaluate((args) => window.bench.call("setup", args), [req.config, req.warmup ?? 2]);
        return { ok: true };
      }
      if (req.cmd === "run") return await page.evaluate((args) => window.bench.call("run", args), [req.name, req.steps]);
      if (req.cmd === "quit") return await this.close();
      throw new Error(`unknown command ${req.cmd}`);
    } catch (err) {
      throw new Error(`${this.name}: ${err.message.split("\n")[0]}`);
    }
  }

  /** Closes the browser and the server. */
  async close() {
    await this.ready.catch(() => undefined);
    await this.browser?.close();
    this.browser = null;
    this.server?.close();
    this.server = null;
  }
}
