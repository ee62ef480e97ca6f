// `npm run bench`: seqgrad against PyTorch (CPU, 2 threads) and TensorFlow.js (wasm backend).
//
// One script, interleaved: each framework runs in its own worker process, and the rounds
// alternate configurations and frameworks so that a slow or noisy moment of a shared machine
// hits all of them; every figure is a median over repetitions. Writes bench/RESULTS.md
// (quick mode, SEQGRAD_BENCH_QUICK=1: fewer sizes, configurations and rounds, written to
// bench/.cache/RESULTS-quick.md instead). PyTorch and TF.js are optional: when missing, the
// script says how to get them and leaves their columns out. See bench/README.md.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { BrowserWorker, CHROMIUM } from "./lib/browser-worker.mjs";
import { describeMachine } from "./lib/machine.mjs";
import { newestNode } from "./lib/newest-node.mjs";
import { median } from "./lib/stats.mjs";
import { Worker, childEnv } from "./lib/worker.mjs";
import { writeReport } from "./report.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const QUICK = process.env.SEQGRAD_BENCH_QUICK === "1";
const PYTHON = process.env.SEQGRAD_BENCH_PYTHON ?? "/usr/bin/python3";
const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);

const allConfigs = JSON.parse(readFileSync(join(here, "configs.json"), "utf8")).configs;
/** SEQGRAD_BENCH_CONFIGS=a,b: only these configurations (by name), in either mode. */
const chosen = process.env.SEQGRAD_BENCH_CONFIGS?.split(",").map((s) => s.trim()).filter(Boolean);
if (chosen) {
  const unknown = chosen.filter((name) => !allConfigs.some((c) => c.name === name));
  if (unknown.length > 0) throw new Error(`SEQGRAD_BENCH_CONFIGS: unknown configuration ${unknown.join(", ")}; known: ${allConfigs.map((c) => c.name).join(", ")}`);
}
const configs = chosen ? allConfigs.filter((c) => chosen.includes(c.name)) : QUICK ? allConfigs.filter((c) => c.quick) : allConfigs;
const notes = [];

/**
 * The newest Node of the npm registry when installed (bench/lib/newest-node.mjs): seqgrad's
 * training steps run on it as well as on the system Node, and the JavaScript peers' training
 * steps (TF.js, jax-js) run on it, so that they are compared with seqgrad on the same engine.
 */
const NEWEST = newestNode();
/** The Node of the TF.js and jax-js training workers. */
const PEER_NODE = NEWEST?.path ?? process.execPath;

/** The environment of the variant on the SIMD128 kernels alone (no relaxed-SIMD fused multiply-add). */
const SIMD128_ONLY = { SEQGRAD_FMA: "0" };

/**
 * The environment of the PyTorch processes: 2 threads, OpenBLAS free to pick its best kernels
 * for this CPU, and Debian's OpenMP build of OpenBLAS first on the library path when installed.
 * OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, when the environment sets them (some machines pin
 * OpenBLAS to its AVX2 "Haswell" kernels that way), are removed for these processes alone: a
 * user's machine has no such variables, so PyTorch is compared at its best (the worker reports
 * the core OpenBLAS chose). Nothing else (tests, CI) changes them. Debian's torch links the generic libblas.so.3; where
 * the pthread build is also installed it wins the alternatives, and its own threads then fight
 * torch's OpenMP threads (a char-LM step measured 4x slower here).
 */
let torchEnvCache = null;

function torchEnv() {
  if (torchEnvCache !== null) return torchEnvCache;
  const env = { OMP_NUM_THREADS: "2", OPENBLAS_NUM_THREADS: "2", MKL_NUM_THREADS: "2", OPENBLAS_CORETYPE: null, OPENBLAS_L2_SIZE: null };
  let dirs = [];
  try {
    dirs = readdirSync("/usr/lib").map((d) => join("/usr/lib", d, "openblas-openmp")).filter((d) => existsSync(join(d, "libblas.so.3")));
  } catch {
    dirs = [];
  }
  if (dirs.length > 0) env.LD_LIBRARY_PATH = [dirs[0], process.env.LD_LIBRARY_PATH].filter(Boolean).join(":");
  else notes.push("Debian's libopenblas0-openmp is not installed: PyTorch uses whatever libblas.so.3 points to (see the BLAS line above).");
  torchEnvCache = env;
  return env;
}

function startWorkers() {
  const workers = { seqgrad: new Worker("seqgrad", process.execPath, [join(here, "seqgrad-worker.mjs")]) };
  // the same build on the newest Node of the npm registry (scripts/setup.mjs --bench installs it)
  if (NEWEST !== null) workers.seqgradNewest = new Worker("seqgradNewest", NEWEST.path, [join(here, "seqgrad-worker.mjs")]);
  else notes.push(`seqgrad ran on the system Node ${process.version} alone: no newer Node in bench/.cache/node (\`node scripts/setup.mjs --bench\` installs the newest of the npm registry).`);
  // the same code on the SIMD128 kernels alone, to show what the fused multiply-add brings
  workers.seqgradSimd = new Worker("seqgradSimd", process.execPath, [join(here, "seqgrad-worker.mjs")], SIMD128_ONLY);
  const torchProbe = spawnSync(PYTHON, ["-c", "import torch"], { encoding: "utf8" });
  if (torchProbe.status === 0) {
    workers.torch = new Worker("torch", PYTHON, [join(here, "torch_worker.py")], torchEnv());
  } else {
    notes.push("PyTorch columns skipped: `import torch` failed in " + PYTHON +
      ". On Debian: `apt-get install python3-torch libopenblas0-openmp` (OpenBLAS replaces the slow reference BLAS).");
  }
  try {
    require.resolve("@tensorflow/tfjs");
    require.resolve("@tensorflow/tfjs-backend-wasm");
    workers.tfjs = new Worker("tfjs", PEER_NODE, [join(here, "tfjs-worker.mjs")]);
  } catch {
    notes.push("TF.js columns skipped: @tensorflow/tfjs and @tensorflow/tfjs-backend-wasm are devDependencies; run `npm ci`.");
  }
  try {
    require.resolve("@jax-js/jax");
    workers.jax = new Worker("jax", PEER_NODE, [join(here, "jax-worker.mjs")]);
  } catch {
    notes.push("jax-js columns skipped: @jax-js/jax is a devDependency; run `npm ci`.");
  }
  // the same build in a dedicated worker of a headless Chromium page, timed in the same rounds as the Node workers
  try {
    require.resolve("playwright-core");
    if (existsSync(CHROMIUM)) workers.chromium = new BrowserWorker("chromium");
    else notes.push(`Chromium column skipped: no Chromium at ${CHROMIUM} (\`apt-get install chromium\`, or set CHROMIUM_PATH).`);
  } catch {
    notes.push("Chromium column skipped: playwright-core is a devDependency; run `npm ci`.");
  }
  return workers;
}

async function info(workers) {
  const out = {};
  for (const [name, w] of Object.entries(workers)) {
    try {
      out[name] = await w.request({ cmd: "info" });
      // the variant only differs where the default uses the relaxed-SIMD kernels
      if (name === "seqgradSimd" && !/FMA/.test(out.seqgrad?.detail ?? "")) {
        w.close();
        delete workers[name];
        delete out[name];
      }
    } catch (err) {
      notes.push(`${name} worker failed to start: ${err.message}`);
      delete workers[name];
    }
  }
  return out;
}

async function overheads(workers, rounds) {
  const n = QUICK ? 20000 : 100000;
  const samples = {};
  for (let r = 0; r < rounds; r++) {
    for (const [name, w] of Object.entries(workers)) {
      if (name === "seqgradSimd" || name === "jax" || name === "chromium") continue;
      const res = await w.request({ cmd: "overhead", n: name === "tfjs" ? n / 10 : n });
      samples[name] ??= { noGradUs: [], gradUs: [] };
      samples[name].noGradUs.push(res.noGradUs);
      samples[name].gradUs.push(res.gradUs);
    }
  }
  const out = {};
  for (const [name, s] of Object.entries(samples)) out[name] = { noGradUs: median(s.noGradUs), gradUs: median(s.gradUs) };
  return out;
}

/** Steps per round by framework and configuration size (TF.js and jax-js take seconds per big step). */
function stepsPerRound(fw, c) {
  const big = c.kind === "seq2seq" || c.hidden >= 256;
  if (fw === "tfjs" || fw === "jax") return big ? 1 : QUICK ? 2 : 3;
  if (QUICK) return big ? 2 : 5;
  return big ? 3 : 10;
}

async function training(workers) {
  const status = {};
  for (const c of configs) {
    status[c.name] = {};
    for (const [name, w] of Object.entries(workers)) {
      log(`setup ${c.name} on ${name}`);
      try {
        const res = await w.request({ cmd: "setup", config: c, warmup: name === "tfjs" || name === "jax" ? 1 : 2 });
        status[c.name][name] = res.na ? { na: res.na } : { times: [] };
      } catch (err) {
        status[c.name][name] = { na: `failed: ${err.message.split("\n")[0]}` };
      }
    }
  }
  const rounds = QUICK ? 1 : Number(process.env.SEQGRAD_BENCH_ROUNDS ?? 5);
  const names = Object.keys(workers);
  for (let r = 0; r < rounds; r++) {
    log(`training round ${r + 1}/${rounds}`);
    for (const c of configs) {
      const order = names.map((_, i) => names[(i + r) % names.length]);
      for (const name of order) {
        const slot = status[c.name][name];
        if (!slot.times) continue;
        let res;
        try {
          res = await workers[name].request({ cmd: "run", name: c.name, steps: stepsPerRound(name, c) });
        } catch (err) {
          // a worker that fails mid-run (a crashed page, say) loses its column, not the whole run;
          // it is not asked again (a process that exited would never answer)
          for (const other of configs) if (status[other.name][name]?.times) status[other.name][name] = { na: `failed: ${err.message.split("\n")[0]}` };
          continue;
        }
        slot.times.push(...res.times);
        if (typeof res.copies === "number") slot.copies = Math.max(slot.copies ?? 0, res.copies);
      }
    }
  }
  const out = {};
  for (const c of configs) {
    out[c.name] = {};
    for (const [name, slot] of Object.entries(status[c.name])) {
      out[c.name][name] = slot.times ? { ms: median(slot.times), n: slot.times.length, copies: slot.copies } : { na: slot.na };
    }
  }
  return out;
}

/**
 * GEMM in child processes, each interleaving its backends per shape and round: js and wasm on one
 * thread; wasm with the 2-thread split; wasm on the SIMD128 kernels alone (one thread) when the
 * default uses the relaxed-SIMD ones.
 */
function gemmAll(withSimd) {
  const run = (extraEnv, threads, backends, extra = []) => {
    const args = [join(here, "gemm.mjs"), "--backends", backends, ...extra, ...(QUICK ? ["--quick"] : [])];
    const env = { ...process.env, ...extraEnv, SEQGRAD_THREADS: String(threads) };
    const res = spawnSync(process.execPath, args, { encoding: "utf8", env });
    if (res.status !== 0) throw new Error(`gemm.mjs failed: ${res.stderr.trim().split("\n").pop()}`);
    return JSON.parse(res.stdout.trim().split("\n").pop());
  };
  const single = run({}, 1, "js,wasm", ["--ceiling"]);
  single.jax = jaxGemm();
  if (!Object.keys(single.gflops[single.shapes[0].label]).includes("wasm")) return { single, two: null, simd: null };
  return { single, two: run({}, 2, "wasm"), simd: withSimd ? run(SIMD128_ONLY, 1, "wasm") : null };
}

/** jax-js's GEMM on its wasm device (bench/jax-gemm.mjs), or null with a note when it is missing or fails. */
function jaxGemm() {
  try {
    require.resolve("@jax-js/jax");
  } catch {
    return null;
  }
  const res = spawnSync(process.execPath, [join(here, "jax-gemm.mjs"), ...(QUICK ? ["--quick"] : [])], { encoding: "utf8" });
  try {
    return JSON.parse(res.stdout.trim().split("\n").pop());
  } catch {
    notes.push(`jax-js GEMM failed: ${res.stderr.trim().split("\n").pop()}`);
    return null;
  }
}

/** CPU profiles (bench/profile.mjs) of the two configurations slowest against PyTorch (or in absolute time without it). */
function slowestProfiles(train) {
  const score = (c) => {
    const e = train[c.name];
    return Number.isFinite(e.torch?.ms) ? e.seqgrad?.ms / e.torch.ms : e.seqgrad?.ms;
  };
  const slowest = configs.filter((c) => Number.isFinite(score(c))).sort((a, b) => score(b) - score(a)).slice(0, 2);
  const out = [];
  for (const c of slowest) {
    const args = [join(here, "profile.mjs"), "--config", c.name, "--steps", QUICK ? "5" : "10"];
    const res = spawnSync(process.execPath, args, { encoding: "utf8" });
    try {
      out.push({ ...JSON.parse(res.stdout.trim().split("\n").pop()), label: c.label });
    } catch {
      notes.push(`profile of ${c.name} failed: ${res.stderr.trim().split("\n").pop()}`);
    }
  }
  return out;
}

/**
 * The Chromium column, taken out of the training entries (where the rounds put it beside the Node
 * workers): { [config]: { ms, n, copies } or { na } }, or null when the page did not run.
 */
function browserColumn(train) {
  if (!configs.some((c) => train[c.name]?.chromium)) return null;
  const out = {};
  for (const c of configs) {
    out[c.name] = train[c.name].chromium;
    delete train[c.name].chromium;
  }
  return out;
}

function peakMemory(hasTorch) {
  const steps = QUICK ? 2 : 5;
  const run = (cmd, args, env = {}) => {
    const res = spawnSync(cmd, args, { encoding: "utf8", env: childEnv(env) });
    const line = res.stdout.trim().split("\n").pop() ?? "";
    try {
      return JSON.parse(line);
    } catch {
      return { na: `failed: ${res.stderr.trim().split("\n").pop()}` };
    }
  };
  const out = { steps, seqgrad: run(process.execPath, [join(here, "seqgrad-worker.mjs"), "--memory", "charlm-lstm", "--steps", String(steps)]) };
  if (hasTorch) {
    out.torch = run(PYTHON, [join(here, "torch_worker.py"), "--memory", "charlm-lstm", "--steps", String(steps)], torchEnv());
  }
  return out;
}

async function main() {
  const started = Date.now();
  const load = os.loadavg()[0];
  const workers = startWorkers();
  const versions = await info(workers);
  log("GEMM");
  const gemmRuns = gemmAll(Boolean(workers.seqgradSimd));
  const shapes = gemmRuns.single.shapes;
  const backends = Object.keys(gemmRuns.single.gflops[shapes[0].label]);
  if (!backends.includes("wasm")) notes.push("The wasm backend is unavailable on this engine (no WebAssembly SIMD); GEMM shows js only.");
  const square = shapes.filter((s) => s.m === s.n && s.n === s.k).map((s) => s.m);
  const torchGemm = workers.torch ? (await workers.torch.request({ cmd: "gemm", sizes: square, reps: QUICK ? 5 : 15 })).gflops : null;
  log("per-op overhead");
  const overhead = await overheads(workers, QUICK ? 1 : 3);
  log("orthogonal init");
  const orthogonal = {
    seqgrad: await workers.seqgrad.request({ cmd: "orthogonal" }),
    torch: workers.torch ? await workers.torch.request({ cmd: "orthogonal" }) : null,
  };
  const train = await training(workers);
  await Promise.all(Object.values(workers).map((w) => w.close()));
  const browser = browserColumn(train);
  const browserInfo = versions.chromium ?? null;
  delete versions.chromium;
  log("profiles of the two slowest configurations");
  const profiles = slowestProfiles(train);
  log("peak memory of char-LM training");
  const memory = peakMemory(Boolean(workers.torch));
  const file = QUICK ? join(here, ".cache", "RESULTS-quick.md") : join(here, "RESULTS.md");
  mkdirSync(dirname(file), { recursive: true });
  const results = {
    quick: QUICK,
    load,
    cores: os.cpus().length,
    machine: describeMachine(),
    versions,
    systemNode: process.versions.node,
    newestNode: NEWEST?.version ?? null,
    notes,
    shapes,
    backends,
    gemm: gemmRuns.single.gflops,
    twoThreadGemm: gemmRuns.two?.gflops ?? null,
    simdGemm: gemmRuns.simd?.gflops ?? null,
    torchGemm,
    jaxGemm: gemmRuns.single.jax?.gflops ?? null,
    ceiling: gemmRuns.single.ceiling ?? null,
    jaxVersion: gemmRuns.single.jax?.version ?? null,
    overhead,
    orthogonal,
    configs,
    train,
    memory,
    browser,
    profiles,
    browserInfo: browser === null || browserInfo === null ? null : { isolated: browserInfo.isolated, detail: browserInfo.detail, version: browserInfo.version, v8: browserInfo.v8, thread: browserInfo.thread },
    seconds: (Date.now() - started) / 1000,
  };
  // the raw figures, to regenerate the report or compare runs
  mkdirSync(join(here, ".cache"), { recursive: true });
  writeFileSync(join(here, ".cache", QUICK ? "results-quick.json" : "results.json"), JSON.stringify(results, null, 1));
  const markdown = writeReport(results);
  writeFileSync(file, markdown);
  process.stdout.write(markdown);
  log(`wrote ${file}`);
}

main().catch((err) => {
  process.stderr.write(`[bench] failed: ${err.stack ?? err}\n`);
  process.exit(1);
});
