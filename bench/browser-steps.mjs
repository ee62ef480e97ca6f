// The training-step table in headless Chromium alone, outside `npm run bench` (which runs the page
// in its interleaved rounds beside the Node workers): bench/lib/browser-worker.mjs's page, each
// configuration warmed up (2 steps) and then timed over a number of steps in one go. A figure from
// here is of its own moment; on a shared machine compare it only with Node figures of the same run.
//
//   node bench/browser-steps.mjs [--steps N] [--config NAME[,NAME]] [--main-thread]   (on the built package)
//
// --main-thread runs the steps on the page's own thread instead of a dedicated Web Worker.
// Prints { isolated, backend, detail, threads, thread, browser, v8, configs: { [name]: { ms, n, copies, helperChunks } } } as JSON.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { BrowserWorker } from "./lib/browser-worker.mjs";
import { median } from "./lib/stats.mjs";

const here = dirname(fileURLToPath(import.meta.url));

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

async function main() {
  const all = JSON.parse(readFileSync(join(here, "configs.json"), "utf8")).configs;
  const names = option("--config", null)?.split(",");
  const configs = names ? all.filter((c) => names.includes(c.name)) : all;
  const steps = Number(option("--steps", "10"));
  const worker = new BrowserWorker("chromium", process.argv.includes("--main-thread") ? "main" : "worker");
  try {
    const { version, v8, ...info } = await worker.request({ cmd: "info" });
    process.stderr.write(`[browser] Chromium ${version} (V8 ${v8}), steps on the page's ${info.thread === "main" ? "main thread" : "dedicated worker"}: ${info.detail}\n`);
    const out = { ...info, browser: version, v8, configs: {} };
    for (const c of configs) {
      const big = c.kind === "seq2seq" || c.hidden >= 256;
      await worker.request({ cmd: "setup", config: c, warmup: 2 });
      const res = await worker.request({ cmd: "run", name: c.name, steps: big ? steps : steps * 3 });
      out.configs[c.name] = { ms: median(res.times), n: res.times.length, copies: res.copies, helperChunks: res.helperChunks };
      process.stderr.write(`[browser] ${c.name}: ${out.configs[c.name].ms.toFixed(1)} ms (${info.threads} threads, ${res.helperChunks} chunks run by the helper)\n`);
    }
    process.stdout.write(JSON.stringify(out) + "\n");
  } finally {
    await worker.close();
  }
}

main().catch((err) => {
  process.stderr.write(`browser-steps: ${err.stack ?? err}\n`);
  process.exit(1);
});
