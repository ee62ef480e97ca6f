// `npm run test:deno`: runs a notebook on Deno's own Jupyter kernel (`deno jupyter`, Deno from the
// npm package `deno`) with Debian's nbclient and checks seqgrad's bundles (test/deno). The kernel
// spec is written into a throwaway Jupyter data dir selected through JUPYTER_PATH, so nothing
// outside it is touched. Expects the library to be built (`npm run build`, as `npm test` does).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const python = process.env.SEQGRAD_PYTHON ?? "/usr/bin/python3";

if (!existsSync(join(root, "dist", "esm", "index.mjs"))) fail("the library is not built; run `npm run build` first");
const deno = denoBinary();
const scratch = mkdtempSync(join(tmpdir(), "seqgrad deno test "));
let status = 1;
try {
  const spec = join(scratch, "kernels", "deno");
  mkdirSync(spec, { recursive: true });
  const kernel = {
    argv: [deno, "jupyter", "--kernel", "--conn", "{connection_file}"],
    display_name: "Deno",
    language: "typescript",
  };
  writeFileSync(join(spec, "kernel.json"), `${JSON.stringify(kernel, null, 2)}\n`);
  const env = { ...process.env, JUPYTER_PATH: scratch, SEQGRAD_QUICK: "1", DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };
  const run = spawnSync(python, ["-m", "unittest", "discover", "-s", join(root, "test", "deno"), "-v", ...process.argv.slice(2)], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  status = run.status ?? 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(status);

/** The deno executable of the npm package (its platform package holds the binary). */
function denoBinary() {
  const require = createRequire(join(root, "package.json"));
  const bin = join(dirname(require.resolve("deno/package.json")), "..", ".bin", "deno");
  if (existsSync(bin)) return resolve(bin);
  return fail("deno is not installed; run `npm ci` (it comes from the npm package `deno`)");
}

function fail(message) {
  process.stderr.write(`deno-test: ${message}\n`);
  process.exit(1);
}
