// `npm test`: builds seqgrad, then runs every suite in turn (unit, kernel, notebooks, browser) and
// prints one summary line. Exits non-zero if any suite fails; every suite runs even after a failure.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const artifacts = join(root, "test-artifacts");
mkdirSync(artifacts, { recursive: true });

/** The suites, in order. `count` turns a suite's output into [passed, failed]. */
const SUITES = [
  { name: "build", cmd: ["npm", "run", "--silent", "build"], count: null },
  ...optional("lint:imports", "import rules (dependency-cruiser)", null),
  { name: "unit (vitest)", cmd: ["npx", "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile=${join(artifacts, "vitest.json")}`], count: vitestCounts },
  ...optional("test:kernel", "kernel (jupyter_kernel_test)", unittestCounts),
  ...optional("test:notebooks", "notebooks (nbclient)", unittestCounts),
  ...optional("test:deno", "deno kernel (nbclient)", unittestCounts),
  ...optional("test:handouts", "handouts (nbconvert + chromium)", plainCounts),
  ...optional("test:grade", "grading (npm run grade)", plainCounts),
  ...optional("test:browser", "browser (chromium)", plainCounts),
  ...optional("test:lite", "jupyterlite (chromium, browser kernel)", plainCounts),
  ...optional("test:hub", "jupyterhub (two users)", unittestCounts),
];

function optional(script, name, count) {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  return pkg.scripts?.[script] ? [{ name, cmd: ["npm", "run", "--silent", script], count }] : [];
}

let passed = 0;
let failed = 0;
const results = [];
for (const suite of SUITES) {
  const started = Date.now();
  console.log(`\n=== ${suite.name} ===`);
  const run = spawnSync(suite.cmd[0], suite.cmd.slice(1), { cwd: root, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", maxBuffer: 1 << 28 });
  process.stdout.write(run.stdout ?? "");
  process.stderr.write(run.stderr ?? "");
  const ok = run.status === 0;
  let counts = suite.count ? suite.count(`${run.stdout}\n${run.stderr}`) : null;
  if (counts === null) counts = ok ? [0, 0] : [0, 1];
  if (!ok && counts[1] === 0) counts = [counts[0], 1];
  passed += counts[0];
  failed += counts[1];
  results.push(`${ok ? "ok  " : "FAIL"} ${suite.name} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  if (suite.name === "build" && !ok) break;
}
console.log(`\n${results.join("\n")}`);
console.log(`\nTests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && results.every((r) => r.startsWith("ok")) ? 0 : 1);

function vitestCounts() {
  const file = join(artifacts, "vitest.json");
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, "utf8"));
  rmSync(file);
  return [report.numPassedTests ?? 0, (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0)];
}

function unittestCounts(text) {
  let ran = 0;
  let bad = 0;
  for (const m of text.matchAll(/^Ran (\d+) tests? in/gm)) ran += Number(m[1]);
  for (const m of text.matchAll(/^FAILED \(([^)]*)\)/gm)) {
    for (const part of m[1].split(",")) {
      const [key, value] = part.trim().split("=");
      if (key === "failures" || key === "errors") bad += Number(value);
    }
  }
  return ran === 0 ? null : [ran - bad, bad];
}

function plainCounts(text) {
  const m = [...text.matchAll(/(\d+) passed, (\d+) failed/g)].pop();
  return m ? [Number(m[1]), Number(m[2])] : null;
}
