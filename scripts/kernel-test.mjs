// `npm run test:kernel`: builds the kernel, installs its specs into a throwaway Jupyter data dir
// (a path with spaces, selected through JUPYTER_PATH, so nothing outside it is touched), and runs
// the Python tests in test/kernel with Debian's python3 (jupyter_client, nbclient,
// jupyter_kernel_test). Expects the library to be built (`npm run build`, as `npm test` does).
// Extra arguments are passed to unittest, e.g. `npm run test:kernel -- test_protocol`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const python = process.env.SEQGRAD_PYTHON ?? "/usr/bin/python3";

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
  const args = selection.length > 0 ? ["-m", "unittest", "-v", ...selection] : ["-m", "unittest", "discover", "-v", "-s", ".", "-p", "test_*.py"];
  status = spawnSync(python, args, { cwd: join(root, "test", "kernel"), env, stdio: "inherit" }).status ?? 1;
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
