// Notebook tasks.
//   node scripts/notebooks.mjs test [NAME ...]      run test/notebooks (every notebook under nbclient, or those whose file name contains a NAME);
//                                                  quick mode unless SEQGRAD_QUICK=0 is set (full mode, the lecture-length runs)
//   node scripts/notebooks.mjs handouts [NAME ...]  execute notebooks and write handouts/{instructor,student}/NN-name.{ipynb,html,pdf}
//   node scripts/notebooks.mjs strip                strip outputs from every notebook in place
// Expects the library built (`npm run build`). Uses Debian's python3 for Jupyter and Chromium for PDF.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildHandouts } from "./handouts/build.mjs";

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
  // unittest's -k keeps the tests whose name contains the pattern (file names with - as _)
  const filters = names.flatMap((name) => ["-k", name.replaceAll("-", "_")]);
  const args = [join(root, "test", "notebooks", "test_notebooks.py"), ...(filters.length > 0 ? ["-v", ...filters] : [])];
  const run = spawnSync(python, args, { cwd: root, env: quick, stdio: "inherit" });
  process.exit(run.status ?? 1);
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
