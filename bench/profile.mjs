// A CPU profile of seqgrad's training step of one configuration (V8's sampling profiler through
// node:inspector, in this process, on the built package): self time per function, summed over
// every call site, as shares of the profiled time. `npm run bench` prints it for the two
// configurations that are slowest against PyTorch.
//
//   node bench/profile.mjs --config NAME [--steps N] [--top K]   prints { config, total, top } as JSON
import { readFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { createRequire } from "node:module";
import { basename } from "node:path";
import { model } from "./lib/models.mjs";

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

const sg = createRequire(import.meta.url)("seqgrad");
const configs = JSON.parse(readFileSync(new URL("./configs.json", import.meta.url), "utf8")).configs;
const config = configs.find((c) => c.name === option("--config", "charlm-lstm"));
if (config === undefined) throw new Error(`profile: --config must be one of ${configs.map((c) => c.name).join(", ")}`);
const steps = Number(option("--steps", "10"));
const top = Number(option("--top", "12"));

const { loss, opt } = model(config, sg);
const step = () => {
  opt.zeroGrad();
  const value = loss();
  value.backward();
  opt.step();
  return value.item();
};
for (let i = 0; i < 3; i++) step();

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 200 });
await session.post("Profiler.start");
for (let i = 0; i < steps; i++) step();
const { profile } = await session.post("Profiler.stop");
session.disconnect();

// self time of a node = its samples x the mean sampling interval
const interval = (profile.endTime - profile.startTime) / Math.max(1, profile.samples.length) / 1000;
const hits = new Map(profile.nodes.map((n) => [n.id, 0]));
for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
const byName = new Map();
for (const n of profile.nodes) {
  const f = n.callFrame;
  // WebAssembly functions are named by the module's name section (file/function of the .as sources)
  const where = f.url.startsWith("wasm://") ? "wasm" : f.url ? `${basename(f.url)}:${f.lineNumber + 1}` : "";
  const name = f.functionName === "" ? (f.url ? "(anonymous)" : `(${f.codeType ?? "native"})`) : f.functionName;
  const key = where ? `${name} (${where})` : name;
  byName.set(key, (byName.get(key) ?? 0) + (hits.get(n.id) ?? 0) * interval);
}
const total = [...byName.values()].reduce((a, b) => a + b, 0);
const rows = [...byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, ms]) => ({ name, share: ms / total, msPerStep: ms / steps }));
process.stdout.write(JSON.stringify({ config: config.name, steps, msPerStep: total / steps, top: rows }) + "\n");
