// Runs several python test processes at once for the suites whose time is mostly their kernels'
// (one kernel process per test process, so two of them keep two cores busy).
import { spawn } from "node:child_process";

/**
 * How many test processes run at once: SEQGRAD_TEST_JOBS, default 2 (two cores). Each process at
 * the same time gets its own SEQGRAD_PORT_SLOT, so their kernels never race for a port
 * (scripts/kernel_ports.py).
 */
export function testJobs() {
  return Math.max(1, Math.floor(Number(process.env.SEQGRAD_TEST_JOBS ?? 2)) || 1);
}

/**
 * Runs `python` with each of `argLists` in `cwd` with `env` (plus the process's port slot), `jobs` at a time, in order of
 * the list; each process's stdout and stderr are printed whole when it ends, so outputs never
 * interleave. Resolves to the exit statuses, in the order of `argLists`.
 */
export async function runPythonPool(python, argLists, { cwd, env, jobs = testJobs() }) {
  const statuses = [];
  let next = 0;
  const worker = async (slot) => {
    while (next < argLists.length) {
      const index = next++;
      statuses[index] = await new Promise((done) => {
        const child = spawn(python, argLists[index], { cwd, env: { ...env, SEQGRAD_PORT_SLOT: String(slot) }, stdio: ["ignore", "pipe", "pipe"] });
        const out = [];
        const err = [];
        child.stdout.on("data", (b) => out.push(b));
        child.stderr.on("data", (b) => err.push(b));
        child.on("error", (error) => err.push(Buffer.from(`${python}: ${error.message}\n`)));
        child.on("close", (code) => {
          process.stdout.write(Buffer.concat(out));
          process.stderr.write(Buffer.concat(err));
          done(code ?? 1);
        });
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, argLists.length) }, (_, slot) => worker(slot)));
  return statuses;
}
