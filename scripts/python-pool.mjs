// Runs several python test processes at once for the suites whose time is mostly their kernels'
// (one kernel process per test process, so two of them keep two cores busy).
import { spawn } from "node:child_process";

/**
 * How many test processes run at once: SEQGRAD_TEST_JOBS, default 2 (two cores). Their kernels
 * never race for a port: each process claims its ports (scripts/kernel_ports.py).
 */
export function testJobs() {
  return Math.max(1, Math.floor(Number(process.env.SEQGRAD_TEST_JOBS ?? 2)) || 1);
}

/**
 * Runs `python` with each of `argLists` in `cwd` with `env`, `jobs` at a time, in order of
 * the list; each process's stdout and stderr are printed whole when it ends, so outputs never
 * interleave. Resolves to the exit statuses, in the order of `argLists`.
 */
export async function runPythonPool(python, argLists, { cwd, env, jobs = testJobs() }) {
  const statuses = [];
  let next = 0;
  const worker = async () => {
    while (next < argLists.length) {
      const index = next++;
      statuses[index] = await new Promise((done) => {
        const child = spawn(python, argLists[index], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
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
  await Promise.all(Array.from({ length: Math.min(jobs, argLists.length) }, worker));
  return statuses;
}
