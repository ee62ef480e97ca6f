// `npm run test:kernel`: builds the kernel, installs its specs into a throwaway Jupyter data dir
// (a path with spaces, selected through JUPYTER_PATH, so nothing outside it is touched), and runs
// the Python tests in test/kernel with Debian's python3 (jupyter_client, nbclient,
// jupyter_kernel_test). Expects the library to be built (`npm run build`, as `npm test` does).
// Extra arguments are passed to unittest, e.g. `npm run test:kernel -- test_protocol`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runPythonPool } from "./python-pool.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const python = process.env.SEQGRAD_PYTHON ?? "/usr/bin/python3";
/** Test modules with time bounds on the kernel's answers; they run one at a time, after the rest. */
const TIMED = ["test_behaviour", "test_preemption", "test_reliability"];

run("npm", ["run", "--silent", "kernel:build"]);
if (!existsSync(join(root, "dist", "index.js"))) fail("the library is not built; run `npm run build` first");

const scratch = mkdtempSync(join(tmpdir(), "seqgrad kernel test "));
let status = 1;
try {
  run(process.execPath, [join(root, "kernel", "dist", "cli.js"), "install", "--prefix", scratch]);
  const env = {
    ...process.env,
    JUPYTER_PATH: join(scratch, "share", "jupyter"),
    JUPYTER_RUNTIME_DIR: join(scratch, "runtime"),
    JUPYTER_CONFIG_DIR: join(scratch, "config"),
    JUPYTER_DATA_DIR: join(scratch, "data"),
    SEQGRAD_TEST_SCRATCH: scratch,
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
    PYTHONDONTWRITEBYTECODE: "1",
  };
  const selection = process.argv.slice(2);
  if (selection.length > 0) {
    status = spawnSync(python, ["-m", "unittest", "-v", ...selection], { cwd: join(root, "test", "kernel"), env, stdio: "inherit" }).status ?? 1;
  } else {
    // each test module in its own unittest process, SEQGRAD_TEST_JOBS (default 2) at a time: most of a
    // test's time is its kernel's (starting, compiling, running), one process per kernel, so two
    // modules keep two cores busy (their kernels claim their ports, kernel_ports.py); each process prints its own `Ran N tests`;
    // modules that time the kernel (interrupts, control coming back, memory) then run alone
    const modules = readdirSync(join(root, "test", "kernel")).filter((f) => /^test_.*\.py$/.test(f)).map((f) => f.slice(0, -3)).sort();
    const options = { cwd: join(root, "test", "kernel"), env };
    const args = (list) => list.map((m) => ["-m", "unittest", "-v", m]);
    const together = await runPythonPool(python, args(modules.filter((m) => !TIMED.includes(m))), options);
    const alone = await runPythonPool(python, args(modules.filter((m) => TIMED.includes(m))), { ...options, jobs: 1 });
    status = [...together, ...alone].every((s) => s === 0) ? 0 : 1;
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(status);

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) fail(`${command} ${args.join(" ")} failed`);
}

function fail(message) {
  process.stderr.write(`test:kernel: ${message}\n`);
  process.exit(1);
}
