// Small statistics and formatting helpers of the benchmark.

/** The median of a non-empty list of numbers. */
export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** A number with `digits` significant figures, or "n/a". */
export function fmt(value, digits = 3) {
  if (value === undefined || value === null || !Number.isFinite(value)) return "n/a";
  if (Math.abs(value) >= 10 ** digits) return Math.round(value).toLocaleString("en-US");
  return Number(value.toPrecision(digits)).toString();
}

/** "a / b" as a ratio with two decimals and an x, or "n/a". */
export function ratio(a, b) {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return "n/a";
  return `${(a / b).toFixed(2)}x`;
}

/** A markdown table from a header row and body rows. */
export function table(header, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/**
 * Median wall-clock and CPU milliseconds of `runs` calls of `fn`, after one warm-up call. The CPU
 * figure stays meaningful on a machine shared with other jobs.
 */
export function timeWallCpu(fn, runs) {
  fn();
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

/** Wall-clock milliseconds of each of `n` calls of `step`: the samples a worker's "run" answers. */
export function timeSteps(step, n) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    step();
    times.push(performance.now() - t0);
  }
  return times;
}

/**
 * `timeSteps` with the event loop turning between steps (untimed), as in a training loop that
 * awaits between steps (a notebook's train() does, to stay interruptible): the garbage
 * collector's FinalizationRegistry callbacks, which give dropped tensors' wasm storage back, run
 * only then.
 */
export async function timeStepsYielding(step, n) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    step();
    times.push(performance.now() - t0);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return times;
}
