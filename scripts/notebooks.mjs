// Notebook tasks.
//   node scripts/notebooks.mjs test [NAME ...]      run test/notebooks (every notebook under nbclient, or those whose file name contains a NAME);
//                                                  quick mode unless SEQGRAD_QUICK=0 is set (full mode, the lecture-length runs);
//                                                  without NAMEs, two notebooks at a time (SEQGRAD_TEST_JOBS=N for N)
//   node scripts/notebooks.mjs handouts [NAME ...]  execute notebooks and write handouts/{instructor,student}/NN-name.{ipynb,html,pdf}
//   node scripts/notebooks.mjs strip                strip outputs from every notebook in place
// Expects the library built (`npm run build`). Uses Debian's python3 for Jupyter and Chromium for PDF.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildHandouts } from "./handouts/build.mjs";
import { runPythonPool } from "./python-pool.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const python = process.env.SEQGRAD_PYTHON ?? "/usr/bin/python3";
const notebooksDir = join(root, "notebooks");
const handoutsDir = join(root, "handouts");
const env = { ...process.env, JUPYTER_PATH: join(root, ".jupyter-data"), PYDEVD_DISABLE_FILE_VALIDATION: "1" };

const [command = "test", ...names] = process.argv.slice(2);
if (command === "test") testNotebooks(names);
else if (command === "handouts") await writeHandouts(names);
else if (command === "strip") stripAll();
else fail(`unknown command ${command}; expected test, handouts or strip`);

function testNotebooks(names) {
  installKernel();
  const quick = { ...env, SEQGRAD_QUICK: process.env.SEQGRAD_QUICK ?? "1" };
  const script = join(root, "test", "notebooks", "test_notebooks.py");
  if (names.length > 0) {
    // unittest's -k keeps the tests whose name contains the pattern (file names with - as _)
    const filters = names.flatMap((name) => ["-k", name.replaceAll("-", "_")]);
    const run = spawnSync(python, [script, "-v", ...filters], { cwd: root, env: quick, stdio: "inherit" });
    process.exit(run.status ?? 1);
  }
  // Every notebook in its own unittest process, JOBS at a time: a notebook's work is its kernel's,
  // one process each, so two kernels keep two cores busy. Each process prints its own
  // `Ran 1 test` and the summary adds them up.
  const tests = ["NotebooksAreStoredClean", ...readdirSync(notebooksDir).filter((f) => f.endsWith(".ipynb")).sort()
    .map((f) => `NotebooksRunTopToBottom.test_${basename(f, ".ipynb").replaceAll("-", "_")}`)];
  runPythonPool(python, tests.map((test) => [script, "-v", test]), { cwd: root, env: quick }).then((statuses) => process.exit(statuses.every((s) => s === 0) ? 0 : 1));
}

async function writeHandouts(names) {
  installKernel();
  const all = readdirSync(notebooksDir).filter((f) => f.endsWith(".ipynb")).sort();
  const chosen = names.length === 0 ? all : all.filter((f) => names.some((n) => f.includes(n)));
  if (chosen.length === 0) fail(`no notebook matches ${names.join(", ")}; notebooks: ${all.join(", ")}`);
  const executedDir = join(handoutsDir, ".executed");
  mkdirSync(executedDir, { recursive: true });
  for (const file of chosen) {
    run(python, [join(root, "scripts", "execute_notebook.py"), join(notebooksDir, file), join(executedDir, file)]);
  }
  await buildHandouts(chosen.map((file) => join(executedDir, file)), handoutsDir, { python });
  rmSync(executedDir, { recursive: true, force: true });
  console.log(`handouts in ${join(handoutsDir, "instructor")} and ${join(handoutsDir, "student")}`);
}

function stripAll() {
  for (const file of readdirSync(notebooksDir).filter((f) => f.endsWith(".ipynb"))) {
    const path = join(notebooksDir, file);
    const nb = JSON.parse(readFileSync(path, "utf8"));
    for (const cell of nb.cells) {
      if (cell.cell_type !== "code") continue;
      cell.outputs = [];
      cell.execution_count = null;
    }
    writeFileSync(path, `${JSON.stringify(nb, null, 1)}\n`);
  }
}

function installKernel() {
  if (!existsSync(join(root, "dist", "index.js"))) fail("the library is not built; run `npm run build` first");
  run("npm", ["run", "--silent", "kernel:install"]);
}

function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
  if (result.status !== 0) fail(`${basename(cmd)} ${args.join(" ")} failed`);
}

function fail(message) {
  process.stderr.write(`notebooks: ${message}\n`);
  process.exit(1);
}
