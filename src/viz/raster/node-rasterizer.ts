/**
 * The Node rasterizer: resvg (WebAssembly) with the DejaVu fonts bundled as npm packages, so text
 * renders the same on a fresh machine. resvg's WebAssembly starts asynchronously, but a bundle is
 * made synchronously; so it runs in a worker thread and the caller waits for each PNG with
 * `Atomics.wait` (a few milliseconds a figure once the worker is up). Node's modules come through
 * the `nodeBuiltin` door only; in a browser this returns null and figures carry no PNG.
 */
import { envVar, nodeBuiltin } from "../../runtime/node-builtin";
import type { Rasterizer } from "./index";

type WorkerThreads = typeof import("node:worker_threads");
type ModuleApi = typeof import("node:module");

/** Longest wait for one PNG (the first one includes starting resvg), in ms. */
const TIMEOUT_MS = 20_000;
/** Fonts drawn with: sans for text, mono for numbers, bold for titles. */
const FONTS = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf"];

/**
 * The worker's source, as text so that bundlers leave it alone: it starts resvg with the fonts, then
 * answers each `{ svg, scale, flag, port }` with `{ png }` (or `{ error }`) on `port` and wakes the
 * waiting caller through `flag`.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { readFileSync } = require("node:fs");
const resvg = require(workerData.resvg);
const fontBuffers = workerData.fonts.map((f) => new Uint8Array(readFileSync(f)));
const font = { fontBuffers, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans", monospaceFamily: "DejaVu Sans Mono", defaultFontSize: 12 };
const ready = resvg.initWasm(readFileSync(workerData.wasm));
parentPort.on("message", (m) => {
  ready
    .then(() => {
      const r = new resvg.Resvg(m.svg, { font, fitTo: { mode: "zoom", value: m.scale }, background: "#ffffff" });
      const png = r.render().asPng();
      r.free();
      m.port.postMessage({ png });
    })
    .catch((e) => m.port.postMessage({ error: String(e) }))
    .finally(() => {
      m.port.close();
      Atomics.store(m.flag, 0, 1);
      Atomics.notify(m.flag, 0);
    });
});
`;

/** The resvg worker as a `Rasterizer`, or null outside Node, without resvg, or with SEQGRAD_RASTER=0. */
export function nodeRasterizer(): Rasterizer | null {
  if (envVar("SEQGRAD_RASTER") === "0") return null;
  const threads = nodeBuiltin<WorkerThreads>("node:worker_threads");
  const moduleApi = nodeBuiltin<ModuleApi>("node:module");
  if (threads === undefined || moduleApi === undefined || typeof __dirname !== "string") return null;
  let paths: { resvg: string; wasm: string; fonts: string[] };
  try {
    const req = moduleApi.createRequire(`${__dirname}/raster.js`);
    const fontDir = req.resolve("dejavu-fonts-ttf/package.json").replace(/package\.json$/, "ttf/");
    paths = { resvg: req.resolve("@resvg/resvg-wasm"), wasm: req.resolve("@resvg/resvg-wasm/index_bg.wasm"), fonts: FONTS.map((f) => fontDir + f) };
  } catch {
    return null;
  }
  let worker: import("node:worker_threads").Worker | null = null;
  return (svg, scale) => {
    worker ??= startWorker(threads, paths);
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new threads.MessageChannel();
    worker.postMessage({ svg, scale, flag, port: port2 }, [port2]);
    const waited = Atomics.wait(flag, 0, 0, TIMEOUT_MS);
    const reply = threads.receiveMessageOnPort(port1)?.message as { png?: Uint8Array; error?: string } | undefined;
    port1.close();
    if (waited === "timed-out" || reply?.png === undefined) return null;
    return reply.png;
  };
}

function startWorker(threads: WorkerThreads, paths: { resvg: string; wasm: string; fonts: string[] }): import("node:worker_threads").Worker {
  const worker = new threads.Worker(WORKER_SOURCE, { eval: true, workerData: paths });
  worker.unref();
  return worker;
}
